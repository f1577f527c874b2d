import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimFileStorage } from './claim-file-storage.service';
import { ClaimRelevanceService } from './claim-relevance.service';
import { ClaimSubmissionEntity } from './claim-submission.entity';
import { ClaimSubmissionsService } from './claim-submissions.service';
import { ClaimVersionsService } from './claim-versions.service';
import { StateExceptionsService } from './exceptions/state-exceptions.service';
import { ReconciliationExceptionEntity } from './reconciliation-exception.entity';
import { ReconciliationExceptionsStore } from './reconciliation-exceptions.store';
import { RecordProblemEntity } from './record-problem.entity';
import { RelevanceRereadQueue } from './reread/relevance-reread-queue.service';

/** Claim submissions, raw-file storage, the claim tables' readers and the relevance re-read queue. */
@Module({
  imports: [TypeOrmModule.forFeature([ClaimSubmissionEntity, RecordProblemEntity, ReconciliationExceptionEntity])],
  providers: [
    ClaimFileStorage,
    ClaimRelevanceService,
    ClaimSubmissionsService,
    ClaimVersionsService,
    ReconciliationExceptionsStore,
    RelevanceRereadQueue,
    StateExceptionsService,
  ],
  exports: [
    ClaimFileStorage,
    ClaimRelevanceService,
    ClaimSubmissionsService,
    ClaimVersionsService,
    ReconciliationExceptionsStore,
    RelevanceRereadQueue,
    StateExceptionsService,
  ],
})
export class ClaimsModule {}
