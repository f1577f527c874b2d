import { assembleRows } from './program-dashboard.service';

const PRODUCTS = [
  { id: 'p-casgevy', code: 'CASGEVY', labeler_code: '51167' },
  { id: 'p-lyfgenia', code: 'LYFGENIA', labeler_code: '73554' },
];

describe('assembleRows (program dashboard)', () => {
  it('merges the grouped figures into one row per state and product, sorted by state then product', () => {
    const rows = assembleRows(
      PRODUCTS,
      [
        { state_code: 'NY', product_id: 'p-casgevy', treated: 2, eligible: 1 },
        { state_code: 'GA', product_id: 'p-lyfgenia', treated: 1, eligible: 1 },
      ],
      [{ state_code: 'NY', product_id: 'p-casgevy', code: 'VOE12', episodes: 1 }],
      [
        { state_code: 'NY', product_id: 'p-casgevy', component: 'GUARANTEED', amount: '220000.00' },
        { state_code: 'NY', product_id: 'p-casgevy', component: 'OUTCOME:VOE12', amount: '0.10' },
        { state_code: 'NY', product_id: 'p-lyfgenia', component: 'GUARANTEED', amount: '-0.20' },
      ],
      [
        { state_code: 'NY', labeler_code: '51167', open: 2 },
        { state_code: 'TX', labeler_code: '51167', open: 5 },
      ],
    );
    expect(
      rows.map((r) => ({
        key: `${r.stateCode}/${r.productCode}/${r.labelerCode}`,
        treated: r.treatedEpisodes,
        eligible: r.eligibleEpisodes,
        failures: r.outcomeFailures,
        accrued: r.accrued.map((a) => `${a.component}=${a.amount.toFixed(2)}`),
        total: r.accruedTotal.toFixed(2),
        disputes: r.disputesOpen,
      })),
    ).toEqual([
      { key: 'GA/LYFGENIA/73554', treated: 1, eligible: 1, failures: [], accrued: [], total: '0.00', disputes: 0 },
      {
        key: 'NY/CASGEVY/51167',
        treated: 2,
        eligible: 1,
        failures: [{ benchmarkCode: 'VOE12', episodes: 1 }],
        accrued: ['GUARANTEED=220000.00', 'OUTCOME:VOE12=0.10'],
        total: '220000.10',
        disputes: 2,
      },
      // Only ledger entries: no episodes of the period, still a row; disputes are per labeler.
      {
        key: 'NY/LYFGENIA/73554',
        treated: 0,
        eligible: 0,
        failures: [],
        accrued: ['GUARANTEED=-0.20'],
        total: '-0.20',
        disputes: 0,
      },
    ]);
  });

  it('answers no rows when there is nothing in scope', () => {
    expect(assembleRows(PRODUCTS, [], [], [], [{ state_code: 'NY', labeler_code: '51167', open: 1 }])).toEqual([]);
  });
});
