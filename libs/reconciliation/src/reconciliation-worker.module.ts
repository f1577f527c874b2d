import { Global, Module } from '@nestjs/common';
import { SubmissionReconciler } from '@lib/claims';
import { ReconciliationModule } from './reconciliation.module';
import { ReconciliationService } from './reconciliation.service';

/**
 * Plugs reconciliation into the claim-file pipeline of the worker: the claims library asks for a
 * SubmissionReconciler, this provides it (apps/worker imports this module).
 */
@Global()
@Module({
  imports: [ReconciliationModule],
  providers: [{ provide: SubmissionReconciler, useExisting: ReconciliationService }],
  exports: [SubmissionReconciler],
})
export class ReconciliationWorkerModule {}
