import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimFileStorage } from './claim-file-storage.service';
import { ClaimInputsReader } from './claim-inputs.reader';
import { ClaimSubmissionEntity } from './claim-submission.entity';
import { ClaimSubmissionsService } from './claim-submissions.service';
import { ReconciliationExceptionEntity } from './reconciliation-exception.entity';
import { RecordProblemEntity } from './record-problem.entity';

/** Claim submissions, raw-file storage and the claim tables' readers. */
@Module({
  imports: [TypeOrmModule.forFeature([ClaimSubmissionEntity, RecordProblemEntity, ReconciliationExceptionEntity])],
  providers: [ClaimFileStorage, ClaimSubmissionsService, ClaimInputsReader],
  exports: [ClaimFileStorage, ClaimSubmissionsService, ClaimInputsReader],
})
export class ClaimsModule {}
