import { dec, type Dec } from '@lib/common';
import { line } from '../rules/spec-builders';
import { type Dispute, type DisputeScope } from '../rules/types';
import { componentKey, overrideTotals } from './override-totals';

const upheld = (scope: DisputeScope, agreed = '0'): Dispute => ({
  disputeId: 'D1',
  scope,
  code: 'U',
  note: '',
  openedOn: '2027-08-02',
  resolution: { outcome: 'UPHELD', resolvedOn: '2027-08-03', note: '', agreedAmount: dec(agreed) },
});

const sums = (entries: [string, string, string][]): Map<string, Dec> =>
  new Map(entries.map(([ref, component, sum]) => [componentKey(ref, component), dec(sum)]));

describe('overrideTotals: what a component owes after an UPHELD dispute', () => {
  const guaranteed = line({ lineId: 'G', amount: '220000.00' });
  const outcomeQ4 = line({ lineId: 'O4', component: 'OUTCOME:VOE12', amount: '1100000.00', serviceQuarter: '2026Q4' });
  const outcomeQ2 = line({ lineId: 'O2', component: 'OUTCOME:VOE12', amount: '660000.00', serviceQuarter: '2027Q2' });
  const other = line({ lineId: 'X', episodeRef: 'EP-NY-0002', amount: '100000.00' });
  const ledger = sums([
    ['EP-NY-0001', 'GUARANTEED', '220000.00'],
    ['EP-NY-0001', 'OUTCOME:VOE12', '660000.00'],
    ['EP-NY-0002', 'GUARANTEED', '100000.00'],
  ]);

  it.each<[string, Dispute, string]>([
    ['the only entry, agreed 0: nothing owed', upheld({ kind: 'LINE', lineId: 'G' }), '0.00'],
    ['the only entry, agreed in part', upheld({ kind: 'LINE', lineId: 'G' }, '150000.25'), '150000.25'],
    [
      'the latest of several entries, agreed in part: 660000 - (660000 - 500000)',
      upheld({ kind: 'LINE', lineId: 'O2' }, '500000'),
      '500000.00',
    ],
    ['agreed at the line amount: unchanged', upheld({ kind: 'LINE', lineId: 'O2' }, '660000'), '660000.00'],
    ['a line already reversed later: never below 0', upheld({ kind: 'LINE', lineId: 'O4' }), '0.00'],
  ])('%s', (_name, dispute, expected) => {
    const [override, ...rest] = overrideTotals(dispute, [guaranteed, outcomeQ4, outcomeQ2, other], ledger);
    expect(rest).toEqual([]);
    expect(override.amount.toFixed(2)).toBe(expected);
  });

  it('a whole statement upheld at 0 removes what the statement billed for each of its components', () => {
    const statementLines = [guaranteed, outcomeQ2, other];
    const result = overrideTotals(upheld({ kind: 'STATEMENT' }), statementLines, ledger);
    expect(result.map((o) => [o.episodeRef, o.component, o.amount.toFixed(2)])).toEqual([
      ['EP-NY-0001', 'GUARANTEED', '0.00'],
      ['EP-NY-0001', 'OUTCOME:VOE12', '0.00'],
      ['EP-NY-0002', 'GUARANTEED', '0.00'],
    ]);
  });

  it('a whole statement keeps what other statements billed for the same component', () => {
    const result = overrideTotals(
      upheld({ kind: 'STATEMENT' }),
      [outcomeQ2],
      sums([['EP-NY-0001', 'OUTCOME:VOE12', '700000']]),
    );
    expect(result.map((o) => o.amount.toFixed(2))).toEqual(['40000.00']);
  });

  it('records nothing for a DENIED or open dispute', () => {
    const denied: Dispute = {
      ...upheld({ kind: 'LINE', lineId: 'G' }),
      resolution: { outcome: 'DENIED', resolvedOn: '2027-08-03', note: '' },
    };
    expect(overrideTotals(denied, [guaranteed], ledger)).toEqual([]);
    expect(overrideTotals({ ...denied, resolution: null }, [guaranteed], ledger)).toEqual([]);
  });
});
