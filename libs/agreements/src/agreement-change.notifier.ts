import { Injectable } from '@nestjs/common';
import type { IsoDate } from '@lib/common';
import { JobQueue, QueueName } from '@lib/queue';

export interface AgreementTermsChange {
  agreementId: string;
  /** States whose reconciliation the change affects. */
  stateCodes: string[];
  /** Administrations on or after this date are affected; null = all of them. */
  effectiveFrom: IsoDate | null;
  /** What changed: the executed amendment version, the participation, or the agreement. */
  causeId: string;
  /** Distinguishes successive changes of one cause (a participation that starts, then ends). */
  revision: string;
  reason: 'AMENDMENT_EXECUTED' | 'PARTICIPATION_CHANGED' | 'AGREEMENT_EXPIRED';
}

/**
 * Called after commit when executed terms or a participation change: enqueues one
 * `reconciliation/reconcile-state` job per affected state (ids only, deterministic job ids), so
 * the ledger follows at once (rebate-rules section 7, "Other inputs change desired amounts").
 */
@Injectable()
export class AgreementChangeNotifier {
  constructor(private readonly jobs: JobQueue) {}

  async agreementChanged(change: AgreementTermsChange): Promise<void> {
    const causeType = change.reason === 'PARTICIPATION_CHANGED' ? 'PARTICIPATION' : 'AMENDMENT';
    for (const stateCode of [...new Set(change.stateCodes)].sort()) {
      await this.jobs.enqueue(
        QueueName.RECONCILIATION,
        'reconcile-state',
        { stateCode, causeType, causeId: change.causeId },
        { jobId: `reconcile-${stateCode}-${causeType}-${change.causeId}-${change.revision}` },
      );
    }
  }
}
