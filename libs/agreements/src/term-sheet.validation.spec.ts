import { Dec } from '@lib/common';
import type { TermSheet } from './term-sheet';
import { casgevyTerms } from './term-sheet.fixtures';
import { validateTermSheet } from './term-sheet.validation';

const d = (v: string) => new Dec(v);
const base = casgevyTerms();
const entry = base.schedule[0];
const benchmark = base.benchmarks[0];

/** Each case breaks one rule and names the violations it must produce (path -> message part). */
const CASES: [string, TermSheet, [string, string][]][] = [
  [
    'enrollment start is not a date',
    { ...base, enrollmentStart: '2025-02-30' },
    [['t.enrollmentStart', 'must be a date']],
  ],
  ['enrollment end is not a date', { ...base, enrollmentEnd: '31/12/2030' }, [['t.enrollmentEnd', 'must be a date']]],
  [
    'enrollment start after end',
    { ...base, enrollmentStart: '2031-01-01', schedule: [{ ...entry, effectiveFrom: '2025-01-01' }] },
    [['t.enrollmentEnd', 'must not be before enrollmentStart']],
  ],
  ['cap above 1', { ...base, supplementalCapPct: d('1.5') }, [['t.supplementalCapPct', 'between 0 and 1']]],
  ['cap negative', { ...base, supplementalCapPct: d('-0.1') }, [['t.supplementalCapPct', 'between 0 and 1']]],
  ['cap with 7 decimals', { ...base, supplementalCapPct: d('0.7500001') }, [['t.supplementalCapPct', 'at most 6']]],
  ['empty schedule', { ...base, schedule: [] }, [['t.schedule', 'at least one entry']]],
  ['WAC zero', { ...base, schedule: [{ ...entry, wac: d('0') }] }, [['t.schedule[0].wac', 'greater than 0']]],
  ['WAC negative', { ...base, schedule: [{ ...entry, wac: d('-1') }] }, [['t.schedule[0].wac', 'greater than 0']]],
  ['WAC with 3 decimals', { ...base, schedule: [{ ...entry, wac: d('1.001') }] }, [['t.schedule[0].wac', 'at most 2']]],
  [
    'guaranteed pct above 1',
    { ...base, supplementalCapPct: d('1'), schedule: [{ ...entry, guaranteedRebatePct: d('1.2') }] },
    [['t.schedule[0].guaranteedRebatePct', 'between 0 and 1']],
  ],
  [
    'guaranteed pct with 7 decimals',
    { ...base, schedule: [{ ...entry, guaranteedRebatePct: d('0.1000001') }] },
    [['t.schedule[0].guaranteedRebatePct', 'at most 6']],
  ],
  [
    'guaranteed pct above the cap',
    { ...base, supplementalCapPct: d('0.05') },
    [['t.schedule[0].guaranteedRebatePct', 'must not exceed supplementalCapPct']],
  ],
  [
    'entry ends before it starts',
    { ...base, schedule: [{ ...entry, effectiveTo: '2024-12-31' }] },
    [['t.schedule[0].effectiveTo', 'must not be before effectiveFrom']],
  ],
  [
    'entry effectiveTo not a date',
    { ...base, schedule: [{ ...entry, effectiveTo: 'soon' }] },
    [['t.schedule[0].effectiveTo', 'must be a date']],
  ],
  [
    'overlapping entries (open first entry)',
    { ...base, schedule: [entry, { ...entry, effectiveFrom: '2026-01-01' }] },
    [['t.schedule[1].effectiveFrom', 'overlaps schedule[0]']],
  ],
  [
    'overlapping entries (closed first entry)',
    {
      ...base,
      schedule: [
        { ...entry, effectiveTo: '2026-06-30' },
        { ...entry, effectiveFrom: '2026-01-01' },
      ],
    },
    [['t.schedule[1].effectiveFrom', 'overlaps schedule[0]']],
  ],
  [
    'gap between entries',
    {
      ...base,
      schedule: [
        { ...entry, effectiveTo: '2025-12-31' },
        { ...entry, effectiveFrom: '2026-02-01' },
      ],
    },
    [['t.schedule[1].effectiveFrom', 'leaves a gap']],
  ],
  [
    'entries out of order',
    {
      ...base,
      schedule: [
        { ...entry, effectiveFrom: '2026-01-01' },
        { ...entry, effectiveTo: '2025-12-31' },
      ],
    },
    [['t.schedule[1].effectiveFrom', 'ascending effectiveFrom order']],
  ],
  [
    'schedule starts after enrollment start',
    { ...base, schedule: [{ ...entry, effectiveFrom: '2025-02-01' }] },
    [['t.schedule[0].effectiveFrom', 'cover the enrollment window']],
  ],
  [
    'schedule ends before enrollment end',
    { ...base, schedule: [{ ...entry, effectiveTo: '2029-12-31' }] },
    [['t.schedule[0].effectiveTo', 'cover the enrollment window']],
  ],
  [
    'benchmark code malformed',
    { ...base, benchmarks: [{ ...benchmark, code: 'voe 12' }] },
    [['t.benchmarks[0].code', 'upper-case letters']],
  ],
  [
    'benchmark codes not unique',
    { ...base, benchmarks: [benchmark, benchmark] },
    [['t.benchmarks[1].code', 'duplicates benchmark code VOE12']],
  ],
  [
    'benchmark measure unknown',
    { ...base, benchmarks: [{ ...benchmark, measure: 'DEATH' as 'REPORTED_EVENT' }] },
    [['t.benchmarks[0].measure', 'must be one of']],
  ],
  [
    'washout negative',
    { ...base, benchmarks: [{ ...benchmark, washoutDays: -1 }] },
    [['t.benchmarks[0].washoutDays', '>= 0']],
  ],
  [
    'washout fractional',
    { ...base, benchmarks: [{ ...benchmark, washoutDays: 1.5 }] },
    [['t.benchmarks[0].washoutDays', 'whole number']],
  ],
  [
    'VOE benchmark without prefixes',
    { ...base, benchmarks: [{ ...benchmark, diagnosisPrefixes: [] }] },
    [['t.benchmarks[0].diagnosisPrefixes', 'at least one']],
  ],
  [
    'diagnosis prefix with a dot',
    { ...base, benchmarks: [{ ...benchmark, diagnosisPrefixes: ['D57.0'] }] },
    [['t.benchmarks[0].diagnosisPrefixes[0]', 'without the dot']],
  ],
  [
    'duplicate diagnosis prefix',
    { ...base, benchmarks: [{ ...benchmark, diagnosisPrefixes: ['D570', 'D570'] }] },
    [['t.benchmarks[0].diagnosisPrefixes[1]', 'duplicates D570']],
  ],
  [
    'benchmark without tiers',
    { ...base, benchmarks: [{ ...benchmark, tiers: [] }] },
    [['t.benchmarks[0].tiers', 'at least one tier']],
  ],
  [
    'tiers not ascending',
    {
      ...base,
      benchmarks: [
        {
          ...benchmark,
          tiers: [
            { throughMonth: 24, rebatePct: d('0.3') },
            { throughMonth: 12, rebatePct: d('0.5') },
          ],
        },
      ],
    },
    [['t.benchmarks[0].tiers[1].throughMonth', 'strictly ascending']],
  ],
  [
    'tier month zero',
    { ...base, benchmarks: [{ ...benchmark, tiers: [{ throughMonth: 0, rebatePct: d('0.5') }] }] },
    [['t.benchmarks[0].tiers[0].throughMonth', '>= 1']],
  ],
  [
    'tier pct above 1',
    { ...base, benchmarks: [{ ...benchmark, tiers: [{ throughMonth: 12, rebatePct: d('1.01') }] }] },
    [['t.benchmarks[0].tiers[0].rebatePct', 'between 0 and 1']],
  ],
  [
    'volume tiers not ascending',
    {
      ...base,
      volumeTiers: [
        { minTreatments: 10, additionalRebatePct: d('0.01') },
        { minTreatments: 10, additionalRebatePct: d('0.02') },
      ],
    },
    [['t.volumeTiers[1].minTreatments', 'strictly ascending']],
  ],
  [
    'volume tier min zero',
    { ...base, volumeTiers: [{ minTreatments: 0, additionalRebatePct: d('0.01') }] },
    [['t.volumeTiers[0].minTreatments', '>= 1']],
  ],
  [
    'volume tier pct with 7 decimals',
    { ...base, volumeTiers: [{ minTreatments: 5, additionalRebatePct: d('0.0000001') }] },
    [['t.volumeTiers[0].additionalRebatePct', 'at most 6']],
  ],
];

describe('validateTermSheet (rebate-rules section 1)', () => {
  it('accepts the illustrative Casgevy terms', () => {
    expect(validateTermSheet(base, 't')).toEqual([]);
  });

  it('accepts contiguous schedule entries that cover the window, and no benchmarks or volume tiers', () => {
    const terms = casgevyTerms({
      schedule: [
        { ...entry, effectiveTo: '2026-12-31' },
        { ...entry, effectiveFrom: '2027-01-01', effectiveTo: '2030-12-31', wac: d('2300000.00') },
      ],
      benchmarks: [],
      volumeTiers: [],
    });
    expect(validateTermSheet(terms, 't')).toEqual([]);
  });

  it.each(CASES)('%s', (_name, terms, expected) => {
    const violations = validateTermSheet(terms, 't');
    for (const [path, message] of expected) {
      expect(violations).toContainEqual({ path, message: expect.stringContaining(message) });
    }
    expect(violations).toHaveLength(expected.length);
  });

  it('reports every violation at once', () => {
    const terms = casgevyTerms({
      supplementalCapPct: d('2'),
      schedule: [{ ...entry, wac: d('0') }],
      benchmarks: [{ ...benchmark, washoutDays: -3 }],
    });
    expect(validateTermSheet(terms, 'input.terms').map((v) => v.path)).toEqual([
      'input.terms.supplementalCapPct',
      'input.terms.schedule[0].wac',
      'input.terms.benchmarks[0].washoutDays',
    ]);
  });
});
