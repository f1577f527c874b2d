import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue, QueueName } from '@lib/queue';
import { ClaimRelevanceService, relevanceSnapshotOf } from '../claim-relevance.service';
import { keepsNothing, newlyRelevant, NOTHING_RELEVANT, type RelevanceSnapshot } from './relevance-widening.rules';

/** BullMQ states of a job still on its way: enqueueing again would change nothing. */
const JOB_ON_ITS_WAY = ['waiting', 'waiting-children', 'delayed', 'active', 'prioritized'];

/** One re-read job per state at a time (README "Claim files": "When what matters widens"). */
export function rereadJobId(stateCode: string): string {
  return `reread-for-relevance-${stateCode}`;
}

/**
 * Finds the states whose stored claim files were loaded under a narrower relevance than the one
 * in force (or whose re-read is not reconciled yet) and enqueues `claim-files/reread-for-relevance`
 * for each (ids only). Called after an amendment's reconciliation job (the outbox of the
 * amendment's transaction) and by the minutely `sweep-submissions`, which also catches catalog
 * changes and lost enqueues: what must be re-read is read from the database, never from the queue.
 */
@Injectable()
export class RelevanceRereadQueue {
  private readonly logger = new Logger(RelevanceRereadQueue.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relevance: ClaimRelevanceService,
    private readonly jobs: JobQueue,
  ) {}

  /** The relevance in force now, canonical. */
  async now(): Promise<RelevanceSnapshot> {
    return relevanceSnapshotOf(await this.relevance.filter());
  }

  /** States with a COMPLETED file loaded under narrower relevance, or a re-read not reconciled. */
  async statesToReread(now: RelevanceSnapshot): Promise<string[]> {
    const rows: { state_code: string; loaded_relevance: RelevanceSnapshot | null; pending: boolean }[] =
      await this.dataSource.query(
        `SELECT DISTINCT state_code, loaded_relevance, relevance_reread_pending AS pending FROM claim_submission
          WHERE status = 'COMPLETED' AND (relevance_reread_pending OR loaded_relevance IS DISTINCT FROM $1::jsonb)`,
        [JSON.stringify(now)],
      );
    const states = rows
      .filter((row) => row.pending || !keepsNothing(newlyRelevant(row.loaded_relevance ?? NOTHING_RELEVANT, now)))
      .map((row) => row.state_code.trim());
    return [...new Set(states)].sort();
  }

  /** Enqueues a re-read for every state that needs one; a failed enqueue is left to the sweep. */
  async enqueueWhereWidened(): Promise<{ states: number; enqueued: number }> {
    const states = await this.statesToReread(await this.now());
    let enqueued = 0;
    for (const stateCode of states) {
      try {
        if (await this.enqueue(stateCode)) enqueued++;
      } catch (error) {
        this.logger.warn({ stateCode, err: error }, 'Could not enqueue a re-read; the sweep will');
      }
    }
    if (states.length) this.logger.log({ states: states.length, enqueued }, 'Claim files to re-read for relevance');
    return { states: states.length, enqueued };
  }

  /** Enqueues the state's re-read unless one is waiting or running (it re-checks at every file). */
  async enqueue(stateCode: string): Promise<boolean> {
    const jobId = rereadJobId(stateCode);
    const job = await this.jobs.queue(QueueName.CLAIM_FILES).getJob(jobId);
    if (job && JOB_ON_ITS_WAY.includes(await job.getState())) return false;
    if (job) await job.remove();
    await this.jobs.enqueue(QueueName.CLAIM_FILES, 'reread-for-relevance', { stateCode }, { jobId });
    return true;
  }
}
