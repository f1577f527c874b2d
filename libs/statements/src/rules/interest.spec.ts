import { dec } from '@lib/common';
import { type StatementMoney } from './balances';
import { rateOn, statementInterest } from './interest';
import { line } from './spec-builders';
import { type Dispute, type InterestRatePeriod, type Payment } from './types';

// Issued 2026-05-30: due 2026-07-06 (day 37), interest from 2026-07-07 (day 38).
const ISSUED = '2026-05-30';
const FLAT: InterestRatePeriod[] = [{ effectiveFrom: '2020-01-01', effectiveTo: null, annualRate: dec('0.05') }];
const pay = (receivedOn: string, amount: string): Payment => ({
  paymentId: `P${receivedOn}`,
  receivedOn,
  amount: dec(amount),
  reference: 'wire',
});
const L1 = line({ lineId: 'L1', amount: '220000.00' });
const L2 = line({ lineId: 'L2', component: 'OUTCOME:VOE12', amount: '1100000.00' });
const onL2 = (openedOn: string, resolution: Dispute['resolution'] = null): Dispute => ({
  disputeId: 'D1',
  scope: { kind: 'LINE', lineId: 'L2' },
  code: 'M',
  note: '',
  openedOn,
  resolution,
});
const money = (amounts: string[], payments: Payment[] = [], disputes: Dispute[] = []): StatementMoney => ({
  lines: amounts.map((amount, i) => line({ lineId: `X${i}`, amount })),
  payments,
  disputes,
});

describe('interest on the unpaid undisputed amount (actual/365; rounded once)', () => {
  it.each<[string, StatementMoney, string, InterestRatePeriod[], string]>([
    ['day 37 (due date): nothing', money(['220000.00']), '2026-07-06', FLAT, '0.00'],
    ['before the due date: nothing', money(['220000.00']), '2026-06-15', FLAT, '0.00'],
    // 220000 x 0.05 / 365 = 30.1369...
    ['day 38: one day', money(['220000.00']), '2026-07-07', FLAT, '30.14'],
    // 220000 x 0.05 x 30 / 365 = 904.1095...
    ['30 days late', money(['220000.00']), '2026-08-05', FLAT, '904.11'],
    [
      'paid in full on the due date: nothing',
      money(['220000.00'], [pay('2026-07-06', '220000.00')]),
      '2026-12-31',
      FLAT,
      '0.00',
    ],
    [
      'paid in full before the due date: nothing',
      money(['220000.00'], [pay('2026-06-01', '220000.00')]),
      '2026-12-31',
      FLAT,
      '0.00',
    ],
    [
      'paid in full on day 38: one day',
      money(['220000.00'], [pay('2026-07-07', '220000.00')]),
      '2026-12-31',
      FLAT,
      '30.14',
    ],
    // 10 days at 220000 (301.3698...) + 10 days at 100000 (136.9863...) = 438.3561...
    ['partial payment on day 47', money(['220000.00'], [pay('2026-07-16', '120000.00')]), '2026-07-26', FLAT, '438.36'],
    // partial on the due date: 100000 x 0.05 x 10 / 365 = 136.9863...
    [
      'partial payment on the due date',
      money(['220000.00'], [pay('2026-07-06', '120000.00')]),
      '2026-07-16',
      FLAT,
      '136.99',
    ],
    [
      // 5 days at 73000 (50.00) + 5 days at 36500 (25.00) + 0 after
      'two partial payments',
      money(['73000.00'], [pay('2026-07-11', '36500.00'), pay('2026-07-16', '36500.00')]),
      '2026-07-31',
      FLAT,
      '75.00',
    ],
    [
      // 9 days at 73000 x 5% / 365 (10.00 a day) + 5 days at 73000 x 7.3% / 365 (14.60 a day)
      'rate change mid-period',
      money(['73000.00']),
      '2026-07-20',
      [
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-07-15', annualRate: dec('0.05') },
        { effectiveFrom: '2026-07-16', effectiveTo: null, annualRate: dec('0.073') },
      ],
      '163.00',
    ],
    [
      // rate change and payment on interleaved days: 07-07..07-09 at 73000 x 5% (3 x 10.00);
      // 07-10..07-11 at 73000 x 7.3% (2 x 14.60); 07-12..07-16 at 36500 x 7.3% (5 x 7.30)
      'rate change and a partial payment',
      money(['73000.00'], [pay('2026-07-11', '36500.00')]),
      '2026-07-16',
      [
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-07-09', annualRate: dec('0.05') },
        { effectiveFrom: '2026-07-10', effectiveTo: null, annualRate: dec('0.073') },
      ],
      '95.70',
    ],
    [
      // 2 days x 36.50 x 5% / 365 = 2 x 0.005: 0.01 rounded once (0.02 if each day were rounded)
      'rounded half-up once at the end, not per segment',
      money(['36.50']),
      '2026-07-08',
      [
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-07-07', annualRate: dec('0.05') },
        { effectiveFrom: '2026-07-08', effectiveTo: null, annualRate: dec('0.05') },
      ],
      '0.01',
    ],
    // 1 day x 36.50 x 5% / 365 = 0.005 -> 0.01 (half-up)
    ['half a cent rounds up', money(['36.50']), '2026-07-07', FLAT, '0.01'],
    // 1 day x 36.49 x 5% / 365 = 0.00499... -> 0.00
    ['just under half a cent rounds down', money(['36.49']), '2026-07-07', FLAT, '0.00'],
    ['zero-total statement', money(['1100000.00', '-1100000.00']), '2026-12-31', FLAT, '0.00'],
    ['credit statement', money(['-5000.00']), '2026-12-31', FLAT, '0.00'],
    ['overpaid', money(['100.00'], [pay('2026-06-01', '150.00')]), '2026-12-31', FLAT, '0.00'],
    // 100 x 0.05 x 10 / 365 = 0.1369...: negative lines net against positive ones
    ['net of a negative line', money(['300.00', '-200.00']), '2026-07-16', FLAT, '0.14'],
  ])('%s', (_name, m, asOf, rates, expected) => {
    expect(statementInterest(m, ISSUED, asOf, rates).interest.toFixed(2)).toBe(expected);
  });

  it('leap year: still actual/365 (30 days at 73000 x 5% = 300.00)', () => {
    // issued 2027-12-30 -> interest from 2028-02-06 (day 38); 2028-02-06..2028-03-06 is 30 days (Feb has 29)
    expect(statementInterest(money(['73000.00']), '2027-12-30', '2028-03-06', FLAT).interest.toFixed(2)).toBe('300.00');
  });

  describe('disputes', () => {
    const m = (disputes: Dispute[], payments: Payment[] = []): StatementMoney => ({
      lines: [L1, L2],
      disputes,
      payments,
    });
    it.each<[string, StatementMoney, string]>([
      // 220000 x 0.05 x 10 / 365 = 301.3698...
      ['an open dispute: interest on the undisputed line only', m([onL2('2026-06-10')]), '301.37'],
      // 1320000 x 0.05 x 10 / 365 = 1808.2191...
      [
        'DENIED: interest from day 38 as if never disputed',
        m([onL2('2026-06-10', { outcome: 'DENIED', resolvedOn: '2026-07-10', note: '' })]),
        '1808.22',
      ],
      [
        'UPHELD: never interest on the upheld amount',
        m([onL2('2026-06-10', { outcome: 'UPHELD', resolvedOn: '2026-07-10', note: '', agreedAmount: dec(0) })]),
        '301.37',
      ],
      // 880000 x 0.05 x 10 / 365 = 1205.4794...: only line - agreed (440000) bears no interest
      [
        'UPHELD at an agreed amount',
        m([
          onL2('2026-06-10', { outcome: 'UPHELD', resolvedOn: '2026-07-10', note: '', agreedAmount: dec('660000.00') }),
        ]),
        '1205.48',
      ],
      // 5 days at 1320000 (904.1095...) + 5 days at 220000 (150.6849...) = 1054.7945...
      ['a dispute opened on day 43 stops interest from that day', m([onL2('2026-07-12')]), '1054.79'],
      // resolved after the as-of date: still open then
      [
        'resolved after the as-of date',
        m([onL2('2026-06-10', { outcome: 'DENIED', resolvedOn: '2026-07-20', note: '' })]),
        '301.37',
      ],
      [
        'undisputed part paid on the due date: nothing',
        m([onL2('2026-06-10')], [pay('2026-07-06', '220000.00')]),
        '0.00',
      ],
      // 20000 x 0.05 x 10 / 365 = 27.3972...
      ['payments go to the undisputed part first', m([onL2('2026-06-10')], [pay('2026-07-06', '200000.00')]), '27.40'],
      [
        'a whole-statement dispute',
        {
          lines: [L1, L2],
          payments: [],
          disputes: [{ ...onL2('2026-06-10'), scope: { kind: 'STATEMENT' } }],
        },
        '0.00',
      ],
    ])('%s', (_name, mm, expected) => {
      expect(statementInterest(mm, ISSUED, '2026-07-16', FLAT).interest.toFixed(2)).toBe(expected);
    });
  });

  it('reports its segments exactly', () => {
    const r = statementInterest(money(['73000.00'], [pay('2026-07-11', '36500.00')]), ISSUED, '2026-07-16', FLAT);
    expect(r.segments.map((s) => [s.from, s.to, s.days, s.balance.toFixed(2), s.amount.toFixed(2)])).toEqual([
      ['2026-07-07', '2026-07-11', 5, '73000.00', '50.00'],
      ['2026-07-12', '2026-07-16', 5, '36500.00', '25.00'],
    ]);
    expect(r.unrounded.toFixed()).toBe('75');
  });

  it('keeps full precision until the end', () => {
    const r = statementInterest(money(['220000.00']), ISSUED, '2026-07-07', FLAT);
    expect(r.unrounded.toFixed(10)).toBe('30.1369863014');
  });

  it('throws when a day that bears interest has no rate', () => {
    const gap: InterestRatePeriod[] = [
      { effectiveFrom: '2026-01-01', effectiveTo: '2026-07-09', annualRate: dec('0.05') },
      { effectiveFrom: '2026-07-12', effectiveTo: null, annualRate: dec('0.05') },
    ];
    expect(() => statementInterest(money(['100.00']), ISSUED, '2026-07-16', gap)).toThrow(
      'No interest rate in force on 2026-07-10',
    );
  });

  it('does not need a rate for days with nothing owed', () => {
    expect(
      statementInterest(money(['100.00'], [pay('2026-07-01', '100.00')]), ISSUED, '2026-07-16', []).interest.toFixed(2),
    ).toBe('0.00');
  });

  it.each<[string, string | null]>([
    ['2025-12-31', null],
    ['2026-01-01', '0.05'],
    ['2026-07-09', '0.05'],
    ['2026-07-10', null],
    ['2026-07-12', '0.06'],
    ['2099-01-01', '0.06'],
  ])('rate on %s is %s', (day, expected) => {
    const rates: InterestRatePeriod[] = [
      { effectiveFrom: '2026-01-01', effectiveTo: '2026-07-09', annualRate: dec('0.05') },
      { effectiveFrom: '2026-07-12', effectiveTo: null, annualRate: dec('0.06') },
    ];
    expect(rateOn(rates, day)?.toFixed(2) ?? null).toBe(expected);
  });
});
