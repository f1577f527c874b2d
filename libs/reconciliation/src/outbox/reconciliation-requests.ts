import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AgreementChangeNotifier,
  type AgreementTermsChange,
  type ReconciliationCauseType,
  type ReconciliationRequestRef,
} from '@lib/agreements';
import { Clock } from '@lib/common';
import { LockClass } from '@lib/database';
import { JobQueue, QueueName } from '@lib/queue';

/** Stable per request and enqueue: two enqueues of the same attempt collapse into one job. */
export function reconcileJobId(request: Pick<ReconciliationRequestRef, 'requestId' | 'attempt'>): string {
  return `reconcile-request-${request.requestId}-${request.attempt}`;
}

/** BullMQ states of a job that is still on its way (the sweeper leaves its request alone). */
const JOB_ON_ITS_WAY = ['waiting', 'waiting-children', 'delayed', 'active', 'prioritized'];

interface RequestRow {
  id: string;
  state_code: string;
  cause_type: ReconciliationCauseType;
  cause_id: string;
  attempts: number;
}

const toRef = (row: RequestRow): ReconciliationRequestRef => ({
  requestId: String(row.id),
  stateCode: row.state_code.trim(),
  causeType: row.cause_type,
  causeId: row.cause_id,
  attempt: row.attempts,
});

/**
 * The transactional outbox of reconciliation (table reconciliation_request). A change of terms
 * or participation records its requests in its own transaction, enqueues them at once after the
 * commit, and the reconcile-state job completes them in the transaction of the reconciliation;
 * the sweep re-enqueues what is neither completed nor on its way after a delay, so a crash or an
 * unreachable Redis between the commit and the enqueue loses nothing.
 */
@Injectable()
export class ReconciliationRequests extends AgreementChangeNotifier {
  private readonly logger = new Logger(ReconciliationRequests.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** AgreementChangeNotifier: a change of terms or participation records its requests. */
  agreementChanged(manager: EntityManager, change: AgreementTermsChange): Promise<ReconciliationRequestRef[]> {
    return this.record(manager, {
      stateCodes: change.stateCodes,
      causeType: change.reason === 'PARTICIPATION_CHANGED' ? 'PARTICIPATION' : 'AMENDMENT',
      causeId: change.causeId,
    });
  }

  /** Inside the transaction of the change: one request per state (sorted, deduplicated). */
  async record(
    manager: EntityManager,
    cause: { stateCodes: string[]; causeType: ReconciliationCauseType; causeId: string },
  ): Promise<ReconciliationRequestRef[]> {
    const stateCodes = [...new Set(cause.stateCodes)].sort();
    if (!stateCodes.length) return [];
    const rows: RequestRow[] = await manager.query(
      `INSERT INTO reconciliation_request (state_code, cause_type, cause_id, requested_at, attempts)
       SELECT state_code, $2, $3, $4, 1 FROM unnest($1::text[]) WITH ORDINALITY AS s(state_code, n) ORDER BY n
       RETURNING id::text AS id, state_code, cause_type, cause_id, attempts`,
      [stateCodes, cause.causeType, cause.causeId, this.clock.now()],
    );
    return rows.map(toRef);
  }

  /**
   * After the commit: enqueues each request. A failed enqueue is recorded on the request and
   * left to the sweep (the change itself is committed and must not be reported as failed).
   */
  async enqueue(requests: readonly ReconciliationRequestRef[]): Promise<{ enqueued: number; failed: number }> {
    let enqueued = 0;
    for (const request of requests) {
      try {
        await this.jobs.enqueue(
          QueueName.RECONCILIATION,
          'reconcile-state',
          {
            requestId: request.requestId,
            stateCode: request.stateCode,
            causeType: request.causeType,
            causeId: request.causeId,
          },
          { jobId: reconcileJobId(request) },
        );
        await this.dataSource.query(
          `UPDATE reconciliation_request SET enqueued_at = $3, last_error = NULL
            WHERE id = $1 AND attempts = $2 AND enqueued_at IS NULL`,
          [request.requestId, request.attempt, this.clock.now()],
        );
        enqueued++;
      } catch (error) {
        await this.recordError(request, error);
      }
    }
    const failed = requests.length - enqueued;
    if (failed) this.logger.warn(`${failed} of ${requests.length} reconciliation request(s) left to the sweep`);
    return { enqueued, failed };
  }

  /** In the transaction of the reconciliation: the request is done (a repeated run changes nothing). */
  async complete(manager: EntityManager, requestId: string): Promise<void> {
    await manager.query(
      `UPDATE reconciliation_request SET completed_at = $2, last_error = NULL WHERE id = $1 AND completed_at IS NULL`,
      [requestId, this.clock.now()],
    );
  }

  /**
   * Requests not completed whose last enqueue (or, never enqueued, whose request) is older than
   * `afterMinutes`, and whose job is not waiting or running, are enqueued again as a new attempt.
   * One sweep runs at a time (a transaction-scoped advisory lock; another one meanwhile returns
   * at once): between a sweep's claim of an attempt and its enqueue, a second sweep would find the
   * request still stale and its new attempt's job missing, and claim it once more.
   */
  async sweep(afterMinutes: number, limit = 1000): Promise<{ requeued: number; failed: number }> {
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1, 0) AS locked', [
        LockClass.RECONCILIATION_SWEEP,
      ]);
      return locked ? this.sweepAlone(afterMinutes, limit) : { requeued: 0, failed: 0 };
    });
  }

  private async sweepAlone(afterMinutes: number, limit: number): Promise<{ requeued: number; failed: number }> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - afterMinutes * 60_000);
    const stale: RequestRow[] = await this.dataSource.query(
      `SELECT id::text AS id, state_code, cause_type, cause_id, attempts FROM reconciliation_request
        WHERE completed_at IS NULL AND coalesce(enqueued_at, requested_at) < $1
        ORDER BY id LIMIT $2`,
      [cutoff, limit],
    );
    const queue = this.jobs.queue(QueueName.RECONCILIATION);
    const due: ReconciliationRequestRef[] = [];
    for (const row of stale) {
      const job = await queue.getJob(reconcileJobId(toRef(row)));
      if (job && JOB_ON_ITS_WAY.includes(await job.getState())) continue;
      // (In a CTE: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].)
      const claimed: RequestRow[] = await this.dataSource.query(
        `WITH claimed AS (
           UPDATE reconciliation_request SET attempts = attempts + 1, enqueued_at = NULL
            WHERE id = $1 AND attempts = $2 AND completed_at IS NULL
            RETURNING id::text AS id, state_code, cause_type, cause_id, attempts)
         SELECT * FROM claimed`,
        [row.id, row.attempts],
      );
      due.push(...claimed.map(toRef));
    }
    const { enqueued, failed } = await this.enqueue(due);
    if (stale.length) {
      this.logger.log(`Reconciliation sweep: ${stale.length} stale, ${enqueued} re-enqueued, ${failed} failed`);
    }
    return { requeued: enqueued, failed };
  }

  private async recordError(request: ReconciliationRequestRef, error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    try {
      await this.dataSource.query(`UPDATE reconciliation_request SET last_error = $2 WHERE id = $1`, [
        request.requestId,
        reason.slice(0, 1000),
      ]);
    } catch {
      // The database is unreachable too: the request stays pending and the sweep finds it.
    }
  }
}
