import { Processor } from '@nestjs/bullmq';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { safeErrorMessage } from '@lib/common';
import { AppConfig } from '@lib/config';
import { JobProcessor, JobQueue, QUEUE_DEFINITIONS, QueueName, type JobData, type JobHandlers } from '@lib/queue';
import { LOADING_STATUSES, SUBMISSION_STALLED_AFTER_MINUTES } from './claim-submission.entity';
import { ClaimSubmissionsService } from './claim-submissions.service';
import { DigestYearRollUps } from './digest-year-roll-ups.service';
import { RelevanceRereadQueue } from './reread/relevance-reread-queue.service';
import { RelevanceRereads } from './reread/relevance-rereads.service';
import { SubmissionBusyError, SubmissionPipeline, type PipelineOutcome } from './submission-pipeline.service';

/** How long a submission waits before looking again whether the earlier one of its state is done. */
export const ORDER_WAIT_MS = 1000;

/**
 * Claim files: one job per submission (job id = submission id), the sweep of lost enqueues, the
 * re-reads when what matters widens and the hourly merge of closed years of claim digests.
 */
@Processor(QueueName.CLAIM_FILES, { concurrency: QUEUE_DEFINITIONS[QueueName.CLAIM_FILES].concurrency })
export class ClaimFilesProcessor extends JobProcessor<QueueName.CLAIM_FILES> {
  readonly queueName = QueueName.CLAIM_FILES;
  protected readonly handlers: JobHandlers<QueueName.CLAIM_FILES> = {
    'process-submission': (job, token) => this.processSubmission(job, token),
    'sweep-submissions': () => this.sweep(),
    'reread-for-relevance': (job) =>
      this.rereads.rereadState((job.data as JobData<QueueName.CLAIM_FILES, 'reread-for-relevance'>).stateCode),
    'roll-up-digest-years': () => this.digestYears.rollUpDue(),
  };

  constructor(
    private readonly pipeline: SubmissionPipeline,
    private readonly submissions: ClaimSubmissionsService,
    private readonly jobs: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly rereads: RelevanceRereads,
    private readonly rereadQueue: RelevanceRereadQueue,
    private readonly digestYears: DigestYearRollUps,
  ) {
    super();
  }

  private async processSubmission(job: Job, token?: string): Promise<PipelineOutcome> {
    const { submissionId } = job.data as JobData<QueueName.CLAIM_FILES, 'process-submission'>;
    let result: PipelineOutcome;
    try {
      result = await this.pipeline.process(submissionId);
    } catch (error) {
      // The worker that holds it records its own outcome; the sweep revives it if that one died.
      if (error instanceof SubmissionBusyError) throw error;
      const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      // Stored on the submission and shown to its state: a database error's values never go there.
      await this.pipeline.recordFailure(submissionId, safeErrorMessage(error), final);
      throw error;
    }
    if (result.outcome === 'WAITING') {
      // An earlier submission of the same state is not finished: wait without using an attempt.
      if (!token) throw new Error('A waiting job needs its lock token to be delayed');
      await job.moveToDelayed(Date.now() + ORDER_WAIT_MS, token);
      throw new DelayedError();
    }
    return result;
  }

  /**
   * Submissions still RECEIVED CLAIM_SWEEP_AFTER_SECONDS after receipt lost their enqueue (a crash
   * after the commit, the queue down during the upload, Redis restarted without its data); one stuck in VALIDATING or RECONCILING whose job is gone or failed without reaching
   * a final status (e.g. the database was down when the failure was recorded) would block its
   * state's later submissions. Both are put back on the queue. States whose stored files were
   * loaded under narrower relevance than the one in force (a catalog change, an enqueue lost after
   * an amendment) or whose re-read is not reconciled get a re-read (README "Claim files"). Staging
   * rows a final submission left (their DELETE after its commit failed) are deleted.
   */
  private async sweep(): Promise<{ requeued: number; rereads: number; stagingCleared: number }> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM claim_submission
        WHERE (status = 'RECEIVED' AND received_at < now() - make_interval(secs => $1))
           OR (status = ANY($2) AND updated_at < now() - make_interval(mins => $3))
        ORDER BY receipt_seq LIMIT 1000`,
      [this.config.claims.sweepAfterSeconds, LOADING_STATUSES, SUBMISSION_STALLED_AFTER_MINUTES],
    );
    let requeued = 0;
    const queue = this.jobs.queue(QueueName.CLAIM_FILES);
    for (const row of rows) {
      const job = await queue.getJob(row.id);
      const state = job ? await job.getState() : 'missing';
      // Waiting, delayed or running jobs are on their way; only lost or dead ones are revived.
      if (!['missing', 'failed', 'completed', 'unknown'].includes(state)) continue;
      await this.submissions.enqueue(row.id);
      requeued++;
    }
    const { enqueued: rereads } = await this.rereadQueue.enqueueWhereWidened();
    const stagingCleared = await this.pipeline.clearFinishedStaging();
    return { requeued, rereads, stagingCleared };
  }
}
