import { Dec } from '@lib/common';
import { diffTermSheets } from './term-sheet.diff';
import { casgevyTerms } from './term-sheet.fixtures';

const d = (v: string) => new Dec(v);

describe('diffTermSheets', () => {
  it('finds nothing between equal terms (decimals compared by value)', () => {
    const a = casgevyTerms();
    const b = casgevyTerms({ supplementalCapPct: d('0.750') });
    expect(diffTermSheets(a, b)).toEqual([]);
  });

  it.each([
    [
      'the cap',
      casgevyTerms({ supplementalCapPct: d('0.8') }),
      [{ path: 'supplementalCapPct', change: 'CHANGED', before: '0.75', after: '0.8' }],
    ],
    [
      'a schedule entry changed and one added',
      casgevyTerms({
        schedule: [
          { effectiveFrom: '2025-01-01', effectiveTo: '2026-12-31', wac: d('2200000'), guaranteedRebatePct: d('0.12') },
          { effectiveFrom: '2027-01-01', effectiveTo: null, wac: d('2300000'), guaranteedRebatePct: d('0.12') },
        ],
      }),
      [
        { path: 'schedule[2025-01-01].effectiveTo', change: 'CHANGED', before: null, after: '2026-12-31' },
        { path: 'schedule[2025-01-01].guaranteedRebatePct', change: 'CHANGED', before: '0.1', after: '0.12' },
        {
          path: 'schedule[2027-01-01]',
          change: 'ADDED',
          before: null,
          after: 'effectiveFrom=2027-01-01, effectiveTo=open, wac=2300000, guaranteedRebatePct=0.12',
        },
      ],
    ],
    [
      'a benchmark tier changed, one removed, washout and prefixes changed',
      casgevyTerms({
        benchmarks: [
          {
            code: 'VOE12',
            measure: 'VOE_HOSPITALIZATION',
            washoutDays: 45,
            diagnosisPrefixes: ['D570'],
            tiers: [
              { throughMonth: 12, rebatePct: d('0.6') },
              { throughMonth: 24, rebatePct: d('0.3') },
            ],
          },
        ],
      }),
      [
        { path: 'benchmarks[VOE12].washoutDays', change: 'CHANGED', before: '30', after: '45' },
        {
          path: 'benchmarks[VOE12].diagnosisPrefixes',
          change: 'CHANGED',
          before: 'D570 D5721 D5741 D5743 D5745 D5781',
          after: 'D570',
        },
        { path: 'benchmarks[VOE12].tiers[12].rebatePct', change: 'CHANGED', before: '0.5', after: '0.6' },
        {
          path: 'benchmarks[VOE12].tiers[36]',
          change: 'REMOVED',
          before: 'throughMonth=36, rebatePct=0.15',
          after: null,
        },
      ],
    ],
    [
      'volume tiers and the benchmark removed',
      casgevyTerms({ benchmarks: [], volumeTiers: [{ minTreatments: 50, additionalRebatePct: d('0.03') }] }),
      [
        {
          path: 'benchmarks[VOE12]',
          change: 'REMOVED',
          before:
            'code=VOE12, measure=VOE_HOSPITALIZATION, washoutDays=30, diagnosisPrefixes=D570 D5721 D5741 D5743 D5745 D5781',
          after: null,
        },
        { path: 'volumeTiers[50].additionalRebatePct', change: 'CHANGED', before: '0.02', after: '0.03' },
        {
          path: 'volumeTiers[150]',
          change: 'REMOVED',
          before: 'minTreatments=150, additionalRebatePct=0.04',
          after: null,
        },
      ],
    ],
  ])('reports %s', (_name, changed, expected) => {
    expect(diffTermSheets(casgevyTerms(), changed)).toEqual(expected);
  });
});
