import type { IsoDate, Role } from '@lib/common';
import type { TermSheetJson } from '@lib/simulator';

/**
 * What the signed-in user's console examples are filled in from: real ids and dates the user may
 * see, read at the moment the examples are asked for. A missing fact drops the examples that
 * need it, so no example ever carries a placeholder or an id of something the user cannot reach.
 */
export interface ConsoleFacts {
  role: Role;
  today: IsoDate;
  /** The state of state staff; otherwise the first state with submissions (coordinators). */
  stateCode: string | null;
  stateFips: string | null;
  /** The manufacturer's (or, for everyone else, the first) labeler code with ledger entries. */
  labelerCode: string | null;
  /** An agreement the user may read, with its latest version number. */
  agreement: { id: string; productCode: string; latestVersion: number } | null;
  /**
   * An executed agreement with no amendment under negotiation: the terms of its latest executed
   * version, and the first quarter start after today and after its last amendment.
   */
  amendable: { id: string; productCode: string; effectiveFrom: IsoDate; terms: TermSheetJson } | null;
  /** An amendment under negotiation that the user's side has not accepted yet. */
  openAmendment: { agreementId: string; productCode: string; versionNumber: number } | null;
  /** A product to draft an agreement for, and the first day its enrollment window can start. */
  draftProduct: { id: string; code: string; enrollmentStart: IsoDate } | null;
  /** An executed agreement other than `agreement` (coordinators may expire it). */
  expirable: { id: string; productCode: string } | null;
  /** A participation still open-ended, in the user's state for state staff. */
  participation: { id: string; stateCode: string; productCode: string; effectiveFrom: IsoDate } | null;
  /** The latest contract year that has ended and is not closed, and one closed year in force. */
  closableYear: { agreementId: string; productCode: string; year: number } | null;
  reopenableYear: { agreementId: string; productCode: string; year: number } | null;
  /** An eligible episode of the state with no outcome observation, and one active observation. */
  episode: { episodeRef: string; administrationDate: IsoDate } | null;
  observation: { id: string; episodeRef: string } | null;
  /** An issued statement the user may read. */
  statement: { id: string; number: string } | null;
  /** An issued statement of the manufacturer not yet acknowledged. */
  acknowledgeable: { id: string; number: string } | null;
  /** A positive line of an issued, unpaid statement with no open dispute on it. */
  disputableLine: { statementId: string; number: string; lineNumber: number } | null;
  /** An open dispute the user may resolve (state staff: on their state's statements). */
  openDispute: { id: string; statementNumber: string } | null;
  /** An issued statement with something outstanding, a quarter of it to pay, a fresh reference. */
  payable: { id: string; number: string; amount: string; reference: string } | null;
  /** The earliest quarter that has ended and still has draft statements. */
  issuableQuarter: string | null;
  /** The first quarter start after today and after every interest rate already set. */
  nextRateDate: IsoDate | null;
  /** The last calendar month that has ended, for a claim file. */
  lastMonth: { start: IsoDate; end: IsoDate };
}
