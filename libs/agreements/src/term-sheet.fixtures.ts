import { Dec } from '@lib/common';
import type { TermSheet } from './term-sheet';

/**
 * The illustrative Casgevy terms of rebate-rules section 9, for tests and the demo. Volume tiers
 * are ours (illustrative only).
 */
export function casgevyTerms(overrides: Partial<TermSheet> = {}): TermSheet {
  return {
    enrollmentStart: '2025-01-01',
    enrollmentEnd: '2030-12-31',
    supplementalCapPct: new Dec('0.75'),
    schedule: [
      {
        effectiveFrom: '2025-01-01',
        effectiveTo: null,
        wac: new Dec('2200000.00'),
        guaranteedRebatePct: new Dec('0.10'),
      },
    ],
    benchmarks: [
      {
        code: 'VOE12',
        measure: 'VOE_HOSPITALIZATION',
        washoutDays: 30,
        diagnosisPrefixes: ['D570', 'D5721', 'D5741', 'D5743', 'D5745', 'D5781'],
        tiers: [
          { throughMonth: 12, rebatePct: new Dec('0.50') },
          { throughMonth: 24, rebatePct: new Dec('0.30') },
          { throughMonth: 36, rebatePct: new Dec('0.15') },
        ],
      },
    ],
    volumeTiers: [
      { minTreatments: 50, additionalRebatePct: new Dec('0.02') },
      { minTreatments: 150, additionalRebatePct: new Dec('0.04') },
    ],
    ...overrides,
  };
}
