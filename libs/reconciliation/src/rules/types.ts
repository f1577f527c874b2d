import { type Dec, type IsoDate } from '@lib/common';

// ---------------------------------------------------------------------------------------------
// Catalog (rebate-rules section 1, domain.md "Products")
// ---------------------------------------------------------------------------------------------

/** A HCPCS code of a product, valid on [effectiveFrom, effectiveTo] (inclusive; null = open). */
export interface HcpcsAssignment {
  code: string;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
}

export interface CatalogProduct {
  productId: string;
  /** `CASGEVY`: how the product is named to analysts. */
  code: string;
  labelerCode: string;
  /** Normalised NDC-11s, package and inner. */
  ndc11s: readonly string[];
  hcpcs: readonly HcpcsAssignment[];
  /** NDC-UNIT-OF-MEASURE the product is billed in (`UN`). */
  billingUnit: string;
}

// ---------------------------------------------------------------------------------------------
// Claim versions (tmsis-cgt-profile.md "Keys and coded values")
// ---------------------------------------------------------------------------------------------

export type AdjustmentInd = '0' | '1' | '4' | '5' | '6';
export type ClaimFileType = 'CIP' | 'COT' | 'CRX';

export interface ClaimLine {
  lineNumOrig: number;
  recordNumber: number;
  /** NATIONAL-DRUG-CODE as sent; '' when blank. */
  ndcRaw: string;
  /** PROCEDURE-CODE; '' when blank. */
  procedureCode: string;
  /** NDC-UNIT-OF-MEASURE; '' when blank. */
  uom: string;
  beginDate: IsoDate | null;
  paid: Dec;
}

export interface ClaimDiagnosis {
  seq: number;
  code: string;
}

export interface ClaimVersion {
  id: string;
  stateCode: string;
  icnOrig: string;
  icnAdj: string | null;
  adjudicationDate: IsoDate;
  adjustmentInd: AdjustmentInd;
  /** Receipt order of the submission that delivered this version: later submission = higher. */
  receiptSeq: number;
  submissionId: string;
  /** RECORD-NUMBER of the claim header. */
  recordNumber: number;
  fileType: ClaimFileType;
  typeOfClaim: string;
  claimStatus: string;
  msisId: string | null;
  admissionDate: IsoDate | null;
  /** Header BEGINNING-DATE-OF-SERVICE. */
  beginDate: IsoDate | null;
  lines: readonly ClaimLine[];
  diagnoses: readonly ClaimDiagnosis[];
}

// ---------------------------------------------------------------------------------------------
// Agreements (rebate-rules section 1)
// ---------------------------------------------------------------------------------------------

export interface ScheduleEntry {
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
  wac: Dec;
  guaranteedRebatePct: Dec;
}

export type BenchmarkMeasure = 'VOE_HOSPITALIZATION' | 'REPORTED_EVENT';

export interface BenchmarkTier {
  throughMonth: number;
  rebatePct: Dec;
}

export interface Benchmark {
  code: string;
  measure: BenchmarkMeasure;
  washoutDays: number;
  diagnosisPrefixes: readonly string[];
  /** Ascending throughMonth; the window is the largest throughMonth. */
  tiers: readonly BenchmarkTier[];
}

export interface VolumeTier {
  minTreatments: number;
  additionalRebatePct: Dec;
}

/** The terms one executed agreement version holds (rebate-rules section 1). */
export interface TermSheet {
  enrollmentStart: IsoDate;
  enrollmentEnd: IsoDate;
  supplementalCapPct: Dec;
  schedule: readonly ScheduleEntry[];
  benchmarks: readonly Benchmark[];
  volumeTiers: readonly VolumeTier[];
}

export interface AgreementTermsVersion {
  versionId: string;
  /** null for the original; an executed amendment's effective date otherwise. */
  effectiveFrom: IsoDate | null;
  terms: TermSheet;
}

export interface Participation {
  stateCode: string;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
}

export interface ExecutedAgreement {
  agreementId: string;
  productId: string;
  versions: readonly AgreementTermsVersion[];
  participations: readonly Participation[];
}

/** An in-force year-close result (rebate-rules section 6). */
export interface VolumeRate {
  agreementId: string;
  year: number;
  pct: Dec;
}

// ---------------------------------------------------------------------------------------------
// Components, overrides, observations
// ---------------------------------------------------------------------------------------------

export type OutcomeComponent = `OUTCOME:${string}`;
export type Component = 'GUARANTEED' | 'VOLUME' | OutcomeComponent;

/** An UPHELD dispute's agreed amount for one episode component (rebate-rules section 8). */
export interface DisputeOverride {
  episodeKey: string;
  component: Component;
  amount: Dec;
}

/** A state-reported outcome observation (non-withdrawn) for a REPORTED_EVENT benchmark. */
export interface OutcomeObservation {
  id: string;
  episodeKey: string;
  eventDate: IsoDate;
  eventCode: string;
  evidenceRef: string;
}

/** An observation that moves from the episode it was reported on to its beneficiary's episode now. */
export interface ObservationMove {
  observationId: string;
  fromEpisodeKey: string;
  toEpisodeKey: string;
}

// ---------------------------------------------------------------------------------------------
// Reconciling one state
// ---------------------------------------------------------------------------------------------

export interface ReconcileStateInput {
  catalog: readonly CatalogProduct[];
  /** Every stored version of the state that may matter (CGT lines, sickle-cell CIP, their voids). */
  versions: readonly ClaimVersion[];
  agreements: readonly ExecutedAgreement[];
  volumeRates: readonly VolumeRate[];
  overrides: readonly DisputeOverride[];
  observations: readonly OutcomeObservation[];
  /** Latest END-OF-TIME-PERIOD among the state's accepted CLAIMIP submissions. */
  latestCipPeriodEnd: IsoDate | null;
  /** Today: decides MET for REPORTED_EVENT benchmarks. */
  asOf: IsoDate;
}

export type IneligibleCode = 'O' | 'K' | 'U' | 'J';
export type WarningCode = 'D' | 'P';
export type ExceptionCode = 'M' | 'L' | IneligibleCode | WarningCode | 'V';
export type EpisodeStatus = 'ELIGIBLE' | 'INELIGIBLE';
export type BenchmarkStatus = 'PENDING' | 'MET' | 'NOT_MET';

interface OutcomeEventBase {
  eventDate: IsoDate;
  /** months(administration date, event date), rebate-rules section 5. */
  months: number;
  tierThroughMonth: number;
  rebatePct: Dec;
  /** round(W x rebatePct). */
  uncappedAmount: Dec;
  /** After the cap chain (before dispute overrides). */
  amount: Dec;
}

export interface ClaimOutcomeEvent extends OutcomeEventBase {
  source: 'CLAIM';
  versionId: string;
  icn: string;
  diagnosisCode: string;
}

export interface ObservationOutcomeEvent extends OutcomeEventBase {
  source: 'OBSERVATION';
  observationId: string;
  eventCode: string;
}

export type OutcomeEvent = ClaimOutcomeEvent | ObservationOutcomeEvent;

export interface BenchmarkResult {
  code: string;
  measure: BenchmarkMeasure;
  status: BenchmarkStatus;
  /** Administration date + window months. */
  windowEnd: IsoDate;
  event: OutcomeEvent | null;
}

export interface DesiredAmount {
  component: Component;
  amount: Dec;
}

export interface Episode {
  episodeKey: string;
  stateCode: string;
  productId: string;
  msisId: string | null;
  indexIcn: string;
  indexVersionId: string;
  administrationDate: IsoDate;
  ndc11: string | null;
  paid: Dec;
  status: EpisodeStatus;
  ineligibleCode: IneligibleCode | null;
  ineligibleReason: string | null;
  warnings: WarningCode[];
  agreementId: string | null;
  termsVersionId: string | null;
  wac: Dec | null;
  guaranteedRebatePct: Dec | null;
  capAmount: Dec | null;
  benchmarks: BenchmarkResult[];
  desired: DesiredAmount[];
}

export interface ClaimException {
  code: ExceptionCode;
  versionId: string;
  submissionId: string;
  recordNumber: number;
  icn: string;
  episodeKey: string | null;
  reason: string;
}

export interface ReconcileStateResult {
  episodes: Episode[];
  exceptions: ClaimException[];
  /** Observations whose beneficiary's episode was re-keyed, and the episode they now count on. */
  observationMoves: ObservationMove[];
}

// ---------------------------------------------------------------------------------------------
// Ledger (rebate-rules section 7)
// ---------------------------------------------------------------------------------------------

export interface EpisodeComponentAmount {
  episodeKey: string;
  component: Component;
  amount: Dec;
}

export interface EpisodeComponentSum {
  episodeKey: string;
  component: Component;
  sum: Dec;
}
