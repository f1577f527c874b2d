import { Module } from '@nestjs/common';
import { ClaimFileLoader } from './claim-file-loader.service';
import { ClaimFilesProcessor } from './claim-files.processor';
import { ClaimsModule } from './claims.module';
import { DigestYearRollUps } from './digest-year-roll-ups.service';
import { RelevanceRereads } from './reread/relevance-rereads.service';
import { SubmissionPipeline } from './submission-pipeline.service';

/** The claims library's BullMQ processors; only apps/worker imports it. */
@Module({
  imports: [ClaimsModule],
  providers: [ClaimFileLoader, SubmissionPipeline, RelevanceRereads, DigestYearRollUps, ClaimFilesProcessor],
  exports: [SubmissionPipeline, ClaimsModule],
})
export class ClaimsWorkerModule {}
