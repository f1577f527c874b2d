import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@lib/common';

export interface AgreementTermsChange {
  agreementId: string;
  /** States whose reconciliation the change affects. */
  stateCodes: string[];
  /** Administrations on or after this date are affected; null = all of them. */
  effectiveFrom: IsoDate | null;
  /** What changed: the executed amendment version, the participation, or the agreement. */
  causeId: string;
  reason: 'AMENDMENT_EXECUTED' | 'PARTICIPATION_CHANGED' | 'AGREEMENT_EXPIRED';
}

export type ReconciliationCauseType = 'AMENDMENT' | 'PARTICIPATION';

/** One outbox row (ids only): the reconciliation of a state that a committed change requires. */
export interface ReconciliationRequestRef {
  requestId: string;
  stateCode: string;
  causeType: ReconciliationCauseType;
  causeId: string;
  /** The enqueue this reference stands for (1 = the enqueue after commit, then one per sweep). */
  attempt: number;
}

/**
 * When executed terms or a participation change, reconciliation re-runs for every affected state
 * (docs/rules/rebate-rules.md section 7, "Other inputs change desired amounts"). `agreementChanged`
 * records one reconciliation request per state in the transaction of the change (the durable
 * record); `enqueue`, called after the commit, puts one `reconciliation/reconcile-state` job per
 * request on the queue (ids only) so the ledger follows at once. A lost enqueue is left to the
 * sweep. The reconciliation library owns the outbox and implements this port
 * (ReconciliationRequests, bound globally by ReconciliationModule); agreements only asks.
 */
export abstract class AgreementChangeNotifier {
  abstract agreementChanged(manager: EntityManager, change: AgreementTermsChange): Promise<ReconciliationRequestRef[]>;

  abstract enqueue(requests: readonly ReconciliationRequestRef[]): Promise<unknown>;
}
