import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@lib/common';
import { AppConfig } from '@lib/config';
import { ClaimFileStorage } from './claim-file-storage.service';
import { ClaimRelevanceService } from './claim-relevance.service';
import type { ClaimSubmissionEntity } from './claim-submission.entity';
import {
  readClaimFile,
  type ClaimFileHeader,
  type ClaimFileResult,
  type ReadProgress,
  type RelevanceFilter,
} from './parsing';
import { ClaimStagingWriter } from './staging/claim-staging.writer';
import { clearStaging, reclaimStaging } from './staging/claim-staging.sql';

/** How often the submission's progress is written while reading (not per record). */
export const PROGRESS_INTERVAL_MS = 2000;

/**
 * Reads a stored claim file once, as a stream, through the T-MSIS reader, and COPYs what
 * reconciliation needs into staging (design-notes "Load"). Staging rows of an earlier attempt
 * are deleted first, so a retry after a crash starts clean, and the space of earlier files' rows
 * is reclaimed, so that staging stays the size of the files in flight.
 */
@Injectable()
export class ClaimFileLoader {
  private readonly logger = new Logger(ClaimFileLoader.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: ClaimFileStorage,
    private readonly relevance: ClaimRelevanceService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Stages the file with `relevance` (by default what matters now). A re-read (`reread`) stages a
   * COMPLETED file again for what has become relevant since its load: the same reader, limits
   * and staging, without touching the submission's progress or header columns.
   */
  async load(
    submission: ClaimSubmissionEntity,
    stateFips: string,
    options: { relevance?: RelevanceFilter; reread?: boolean } = {},
  ): Promise<ClaimFileResult> {
    await clearStaging(this.dataSource.manager, submission.id);
    await reclaimStaging(this.dataSource.manager);
    const filter = options.relevance ?? (await this.relevance.filter());
    const reread = options.reread ?? false;
    const writer = await ClaimStagingWriter.open(this.config.database.url, submission.id);
    let progressWrites: Promise<void> = Promise.resolve();
    const onProgress = (progress: ReadProgress): void => {
      if (reread) return;
      progressWrites = progressWrites.then(() => this.saveProgress(submission.id, progress));
    };
    const fileHeader = (header: ClaimFileHeader): Promise<void> =>
      reread ? Promise.resolve() : this.saveHeader(submission.id, header);
    let result: ClaimFileResult;
    try {
      result = await readClaimFile(this.storage.open(submission.storagePath), {
        relevance: filter,
        sink: writer.sink(fileHeader),
        expectedStateFips: stateFips,
        // A reporting period after the platform's current month (FIXED_TIME pins it).
        today: this.clock.today(),
        // Every problem is listed up to the cap; reading stops early only once the file cannot pass
        // any more and its list is full (orphans found in SQL add later).
        recordProblemLimit: this.config.claims.recordProblemLimitPct / 100,
        maxProblems: this.config.claims.maxProblems,
        onProgress,
        progressIntervalMs: PROGRESS_INTERVAL_MS,
        limits: {
          maxTextBytes: this.config.claims.maxTextBytes,
          maxGzipRatio: this.config.claims.maxGzipRatio,
          maxMilliseconds: this.config.claims.maxSeconds * 1000,
        },
      });
      await writer.finish();
    } catch (error) {
      await writer.close();
      throw error;
    } finally {
      await progressWrites;
    }
    if (reread) return result;
    await this.saveProgress(submission.id, {
      records: result.counts.records + (result.header ? 1 : 0),
      bytesRead: result.counts.bytesRead,
    });
    return result;
  }

  private async saveProgress(submissionId: string, progress: ReadProgress): Promise<void> {
    try {
      await this.dataSource.query(
        `UPDATE claim_submission SET records_read = $2, bytes_read = $3, updated_at = now() WHERE id = $1`,
        [submissionId, progress.records, progress.bytesRead],
      );
    } catch (error) {
      // Progress is informative only; a failed update must not fail the load.
      this.logger.warn({ submissionId, err: error }, 'Could not record progress');
    }
  }

  private async saveHeader(submissionId: string, header: ClaimFileHeader): Promise<void> {
    await this.dataSource.query(
      `UPDATE claim_submission
          SET file_type = $2, period_start = $3, period_end = $4, file_created = $5, sequence_number = $6,
              total_record_count = $7, updated_at = now()
        WHERE id = $1`,
      [
        submissionId,
        header.prefix,
        header.periodStart,
        header.periodEnd,
        header.dateFileCreated,
        header.sequenceNumber,
        header.totalRecordCount,
      ],
    );
  }
}
