import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@lib/common';
import { ReconciliationRequests, type ReconciliationRequestRef } from './reconciliation-requests';

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

/**
 * When executed terms or a participation change, reconciliation re-runs for every affected state
 * (rebate-rules section 7, "Other inputs change desired amounts"). `agreementChanged` records one
 * reconciliation request per state in the transaction of the change (the durable record);
 * `enqueue`, called after the commit, puts one `reconciliation/reconcile-state` job per request
 * on the queue (ids only) so the ledger follows at once. A lost enqueue is left to the sweep.
 */
@Injectable()
export class AgreementChangeNotifier {
  constructor(private readonly requests: ReconciliationRequests) {}

  agreementChanged(manager: EntityManager, change: AgreementTermsChange): Promise<ReconciliationRequestRef[]> {
    return this.requests.record(manager, {
      stateCodes: change.stateCodes,
      causeType: change.reason === 'PARTICIPATION_CHANGED' ? 'PARTICIPATION' : 'AMENDMENT',
      causeId: change.causeId,
    });
  }

  async enqueue(requests: readonly ReconciliationRequestRef[]): Promise<void> {
    await this.requests.enqueue(requests);
  }
}
