import { type Dec, type IsoDate, type Quarter } from '@lib/common';
import { type Component } from '@lib/reconciliation';

export { type Component };

/** rebate-rules section 8: a statement is (labeler, state, quarter). */
export interface StatementKey {
  /** USPS code, e.g. `NY` (domain.md "States"). */
  state: string;
  /** 5-digit labeler code, e.g. `51167`. */
  labelerCode: string;
  quarter: Quarter;
}

export type StatementStatus = 'DRAFT' | 'ISSUED' | 'ACKNOWLEDGED' | 'DISPUTED' | 'PAID' | 'PARTIALLY_PAID';

/** What made a ledger entry (rebate-rules section 7), plus state-reported observations. */
export type LineCause =
  'CLAIMS' | 'DISPUTE_RESOLUTION' | 'AMENDMENT' | 'PARTICIPATION_CHANGE' | 'YEAR_CLOSE' | 'OBSERVATION';

export const LINE_CAUSES: readonly LineCause[] = [
  'CLAIMS',
  'DISPUTE_RESOLUTION',
  'AMENDMENT',
  'PARTICIPATION_CHANGE',
  'YEAR_CLOSE',
  'OBSERVATION',
];

/** One ledger entry as it appears on a statement. */
export interface StatementLine {
  /** The ledger entry id: stable, used to dispute a line and to break ordering ties. */
  lineId: string;
  /** Product name, e.g. `CASGEVY`. */
  product: string;
  /** 11 digits, no hyphens. */
  ndc11: string;
  /** Stable pseudonym of the episode, never an MSIS id (rebate-rules section 8). */
  episodeRef: string;
  administrationDate: IsoDate;
  component: Component;
  serviceQuarter: Quarter;
  cause: LineCause;
  /** Signed, exact; negative for reversals. */
  amount: Dec;
}

export interface Payment {
  paymentId: string;
  /** The date the remittance was received: it stops interest from the next day. */
  receivedOn: IsoDate;
  amount: Dec;
  reference: string;
}

/** An annual interest rate in force from `effectiveFrom` through `effectiveTo` (inclusive; null = open). */
export interface InterestRatePeriod {
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
  /** e.g. 0.05 for 5 % a year. */
  annualRate: Dec;
}

/** MDRP dispute codes (domain.md). */
export type DisputeCode = 'M' | 'D' | 'U' | 'J' | 'K' | 'O';

export type DisputeScope = { kind: 'LINE'; lineId: string } | { kind: 'STATEMENT' };

export type DisputeResolution =
  | { outcome: 'UPHELD'; resolvedOn: IsoDate; agreedAmount: Dec; note: string }
  | { outcome: 'DENIED'; resolvedOn: IsoDate; note: string };

export type DisputeStatus = 'OPEN' | 'UPHELD' | 'DENIED';

export interface Dispute {
  disputeId: string;
  scope: DisputeScope;
  code: DisputeCode;
  note: string;
  openedOn: IsoDate;
  resolution: DisputeResolution | null;
}

/** A pure rule's refusal: `ok: false` with a reason a user can read. */
export type RuleResult<T> = { ok: true; value: T } | { ok: false; reason: string };
