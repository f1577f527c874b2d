import { type ClaimFileName, type SegmentPrefix } from './tmsis-profile';

/**
 * Typed rows the reader emits. Dates are IsoDate strings (`YYYY-MM-DD`) or null when blank;
 * amounts and quantities are decimal text exactly as sent (a blank one reads as `0`, profile
 * "What is wrong"), ready for a Postgres numeric column.
 */

/**
 * The claim version key (profile "Keys and coded values"). `state` is the FIPS code after mapping
 * alternate submitter codes; `icnAdj` is `''` when blank so that SQL equality joins work.
 * `adjustmentInd` is LINE-ADJUSTMENT-IND on lines.
 */
export interface VersionKey {
  readonly state: string;
  readonly icnOrig: string;
  readonly icnAdj: string;
  readonly adjudicationDate: string;
  readonly adjustmentInd: string;
}

/** Where a record came from: `position` counts non-blank records from 1 (file header = 1). */
export interface RecordOrigin {
  readonly position: number;
  readonly recordNumber: number;
}

/** The validated P00001 file header. */
export interface ClaimFileHeader {
  readonly fileName: ClaimFileName;
  readonly prefix: SegmentPrefix;
  readonly dataDictionaryVersion: string;
  readonly transactionType: string;
  /** SUBMITTING-STATE as sent (may be an alternate submitter code such as 93). */
  readonly submittingStateSent: string;
  /** FIPS code of the state (93 -> 56 ...). */
  readonly stateFips: string;
  /** USPS code of the state (NY). */
  readonly stateUsps: string;
  readonly dateFileCreated: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly sequenceNumber: number;
  readonly totalRecordCount: number;
}

/** A valid P00002 claim header (every one is emitted: voids and final action need them all). */
export interface ClaimHeaderRow extends VersionKey, RecordOrigin {
  /** MSIS-IDENTIFICATION-NUM: PHI, never log it. */
  readonly msisId: string;
  readonly typeOfClaim: string;
  readonly claimStatusCategory: string;
  readonly crossoverIndicator: string | null;
  readonly billingProviderNpi: string | null;
  readonly admissionDate: string | null;
  readonly dischargeDate: string | null;
  readonly beginDate: string | null;
  readonly endDate: string | null;
  readonly planId: string | null;
  readonly totalPaid: string;
}

/** How a line or diagnosis was linked to its header. */
export interface LinkState {
  /**
   * True when its header was not among the recent headers the reader remembers: the caller must
   * check in SQL that a claim header with the same version key was loaded from the same file
   * (if not, the record is an orphan; see ClaimFileSink.straggler).
   */
  readonly straggler: boolean;
}

/** A valid P00003 line that is a CGT line (rebate-rules section 3). */
export interface ClaimLineRow extends VersionKey, RecordOrigin, LinkState {
  readonly lineNumber: number;
  readonly revenueCode: string | null;
  readonly procedureCode: string | null;
  readonly ndcRaw: string | null;
  /** NDC normalised to 11 digits, null when blank or not normalisable. */
  readonly ndc11: string | null;
  readonly ndcQuantity: string;
  readonly unitOfMeasure: string | null;
  readonly serviceQuantity: string;
  readonly beginDate: string | null;
  readonly endDate: string | null;
  readonly paid: string;
  /** The normalised NDC is a catalog CGT NDC. */
  readonly cgtByNdc: boolean;
  /** PROCEDURE-CODE is a CGT HCPCS code. */
  readonly cgtByHcpcs: boolean;
}

/** A valid P00004 diagnosis whose code starts with one of the relevance prefixes. */
export interface ClaimDiagnosisRow extends VersionKey, RecordOrigin, LinkState {
  readonly sequence: number;
  readonly code: string;
  readonly flag: string | null;
}

/**
 * A valid line or diagnosis whose header was not found in the reader's look-back. The caller
 * resolves it in SQL against all claim headers of the file: no header with this key = orphan
 * (a record-level problem: RecordProblemReason.ORPHAN at this position).
 */
export interface StragglerRow extends VersionKey, RecordOrigin {
  readonly kind: 'line' | 'diagnosis';
  /** A CGT line or a diagnosis matching a prefix: its row was emitted too, with straggler = true. */
  readonly relevant: boolean;
  /** Physical line number, for the problem report. */
  readonly line: number;
}
