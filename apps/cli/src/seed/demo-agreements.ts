import { Dec, type IsoDate } from '@lib/common';
import type { TermSheet } from '@lib/agreements';

/** The sickle-cell crisis codes of the VOE benchmark (rebate-rules section 9). */
const VOE_PREFIXES = ['D570', 'D5721', 'D5741', 'D5743', 'D5745', 'D5781'];

/**
 * Executed terms of the demo (rebate-rules section 9: illustrative numbers, not the real
 * confidential terms). Volume tiers are ours, also illustrative.
 */
function executedTerms(wac: string): TermSheet {
  return {
    enrollmentStart: '2025-01-01',
    enrollmentEnd: '2030-12-31',
    supplementalCapPct: new Dec('0.75'),
    schedule: [
      { effectiveFrom: '2025-01-01', effectiveTo: null, wac: new Dec(wac), guaranteedRebatePct: new Dec('0.10') },
    ],
    benchmarks: [
      {
        code: 'VOE12',
        measure: 'VOE_HOSPITALIZATION',
        washoutDays: 30,
        diagnosisPrefixes: VOE_PREFIXES,
        tiers: [
          { throughMonth: 12, rebatePct: new Dec('0.50') },
          { throughMonth: 24, rebatePct: new Dec('0.30') },
          { throughMonth: 36, rebatePct: new Dec('0.15') },
        ],
      },
    ],
    volumeTiers: [
      { minTreatments: 100, additionalRebatePct: new Dec('0.02') },
      { minTreatments: 250, additionalRebatePct: new Dec('0.04') },
    ],
  };
}

/** CMS's opening position: a higher guarantee and cap and a longer first tier. */
function openingTerms(wac: string): TermSheet {
  const terms = executedTerms(wac);
  return {
    ...terms,
    supplementalCapPct: new Dec('0.80'),
    schedule: [{ ...terms.schedule[0], guaranteedRebatePct: new Dec('0.15') }],
    benchmarks: [
      {
        ...terms.benchmarks[0],
        washoutDays: 14,
        tiers: [{ throughMonth: 18, rebatePct: new Dec('0.60') }, ...terms.benchmarks[0].tiers.slice(1)],
      },
    ],
  };
}

export interface DemoAgreement {
  productCode: string;
  /** Email of the demo manufacturer user who negotiates it. */
  manufacturerEmail: string;
  opening: TermSheet;
  executed: TermSheet;
}

export const DEMO_AGREEMENTS: DemoAgreement[] = [
  {
    productCode: 'CASGEVY',
    manufacturerEmail: 'contracts@vertex.example.com',
    opening: openingTerms('2200000.00'),
    executed: executedTerms('2200000.00'),
  },
  {
    productCode: 'LYFGENIA',
    manufacturerEmail: 'contracts@genetix.example.com',
    opening: openingTerms('3100000.00'),
    executed: executedTerms('3100000.00'),
  },
];

/**
 * Plausible rolling start dates for the 35 participating jurisdictions (domain.md: 2025-03-01 ..
 * 2026-01-01): the publicly known date when there is one (New York 2026-01-01), otherwise the
 * first of a month from March to December 2025, spread in alphabetical order.
 */
export function demoStartDate(index: number, knownDate: IsoDate | null): IsoDate {
  if (knownDate) return knownDate;
  const month = 3 + (index % 10);
  return `2025-${String(month).padStart(2, '0')}-01`;
}
