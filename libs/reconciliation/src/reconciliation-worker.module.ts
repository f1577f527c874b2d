import { Global, Module } from '@nestjs/common';
import { AgreementsModule } from '@lib/agreements';
import { ClaimsModule, SubmissionReconciler } from '@lib/claims';
import { ReferenceModule } from '@lib/reference';
import { ReconciliationModule } from './reconciliation.module';
import { ReconciliationProcessor } from './reconciliation.processor';
import { ReconciliationService } from './reconciliation.service';

/**
 * Plugs reconciliation into the claim-file pipeline of the worker: the claims library asks for a
 * SubmissionReconciler, this provides it (apps/worker imports this module).
 */
@Global()
@Module({
  imports: [ReconciliationModule, AgreementsModule, ReferenceModule, ClaimsModule],
  providers: [{ provide: SubmissionReconciler, useExisting: ReconciliationService }, ReconciliationProcessor],
  exports: [SubmissionReconciler],
})
export class ReconciliationWorkerModule {}
