import { Injectable } from '@nestjs/common';
import type { IsoDate } from '@lib/common';

export interface AgreementTermsChange {
  agreementId: string;
  /** States whose reconciliation the change affects. */
  stateCodes: string[];
  /** Administrations on or after this date are affected; null = all of them. */
  effectiveFrom: IsoDate | null;
  reason: 'AMENDMENT_EXECUTED' | 'PARTICIPATION_CHANGED' | 'AGREEMENT_EXPIRED';
}

/**
 * Called after commit when executed terms or a participation change, so that reconciliation
 * re-runs for the affected states. The default does nothing: the reconciliation library will
 * provide an implementation that enqueues its re-run jobs (ids only) and override this provider.
 */
@Injectable()
export class AgreementChangeNotifier {
  async agreementChanged(_change: AgreementTermsChange): Promise<void> {
    // Intentionally empty until reconciliation exists (issue 3: "enqueue nothing yet").
  }
}
