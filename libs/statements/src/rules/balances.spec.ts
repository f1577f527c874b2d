import { dec } from '@lib/common';
import { paymentStateOf, statementBalances, type StatementMoney } from './balances';
import { line } from './spec-builders';
import { type Dispute, type Payment } from './types';

const L1 = line({ lineId: 'L1', amount: '220000.00' });
const L2 = line({ lineId: 'L2', component: 'OUTCOME:VOE12', serviceQuarter: '2026Q2', amount: '1100000.00' });
const CREDIT = line({ lineId: 'L3', serviceQuarter: '2026Q1', amount: '-100.00' });
const REVERSAL = line({ lineId: 'L4', component: 'OUTCOME:VOE12', serviceQuarter: '2026Q2', amount: '-1100000.00' });

const pay = (receivedOn: string, amount: string): Payment => ({
  paymentId: `P${receivedOn}`,
  receivedOn,
  amount: dec(amount),
  reference: 'wire',
});
const disputeOf = (
  scope: Dispute['scope'],
  openedOn = '2026-06-10',
  resolution: Dispute['resolution'] = null,
): Dispute => ({
  disputeId: 'D1',
  scope,
  code: 'U',
  note: '',
  openedOn,
  resolution,
});
const onL2 = { kind: 'LINE', lineId: 'L2' } as const;
const money = (overrides: Partial<StatementMoney> = {}): StatementMoney => ({
  lines: [L1, L2],
  disputes: [],
  payments: [],
  ...overrides,
});

describe('statement balances (paid, disputed, outstanding; payments to undisputed first)', () => {
  // [name, money, asOf, total, paid, disputed, upheld, undisputed, paidToUndisputed, outstanding, outstandingUndisputed]
  it.each<[string, StatementMoney, string, string[]]>([
    [
      'nothing paid or disputed',
      money(),
      '2026-07-16',
      ['1320000.00', '0.00', '0.00', '0.00', '1320000.00', '0.00', '1320000.00', '1320000.00'],
    ],
    [
      'a line under open dispute',
      money({ disputes: [disputeOf(onL2)] }),
      '2026-07-16',
      ['1320000.00', '0.00', '1100000.00', '0.00', '220000.00', '0.00', '1320000.00', '220000.00'],
    ],
    [
      'a partial payment',
      money({ payments: [pay('2026-07-01', '100000')] }),
      '2026-07-16',
      ['1320000.00', '100000.00', '0.00', '0.00', '1320000.00', '100000.00', '1220000.00', '1220000.00'],
    ],
    [
      'a payment beyond the undisputed part goes to the disputed part next',
      money({ disputes: [disputeOf(onL2)], payments: [pay('2026-07-01', '500000')] }),
      '2026-07-16',
      ['1320000.00', '500000.00', '1100000.00', '0.00', '220000.00', '220000.00', '820000.00', '0.00'],
    ],
    [
      'a payment received after the as-of date does not count yet',
      money({ payments: [pay('2026-07-17', '100000')] }),
      '2026-07-16',
      ['1320000.00', '0.00', '0.00', '0.00', '1320000.00', '0.00', '1320000.00', '1320000.00'],
    ],
    [
      'a payment on the as-of date counts',
      money({ payments: [pay('2026-07-16', '1320000.00')] }),
      '2026-07-16',
      ['1320000.00', '1320000.00', '0.00', '0.00', '1320000.00', '1320000.00', '0.00', '0.00'],
    ],
    [
      'an upheld dispute',
      money({
        disputes: [
          disputeOf(onL2, '2026-06-10', {
            outcome: 'UPHELD',
            resolvedOn: '2026-07-01',
            note: '',
            agreedAmount: dec(0),
          }),
        ],
      }),
      '2026-07-16',
      ['1320000.00', '0.00', '0.00', '1100000.00', '220000.00', '0.00', '1320000.00', '220000.00'],
    ],
    [
      'a dispute upheld at an agreed amount: only line - agreed is held back',
      money({
        disputes: [
          disputeOf(onL2, '2026-06-10', {
            outcome: 'UPHELD',
            resolvedOn: '2026-07-01',
            note: '',
            agreedAmount: dec('660000.00'),
          }),
        ],
      }),
      '2026-07-16',
      ['1320000.00', '0.00', '0.00', '440000.00', '880000.00', '0.00', '1320000.00', '880000.00'],
    ],
    [
      'an open line dispute and an upheld one on other lines',
      money({
        lines: [L1, L2, line({ lineId: 'L9', amount: '1000.00' })],
        disputes: [
          disputeOf({ kind: 'LINE', lineId: 'L1' }),
          disputeOf({ kind: 'LINE', lineId: 'L9' }, '2026-06-10', {
            outcome: 'UPHELD',
            resolvedOn: '2026-07-01',
            note: '',
            agreedAmount: dec(0),
          }),
        ],
        payments: [pay('2026-07-01', '1000.00')],
      }),
      '2026-07-16',
      ['1321000.00', '1000.00', '220000.00', '1000.00', '1100000.00', '1000.00', '1320000.00', '1099000.00'],
    ],
    [
      'a dispute upheld after the as-of date is still open then',
      money({
        disputes: [
          disputeOf(onL2, '2026-06-10', {
            outcome: 'UPHELD',
            resolvedOn: '2026-08-01',
            note: '',
            agreedAmount: dec(0),
          }),
        ],
      }),
      '2026-07-16',
      ['1320000.00', '0.00', '1100000.00', '0.00', '220000.00', '0.00', '1320000.00', '220000.00'],
    ],
    [
      'a denied dispute holds nothing back',
      money({ disputes: [disputeOf(onL2, '2026-06-10', { outcome: 'DENIED', resolvedOn: '2026-07-01', note: '' })] }),
      '2026-07-16',
      ['1320000.00', '0.00', '0.00', '0.00', '1320000.00', '0.00', '1320000.00', '1320000.00'],
    ],
    [
      'a dispute opened after the as-of date does not exist yet',
      money({ disputes: [disputeOf(onL2, '2026-07-20')] }),
      '2026-07-16',
      ['1320000.00', '0.00', '0.00', '0.00', '1320000.00', '0.00', '1320000.00', '1320000.00'],
    ],
    [
      'a whole-statement dispute holds back the total',
      money({ disputes: [disputeOf({ kind: 'STATEMENT' })] }),
      '2026-07-16',
      ['1320000.00', '0.00', '1320000.00', '0.00', '0.00', '0.00', '1320000.00', '0.00'],
    ],
    [
      'a disputed credit line holds nothing back',
      money({ lines: [L1, CREDIT], disputes: [disputeOf({ kind: 'LINE', lineId: 'L3' })] }),
      '2026-07-16',
      ['219900.00', '0.00', '0.00', '0.00', '219900.00', '0.00', '219900.00', '219900.00'],
    ],
    [
      'held back never exceeds the total (zero-total statement)',
      money({ lines: [L2, REVERSAL], disputes: [disputeOf(onL2)] }),
      '2026-07-16',
      ['0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ],
    [
      'an overpayment leaves a credit',
      money({ payments: [pay('2026-07-01', '1320000.00'), pay('2026-07-02', '0.01')] }),
      '2026-07-16',
      ['1320000.00', '1320000.01', '0.00', '0.00', '1320000.00', '1320000.00', '-0.01', '0.00'],
    ],
    [
      'a credit statement',
      money({ lines: [CREDIT] }),
      '2026-07-16',
      ['-100.00', '0.00', '0.00', '0.00', '-100.00', '0.00', '-100.00', '0.00'],
    ],
    [
      'an empty statement',
      money({ lines: [] }),
      '2026-07-16',
      ['0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ],
  ])('%s', (_name, m, asOf, expected) => {
    const b = statementBalances(m, asOf);
    expect(
      [
        b.total,
        b.paid,
        b.disputed,
        b.upheld,
        b.undisputed,
        b.paidToUndisputed,
        b.outstanding,
        b.outstandingUndisputed,
      ].map((d) => d.toFixed(2)),
    ).toEqual(expected);
  });
});

describe('payment state for the status transition', () => {
  it.each<[string, Payment[], string]>([
    ['nothing paid', [], 'NONE'],
    ['part paid', [pay('2026-07-01', '0.01')], 'PARTIAL'],
    ['all but a cent', [pay('2026-07-01', '1319999.99')], 'PARTIAL'],
    ['exactly paid', [pay('2026-07-01', '1320000.00')], 'FULL'],
    ['overpaid', [pay('2026-07-01', '1320000.01')], 'FULL'],
    ['paid in two', [pay('2026-07-01', '1000000.00'), pay('2026-07-02', '320000.00')], 'FULL'],
  ])('%s -> %s', (_name, payments, expected) => {
    expect(paymentStateOf(statementBalances(money({ payments }), '2026-07-16'))).toBe(expected);
  });

  it.each<[string, string[], string]>([
    ['a zero-total statement is settled', ['1100000.00', '-1100000.00'], 'FULL'],
    ['a credit statement is settled', ['-100.00'], 'FULL'],
  ])('%s', (_name, amounts, expected) => {
    const lines = amounts.map((amount, i) => line({ lineId: `Z${i}`, amount }));
    expect(paymentStateOf(statementBalances(money({ lines }), '2026-07-16'))).toBe(expected);
  });
});
