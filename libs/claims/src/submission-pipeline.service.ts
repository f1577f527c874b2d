import { Injectable, Logger } from '@nestjs/common';
import { SubmissionReconciler, type LoadedSubmission } from './submission-reconciler';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import { systemActor } from '@lib/common';
import { AppConfig } from '@lib/config';
import { LockClass, lockForTransaction } from '@lib/database';
import { ClaimFileLoader } from './claim-file-loader.service';
import { ClaimFileStorage } from './claim-file-storage.service';
import { ClaimRelevanceService, relevanceSnapshotOf } from './claim-relevance.service';
import {
  ClaimSubmissionEntity,
  FINAL_STATUSES,
  SubmissionStatus,
  type SubmissionCounts,
} from './claim-submission.entity';
import { checkRecordProblemLimit, FileProblemCode, type FileProblem } from './parsing';
import {
  analyzeStaging,
  applyStagedVersions,
  clearStaging,
  exceptionsByCode,
  finishedSubmissionsInStaging,
  reclaimStaging,
  recordStagedProblems,
  resolveLeftToSql,
  stagedHeaderCounts,
  type StagedHeaderCounts,
} from './staging/claim-staging.sql';
import { stateFipsOf, SubmissionBusyError, withSubmissionLock } from './submission-lock';

export { SubmissionBusyError } from './submission-lock';

export type PipelineOutcome =
  { outcome: 'WAITING'; forSubmission: string } | { outcome: SubmissionStatus; submissionId: string };

/** Status changes made by the worker are audited as the platform itself. */
const WORKER = systemActor('claims-worker');

/**
 * One submission from stored file to COMPLETED or REJECTED (design-notes "Separate the three
 * jobs"). Loading may run while other submissions of the state are applied; applying happens
 * in one transaction under the state's advisory lock, in order of receipt, so a crash before
 * the commit leaves only staging rows that the retry replaces.
 */
@Injectable()
export class SubmissionPipeline {
  private readonly logger = new Logger(SubmissionPipeline.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loader: ClaimFileLoader,
    private readonly storage: ClaimFileStorage,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly reconciler: SubmissionReconciler,
    private readonly relevance: ClaimRelevanceService,
  ) {}

  /**
   * Holds a session advisory lock on the submission for the whole run: should BullMQ ever hand a
   * stalled job to a second worker while the first still runs, the second does not touch the
   * first one's staging rows (it fails this attempt and is retried later).
   */
  async process(submissionId: string): Promise<PipelineOutcome> {
    const result = await withSubmissionLock(this.dataSource, submissionId, async () => {
      const outcome = await this.run(submissionId);
      // REJECTED and FAILED delete their staging rows in the transaction that records them.
      if (outcome.outcome === SubmissionStatus.COMPLETED) {
        await this.afterEnd(submissionId, 'clear', () => clearStaging(this.dataSource.manager, submissionId));
      }
      return outcome;
    });
    if (result.outcome !== 'WAITING') {
      await this.afterEnd(submissionId, 'vacuum', () => reclaimStaging(this.dataSource.manager));
    }
    return result;
  }

  /**
   * Staging work once a submission has ended; it is final already, so a failure is only logged.
   * - `clear`: a COMPLETED submission's staging rows are deleted after the commit that made it
   *   COMPLETED, not in it: the DELETE took 0.7-1.0 s of a 10M-record file's commit (README "The
   *   commit of a large file"). Nothing reads a final submission's staging rows. It runs under
   *   the submission's lock, like a re-read's staging of the same submission, so it never deletes
   *   a re-read's rows. Should the worker die before it, its job was not completed: BullMQ runs
   *   it again, and `run` finds the submission final and comes back here. What a failed DELETE
   *   left, the sweep deletes (`clearFinishedStaging`).
   * - `vacuum`: the space of the deleted staging rows is given back at once, while the state
   *   waits for its next file, rather than by the next load before it reads (0.6-0.9 s of a
   *   4M-record file's read step; README "A year at the same machine speed"). The load still
   *   vacuums first (a crash may have left rows).
   */
  private async afterEnd(submissionId: string, step: 'clear' | 'vacuum', work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn({ submissionId, err: error }, `Could not ${step} staging after the submission`);
    }
  }

  /**
   * Staging rows of submissions that ended without their DELETE (it failed after the commit):
   * deleted under each submission's lock; one held by a worker is left for the next sweep.
   */
  async clearFinishedStaging(): Promise<number> {
    let cleared = 0;
    for (const submissionId of await finishedSubmissionsInStaging(this.dataSource.manager)) {
      try {
        await withSubmissionLock(this.dataSource, submissionId, () =>
          clearStaging(this.dataSource.manager, submissionId),
        );
        cleared++;
      } catch (error) {
        if (!(error instanceof SubmissionBusyError)) throw error;
      }
    }
    return cleared;
  }

  private async run(submissionId: string): Promise<PipelineOutcome> {
    const submission = await this.dataSource.getRepository(ClaimSubmissionEntity).findOneBy({ id: submissionId });
    if (!submission) throw new UnrecoverableError(`Claim submission ${submissionId} does not exist`);
    if (FINAL_STATUSES.includes(submission.status)) return { outcome: submission.status, submissionId };
    const earlier = await this.earlierUnfinished(submission);
    if (earlier) return { outcome: 'WAITING', forSubmission: earlier };
    if (!(await this.storage.exists(submission.storagePath))) {
      throw new UnrecoverableError(`The stored file of claim submission ${submissionId} is missing`);
    }
    const stateFips = await stateFipsOf(this.dataSource, submission.stateCode);
    await this.dataSource.query(
      `UPDATE claim_submission
          SET status = 'VALIDATING', attempts = attempts + 1, started_at = now(), records_read = 0, bytes_read = 0,
              updated_at = now()
        WHERE id = $1`,
      [submission.id],
    );
    // Stage timings (ms) go to the log line below: where a large file spends its time.
    const timings: Record<string, number> = {};
    let mark = Date.now();
    const lap = (stage: string) => {
      const now = Date.now();
      timings[stage] = now - mark;
      mark = now;
    };
    // Recorded on the submission: when what matters widens, the file is re-read (src/reread).
    const relevance = await this.relevance.filter();
    const read = await this.loader.load(submission, stateFips, { relevance });
    lap('readAndCopyMs');
    if (!read.ok) {
      await this.reject(
        submission.id,
        submission.stateCode,
        read.problem,
        read.problem.code === FileProblemCode.RECORD_PROBLEM_LIMIT,
      );
      return { outcome: SubmissionStatus.REJECTED, submissionId };
    }
    const manager = this.dataSource.manager;
    await analyzeStaging(manager);
    const skipped = read.counts.skippedRecords + (await resolveLeftToSql(manager, submission.id, read));
    lap('resolveMs');
    // Each record skipped in SQL is one problem more (a duplicate header or an orphan).
    const found = read.counts.problems + skipped - read.counts.skippedRecords;
    const limit = checkRecordProblemLimit(
      { records: read.counts.records, skippedRecords: skipped },
      this.config.claims.recordProblemLimitPct / 100,
      { found, listed: Math.min(found, this.config.claims.maxProblems), complete: true },
    );
    if (limit) {
      await this.reject(submission.id, submission.stateCode, limit, true);
      return { outcome: SubmissionStatus.REJECTED, submissionId };
    }
    await this.dataSource.query(
      `UPDATE claim_submission SET status = 'RECONCILING', updated_at = now() WHERE id = $1`,
      [submission.id],
    );
    const status = await this.dataSource.transaction(async (tx) => {
      await lockForTransaction(tx, LockClass.STATE, Number(stateFips));
      const current = await tx.findOneOrFail(ClaimSubmissionEntity, {
        where: { id: submission.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (FINAL_STATUSES.includes(current.status)) return current.status;
      const loaded: LoadedSubmission = {
        id: current.id,
        stateCode: current.stateCode,
        stateFips,
        receiptSeq: current.receiptSeq,
        fileType: read.header.prefix,
        periodStart: read.header.periodStart,
        periodEnd: read.header.periodEnd,
      };
      // The reader counted what it staged; only a duplicate removed in SQL makes staging differ.
      const headers: StagedHeaderCounts = read.duplicateHeadersPossible
        ? await stagedHeaderCounts(tx, current.id)
        : {
            claimHeaders: read.counts.claimHeaders,
            denied: read.counts.deniedHeaders,
            voids: read.counts.voids,
            replacements: read.counts.replacements,
          };
      lap('lockMs');
      const applied = await applyStagedVersions(tx, loaded, { kind: 'LOAD', stagedHeaders: headers.claimHeaders });
      const problems = await recordStagedProblems(tx, current.id, this.config.claims.maxProblems);
      lap('applyMs');
      const reconciled = await this.reconciler.reconcileAfterLoad(tx, loaded);
      lap('reconcileMs');
      const counts: SubmissionCounts = {
        records: read.counts.records,
        skippedRecords: skipped,
        problems,
        ...headers,
        ...applied,
        episodesCreated: reconciled.episodesCreated,
        episodesChanged: reconciled.episodesChanged,
        exceptionsByCode: await exceptionsByCode(tx, current.id),
        ledgerEntries: reconciled.ledgerEntries,
        ledgerSum: reconciled.ledgerSum,
      };
      await tx.query(
        `UPDATE claim_submission
            SET status = 'COMPLETED', counts = $2, finished_at = clock_timestamp(), updated_at = clock_timestamp(),
                last_failure_reason = NULL, loaded_relevance = $3
          WHERE id = $1`,
        [current.id, JSON.stringify(counts), JSON.stringify(relevanceSnapshotOf(relevance))],
      );
      await this.audit.record(tx, WORKER, {
        action: 'claim-submission.completed',
        entityType: 'ClaimSubmission',
        entityId: current.id,
        before: { status: current.status },
        after: { status: SubmissionStatus.COMPLETED, counts },
        stateCode: current.stateCode,
      });
      // Its staging rows are deleted after the commit (afterEnd 'clear').
      return SubmissionStatus.COMPLETED;
    });
    lap('commitMs');
    this.logger.log({ submissionId, status, records: read.counts.records, ...timings }, 'Claim submission processed');
    return { outcome: status, submissionId };
  }

  /** After a failed attempt: remember why; after the last one the submission is FAILED. */
  async recordFailure(submissionId: string, reason: string, final: boolean): Promise<void> {
    const message = reason.slice(0, 1000);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE claim_submission
            SET last_failure_reason = $2, updated_at = now(),
                status = CASE WHEN $3 AND status NOT IN ('COMPLETED', 'REJECTED') THEN 'FAILED' ELSE status END,
                finished_at = CASE WHEN $3 AND status NOT IN ('COMPLETED', 'REJECTED') THEN now() ELSE finished_at END
          WHERE id = $1`,
        [submissionId, message, final],
      );
      if (final) {
        await this.audit.record(tx, WORKER, {
          action: 'claim-submission.failed',
          entityType: 'ClaimSubmission',
          entityId: submissionId,
          after: { lastFailureReason: message },
        });
        await clearStaging(tx, submissionId);
      }
    });
  }

  /** Submissions of one state are applied in order of receipt. */
  private async earlierUnfinished(submission: ClaimSubmissionEntity): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM claim_submission
        WHERE state_code = $1 AND receipt_seq < $2 AND status IN ('RECEIVED', 'VALIDATING', 'RECONCILING')
        ORDER BY receipt_seq LIMIT 1`,
      [submission.stateCode, submission.receiptSeq],
    );
    return rows[0]?.id ?? null;
  }

  /** File-level problem: nothing is applied, staging is dropped (profile "What is wrong"). */
  private async reject(
    submissionId: string,
    stateCode: string,
    problem: FileProblem,
    keepProblems: boolean,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // Over the problem limit the problems are the reason: the submitter gets the list (up to the cap).
      if (keepProblems) await recordStagedProblems(tx, submissionId, this.config.claims.maxProblems);
      await tx.query(
        `UPDATE claim_submission
            SET status = 'REJECTED', rejection_code = $2, rejection_reason = $3, finished_at = now(), updated_at = now()
          WHERE id = $1`,
        [submissionId, problem.code, problem.message],
      );
      await this.audit.record(tx, WORKER, {
        action: 'claim-submission.rejected',
        entityType: 'ClaimSubmission',
        entityId: submissionId,
        after: { status: SubmissionStatus.REJECTED, rejectionCode: problem.code, rejectionReason: problem.message },
        stateCode,
      });
      await clearStaging(tx, submissionId);
    });
    this.logger.log({ submissionId, code: problem.code }, 'Claim file rejected');
  }
}
