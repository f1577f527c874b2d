// Plain-value builders for the rules' specs (not exported from index.ts).
import { dec, type Dec } from '@lib/common';
import {
  type AgreementTermsVersion,
  type Benchmark,
  type CatalogProduct,
  type ClaimLine,
  type ClaimVersion,
  type DesiredAmount,
  type Episode,
  type ExecutedAgreement,
  type ReconcileStateInput,
  type TermSheet,
} from './types';

export const CASGEVY: CatalogProduct = {
  productId: 'P-CASGEVY',
  code: 'CASGEVY',
  labelerCode: '51167',
  ndc11s: ['51167029009', '51167029001'],
  hcpcs: [{ code: 'J3392', effectiveFrom: '2025-01-01', effectiveTo: null }],
  billingUnit: 'UN',
};

export const LYFGENIA: CatalogProduct = {
  productId: 'P-LYFGENIA',
  code: 'LYFGENIA',
  labelerCode: '73554',
  ndc11s: ['73554111101'],
  hcpcs: [{ code: 'J3394', effectiveFrom: '2025-01-01', effectiveTo: null }],
  billingUnit: 'UN',
};

export const CATALOG: readonly CatalogProduct[] = [CASGEVY, LYFGENIA];

export function line(overrides: Partial<ClaimLine> = {}): ClaimLine {
  return {
    lineNumOrig: 1,
    recordNumber: 2,
    ndcRaw: '51167-0290-09',
    procedureCode: 'J3392',
    uom: 'UN',
    beginDate: '2026-03-10',
    paid: dec('2200000.00'),
    ...overrides,
  };
}

/** A Casgevy CLAIMOT original in New York dated 2026-03-10, unless told otherwise. */
export function claim(overrides: Partial<ClaimVersion> = {}): ClaimVersion {
  const v: Omit<ClaimVersion, 'id'> = {
    stateCode: 'NY',
    icnOrig: 'ICN-A',
    icnAdj: null,
    adjudicationDate: '2026-03-12',
    adjustmentInd: '0',
    receiptSeq: 1,
    submissionId: 'SUB-1',
    recordNumber: 1,
    fileType: 'COT',
    typeOfClaim: '1',
    claimStatus: 'F1',
    msisId: 'MSIS-1',
    admissionDate: null,
    beginDate: '2026-03-10',
    lines: [line()],
    diagnoses: [],
    ...overrides,
  };
  return { id: overrides.id ?? `${v.icnOrig}/${v.adjustmentInd}/${v.adjudicationDate}/${v.receiptSeq}`, ...v };
}

export function voidOf(original: ClaimVersion, overrides: Partial<ClaimVersion> = {}): ClaimVersion {
  return claim({
    ...original,
    id: undefined,
    icnAdj: `${original.icnOrig}-V`,
    adjustmentInd: '1',
    lines: [],
    diagnoses: [],
    ...overrides,
  });
}

export function replacementOf(original: ClaimVersion, overrides: Partial<ClaimVersion> = {}): ClaimVersion {
  return claim({ ...original, id: undefined, icnAdj: `${original.icnOrig}-R`, adjustmentInd: '4', ...overrides });
}

/** An inpatient (CLAIMIP) claim of the beneficiary with the given admission and diagnoses. */
export function inpatient(
  icnOrig: string,
  admissionDate: string,
  codes: string[],
  overrides: Partial<ClaimVersion> = {},
) {
  return claim({
    icnOrig,
    fileType: 'CIP',
    admissionDate,
    beginDate: admissionDate,
    adjudicationDate: admissionDate,
    lines: [line({ ndcRaw: '', procedureCode: '', uom: 'UN', beginDate: admissionDate, paid: dec('18000.00') })],
    diagnoses: codes.map((code, i) => ({ seq: i + 1, code })),
    ...overrides,
  });
}

export const VOE12: Benchmark = {
  code: 'VOE12',
  measure: 'VOE_HOSPITALIZATION',
  washoutDays: 30,
  diagnosisPrefixes: ['D570', 'D5721', 'D5741', 'D5743', 'D5745', 'D5781'],
  tiers: [
    { throughMonth: 12, rebatePct: dec('0.50') },
    { throughMonth: 24, rebatePct: dec('0.30') },
    { throughMonth: 36, rebatePct: dec('0.15') },
  ],
};

/** The worked example's Casgevy terms (rebate-rules section 9, terms.json). */
export function terms(overrides: Partial<TermSheet> = {}): TermSheet {
  return {
    enrollmentStart: '2025-01-01',
    enrollmentEnd: '2030-12-31',
    supplementalCapPct: dec('0.75'),
    schedule: [
      { effectiveFrom: '2025-01-01', effectiveTo: null, wac: dec('2200000.00'), guaranteedRebatePct: dec('0.10') },
    ],
    benchmarks: [VOE12],
    volumeTiers: [],
    ...overrides,
  };
}

export function original(t: TermSheet = terms(), versionId = 'AG-C/v1'): AgreementTermsVersion {
  return { versionId, effectiveFrom: null, terms: t };
}

/** The Casgevy agreement; New York participates from 2026-01-01. */
export function agreement(overrides: Partial<ExecutedAgreement> = {}): ExecutedAgreement {
  return {
    agreementId: 'AG-C',
    productId: CASGEVY.productId,
    versions: [original()],
    participations: [{ stateCode: 'NY', effectiveFrom: '2026-01-01', effectiveTo: null }],
    ...overrides,
  };
}

export function stateInput(overrides: Partial<ReconcileStateInput> = {}): ReconcileStateInput {
  return {
    catalog: CATALOG,
    versions: [claim()],
    agreements: [agreement()],
    volumeRates: [],
    overrides: [],
    observations: [],
    latestCipPeriodEnd: null,
    asOf: '2026-04-05',
    ...overrides,
  };
}

/** `{ GUARANTEED: '220000.00', ... }`: desired amounts as text, for exact assertions. */
export function amounts(desired: readonly DesiredAmount[]): Record<string, string> {
  return Object.fromEntries(desired.map((d) => [d.component, d.amount.toFixed(2)]));
}

export function money(value: Dec | null): string | null {
  return value === null ? null : value.toFixed(2);
}

export function only<T>(items: readonly T[]): T {
  if (items.length !== 1) throw new Error(`Expected exactly one item, got ${items.length}`);
  return items[0];
}

export function episodeOf(episodes: readonly Episode[], indexIcn: string): Episode {
  const episode = episodes.find((e) => e.indexIcn === indexIcn);
  if (!episode) throw new Error(`No episode indexed by ${indexIcn}`);
  return episode;
}
