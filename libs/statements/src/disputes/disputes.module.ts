import { Module } from '@nestjs/common';
import { AuditModule } from '@lib/audit';
import { ReconciliationModule } from '@lib/reconciliation';
import { ReferenceModule } from '@lib/reference';
import { StatementsModule } from '../statements.module';
import { DisputeQueriesService } from './dispute-queries.service';
import { DisputeResolutionService } from './dispute-resolution.service';
import { DisputesService } from './disputes.service';

/** Disputes of statements: opening, documents, resolution (with reconciliation), reads. */
@Module({
  imports: [StatementsModule, ReconciliationModule, ReferenceModule, AuditModule],
  providers: [DisputesService, DisputeResolutionService, DisputeQueriesService],
  exports: [DisputesService, DisputeResolutionService, DisputeQueriesService],
})
export class DisputesModule {}
