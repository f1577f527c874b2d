import { dec } from '@lib/common';
import {
  disputeAgingBucket,
  disputeAgingLabel,
  DISPUTE_CODES,
  disputeAgeDays,
  disputeCodeInfo,
  disputeDueDate,
  disputeStatus,
  disputeViolations,
  isDisputeCode,
  isDisputeOverdue,
  openDispute,
  overridesOf,
  resolveDispute,
  type DisputedStatement,
  type OpenDisputeInput,
} from './disputes';
import { line } from './spec-builders';
import { type Dispute } from './types';

const dispute = (overrides: Partial<Dispute> = {}): Dispute => ({
  disputeId: 'D1',
  scope: { kind: 'LINE', lineId: 'L1' },
  code: 'M',
  note: 'billed twice',
  openedOn: '2026-06-01',
  resolution: null,
  ...overrides,
});

describe('MDRP dispute codes', () => {
  it('are M D U J K O, each described', () => {
    expect(DISPUTE_CODES.map((c) => c.code)).toEqual(['M', 'D', 'U', 'J', 'K', 'O']);
    for (const c of DISPUTE_CODES) expect(c.description.length).toBeGreaterThan(10);
  });
  it.each<[string, boolean]>([
    ['M', true],
    ['D', true],
    ['U', true],
    ['J', true],
    ['K', true],
    ['O', true],
    ['m', false],
    ['P', false],
    ['', false],
    ['MM', false],
  ])('%j is a dispute code: %s', (code, expected) => {
    expect(isDisputeCode(code)).toBe(expected);
  });
  it.each<[Dispute['code'], string]>([
    ['M', 'Duplicate claim'],
    ['D', 'Unit of measure'],
    ['U', 'Not rebate eligible'],
    ['J', 'No state payment'],
    ['K', 'HCPCS without NDC'],
    ['O', 'Invalid NDC'],
  ])('%s is %s', (code, label) => {
    expect(disputeCodeInfo(code).label).toBe(label);
  });
});

describe('dispute age, due date and overdue (default window 60 days)', () => {
  it.each<[string, string | null, string, number, string, boolean]>([
    ['2026-06-01', null, '2026-06-01', 0, '2026-07-31', false],
    ['2026-06-01', null, '2026-07-31', 60, '2026-07-31', false],
    ['2026-06-01', null, '2026-08-01', 61, '2026-07-31', true],
    ['2026-12-15', null, '2027-03-01', 76, '2027-02-13', true],
    ['2026-06-01', '2026-09-01', '2026-12-31', 92, '2026-07-31', false], // resolved late: age frozen, not overdue
    ['2028-01-15', null, '2028-03-15', 60, '2028-03-15', false], // leap year
  ])(
    'opened %s, resolved %s, today %s -> age %i, due %s, overdue %s',
    (openedOn, resolvedOn, today, age, due, overdue) => {
      const d = dispute({
        openedOn,
        resolution: resolvedOn === null ? null : { outcome: 'DENIED', resolvedOn, note: '' },
      });
      expect(disputeAgeDays(d, today)).toBe(age);
      expect(disputeDueDate(d)).toBe(due);
      expect(isDisputeOverdue(d, today)).toBe(overdue);
    },
  );

  it.each<[number, string, boolean]>([
    [30, '2026-07-01', false],
    [30, '2026-07-02', true],
    [90, '2026-08-30', false],
  ])('configurable window %i days: today %s overdue %s', (days, today, overdue) => {
    expect(isDisputeOverdue(dispute(), today, days)).toBe(overdue);
  });
});

describe('opening a dispute', () => {
  const lines = [line({ lineId: 'L1' }), line({ lineId: 'L2', component: 'OUTCOME:VOE12' })];
  const statement = (overrides: Partial<DisputedStatement> = {}): DisputedStatement => ({
    status: 'ISSUED',
    issuedOn: '2026-05-30',
    lines,
    disputes: [],
    ...overrides,
  });
  const input = (overrides: Partial<OpenDisputeInput> = {}): OpenDisputeInput => ({
    disputeId: 'D9',
    scope: { kind: 'LINE', lineId: 'L1' },
    code: 'M',
    note: 'managed-care encounter',
    openedOn: '2026-06-02',
    ...overrides,
  });

  it.each<[string, Partial<OpenDisputeInput>, Partial<DisputedStatement>, string[]]>([
    ['a line of an issued statement', {}, {}, []],
    ['the whole statement', { scope: { kind: 'STATEMENT' } }, {}, []],
    ['on the issue date', { openedOn: '2026-05-30' }, {}, []],
    ['an acknowledged statement', {}, { status: 'ACKNOWLEDGED' }, []],
    ['a partially paid statement', {}, { status: 'PARTIALLY_PAID' }, []],
    ['a draft', {}, { status: 'DRAFT', issuedOn: null }, ['statement: not issued yet']],
    ['a paid statement', {}, { status: 'PAID' }, ['statement: fully paid']],
    ['an unknown code', { code: 'Z' }, {}, ['input.code: not an MDRP dispute code (M D U J K O)']],
    ['before issue', { openedOn: '2026-05-29' }, {}, ['input.openedOn: before the statement was issued']],
    ['a bad date', { openedOn: '2026-02-30' }, {}, ['input.openedOn: not a date']],
    [
      'a line of another statement',
      { scope: { kind: 'LINE', lineId: 'L7' } },
      {},
      ['input.scope.lineId: not a line of this statement'],
    ],
    [
      'a line already disputed',
      {},
      { disputes: [dispute()] },
      ['input.scope.lineId: the line already has an open dispute'],
    ],
    [
      'a line whose earlier dispute was denied',
      {},
      { disputes: [dispute({ resolution: { outcome: 'DENIED', resolvedOn: '2026-06-10', note: '' } })] },
      [],
    ],
    [
      'the statement twice',
      { scope: { kind: 'STATEMENT' } },
      { disputes: [dispute({ scope: { kind: 'STATEMENT' } })] },
      ['input.scope: the statement already has an open dispute'],
    ],
    [
      'every violation at once',
      { code: 'X', openedOn: '2026-01-01', scope: { kind: 'LINE', lineId: 'nope' } },
      {},
      [
        'input.code: not an MDRP dispute code (M D U J K O)',
        'input.openedOn: before the statement was issued',
        'input.scope.lineId: not a line of this statement',
      ],
    ],
  ])('%s', (_name, inputOverrides, statementOverrides, expected) => {
    const i = input(inputOverrides);
    const s = statement(statementOverrides);
    expect(disputeViolations(i, s)).toEqual(expected);
    const result = openDispute(i, s);
    expect(result.ok).toBe(expected.length === 0);
    if (result.ok) {
      expect(disputeStatus(result.value)).toBe('OPEN');
      expect(result.value.code).toBe(i.code);
    }
  });
});

describe('resolving a dispute (rebate-rules section 8)', () => {
  it('UPHELD defaults to an agreed amount of 0', () => {
    const r = resolveDispute(dispute(), { outcome: 'UPHELD', resolvedOn: '2026-06-20', note: 'duplicate confirmed' });
    expect(r.ok && r.value.resolution).toEqual({
      outcome: 'UPHELD',
      resolvedOn: '2026-06-20',
      note: 'duplicate confirmed',
      agreedAmount: dec(0),
    });
    expect(r.ok && disputeStatus(r.value)).toBe('UPHELD');
  });

  it('UPHELD with a stated agreed amount', () => {
    const r = resolveDispute(dispute(), {
      outcome: 'UPHELD',
      resolvedOn: '2026-06-20',
      note: '',
      agreedAmount: dec('110000.00'),
    });
    expect(r.ok && r.value.resolution?.outcome === 'UPHELD' && r.value.resolution.agreedAmount.toFixed(2)).toBe(
      '110000.00',
    );
  });

  it('DENIED keeps the amount owed', () => {
    const r = resolveDispute(dispute(), { outcome: 'DENIED', resolvedOn: '2026-06-01', note: 'not a duplicate' });
    expect(r.ok && disputeStatus(r.value)).toBe('DENIED');
  });

  it.each<[string, Dispute, Parameters<typeof resolveDispute>[1], string]>([
    [
      'already resolved',
      dispute({ resolution: { outcome: 'DENIED', resolvedOn: '2026-06-02', note: '' } }),
      { outcome: 'UPHELD', resolvedOn: '2026-06-20', note: '' },
      'already DENIED',
    ],
    [
      'before opening',
      dispute(),
      { outcome: 'DENIED', resolvedOn: '2026-05-31', note: '' },
      'before the dispute was opened',
    ],
    ['a bad date', dispute(), { outcome: 'DENIED', resolvedOn: '2026-13-01', note: '' }, 'not a date'],
    [
      'a negative agreed amount',
      dispute(),
      { outcome: 'UPHELD', resolvedOn: '2026-06-20', note: '', agreedAmount: dec(-1) },
      'negative',
    ],
    [
      'fractions of a cent',
      dispute(),
      { outcome: 'UPHELD', resolvedOn: '2026-06-20', note: '', agreedAmount: dec('1.005') },
      'cents',
    ],
    [
      'a whole statement at a non-zero amount',
      dispute({ scope: { kind: 'STATEMENT' } }),
      { outcome: 'UPHELD', resolvedOn: '2026-06-20', note: '', agreedAmount: dec('5.00') },
      'line by line',
    ],
  ])('refuses %s', (_name, d, input, reason) => {
    const r = resolveDispute(d, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('overrides recorded by an UPHELD dispute', () => {
  const lines = [
    line({ lineId: 'L1', episodeRef: 'EP-2', component: 'OUTCOME:VOE12' }),
    line({ lineId: 'L2', episodeRef: 'EP-1', component: 'GUARANTEED' }),
    line({ lineId: 'L3', episodeRef: 'EP-1', component: 'GUARANTEED', serviceQuarter: '2025Q4' }),
    line({ lineId: 'L4', episodeRef: 'EP-1', component: 'VOLUME' }),
  ];
  const upheld = (scope: Dispute['scope'], amount = '0') =>
    dispute({
      scope,
      resolution: { outcome: 'UPHELD', resolvedOn: '2026-06-20', note: '', agreedAmount: dec(amount) },
    });
  const show = (d: Dispute) =>
    overridesOf(d, lines).map((o) => `${o.episodeRef}/${o.component}=${o.amount.toFixed(2)}`);

  it.each<[string, Dispute, string[]]>([
    ['open: none', dispute(), []],
    ['denied: none', dispute({ resolution: { outcome: 'DENIED', resolvedOn: '2026-06-20', note: '' } }), []],
    ['a line at 0', upheld({ kind: 'LINE', lineId: 'L1' }), ['EP-2/OUTCOME:VOE12=0.00']],
    ['a line at an agreed amount', upheld({ kind: 'LINE', lineId: 'L2' }, '1000.00'), ['EP-1/GUARANTEED=1000.00']],
    [
      'a whole statement: each episode component once, sorted',
      upheld({ kind: 'STATEMENT' }),
      ['EP-1/GUARANTEED=0.00', 'EP-1/VOLUME=0.00', 'EP-2/OUTCOME:VOE12=0.00'],
    ],
  ])('%s', (_name, d, expected) => {
    expect(show(d)).toEqual(expected);
  });
});

describe('disputeAgingBucket: the portal’s aging buckets', () => {
  it.each([
    [0, 'DAYS_0_30'],
    [30, 'DAYS_0_30'],
    [31, 'DAYS_31_60'],
    [60, 'DAYS_31_60'],
    [61, 'OVER_60'],
    [400, 'OVER_60'],
  ])('open %i days -> %s', (days, bucket) => {
    expect(disputeAgingBucket(days)).toBe(bucket);
  });

  it.each([
    [0, '0-30 days'],
    [30, '0-30 days'],
    [31, '31-60 days'],
    [60, '31-60 days'],
    [61, 'More than 60 days'],
  ])('open %i days reads "%s"', (days, label) => {
    expect(disputeAgingLabel(days)).toBe(label);
  });
});
