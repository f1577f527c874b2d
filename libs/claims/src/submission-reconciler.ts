import type { EntityManager } from 'typeorm';

/** A submission whose claim versions were just applied, inside the loading transaction. */
export interface LoadedSubmission {
  id: string;
  /** USPS code and FIPS code of the state. */
  stateCode: string;
  stateFips: string;
  /** Order of receipt across the platform. */
  receiptSeq: number;
  /** CIP, COT or CRX. */
  fileType: string;
  /** START-OF-TIME-PERIOD: its quarter is the service quarter of ledger entries (rebate-rules 7). */
  periodStart: string;
  periodEnd: string;
}

/** What reconciling the state after a submission changed. */
export interface ReconcileResult {
  episodesCreated: number;
  episodesChanged: number;
  ledgerEntries: number;
  /** Exact decimal sum of the entries appended, as text. */
  ledgerSum: string;
}

/** A state whose stored files were re-read for a wider relevance (src/reread). */
export interface RereadState {
  stateCode: string;
  stateFips: string;
  /** The last submission re-read: the cause of the ledger deltas. */
  submissionId: string;
}

/**
 * Reconciles a state after a submission is applied, or after stored files are re-read for a
 * wider relevance, in the same transaction and under the state's lock. The reconciliation
 * library implements it; the claims library only calls it (dependencies point claims <-
 * reconciliation).
 */
export abstract class SubmissionReconciler {
  abstract reconcileAfterLoad(manager: EntityManager, submission: LoadedSubmission): Promise<ReconcileResult>;
  abstract reconcileAfterReread(manager: EntityManager, state: RereadState): Promise<ReconcileResult>;
}
