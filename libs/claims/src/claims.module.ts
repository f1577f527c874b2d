import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimFileStorage } from './claim-file-storage.service';
import { ClaimSubmissionEntity } from './claim-submission.entity';
import { ClaimSubmissionsService } from './claim-submissions.service';
import { ClaimVersionsService } from './claim-versions.service';
import { StateExceptionsService } from './exceptions/state-exceptions.service';
import { ReconciliationExceptionEntity } from './reconciliation-exception.entity';
import { ReconciliationExceptionsStore } from './reconciliation-exceptions.store';
import { RecordProblemEntity } from './record-problem.entity';

/** Claim submissions, raw-file storage and the claim tables' readers. */
@Module({
  imports: [TypeOrmModule.forFeature([ClaimSubmissionEntity, RecordProblemEntity, ReconciliationExceptionEntity])],
  providers: [
    ClaimFileStorage,
    ClaimSubmissionsService,
    ClaimVersionsService,
    ReconciliationExceptionsStore,
    StateExceptionsService,
  ],
  exports: [
    ClaimFileStorage,
    ClaimSubmissionsService,
    ClaimVersionsService,
    ReconciliationExceptionsStore,
    StateExceptionsService,
  ],
})
export class ClaimsModule {}
