import { Module } from '@nestjs/common';
import { ClaimFileLoader } from './claim-file-loader.service';
import { ClaimFilesProcessor } from './claim-files.processor';
import { ClaimRelevanceService } from './claim-relevance.service';
import { ClaimsModule } from './claims.module';
import { SubmissionPipeline } from './submission-pipeline.service';

/** The claims library's BullMQ processors; only apps/worker imports it. */
@Module({
  imports: [ClaimsModule],
  providers: [ClaimRelevanceService, ClaimFileLoader, SubmissionPipeline, ClaimFilesProcessor],
  exports: [SubmissionPipeline, ClaimsModule],
})
export class ClaimsWorkerModule {}
