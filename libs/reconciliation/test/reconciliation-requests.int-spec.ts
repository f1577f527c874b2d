import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '@lib/common';
import { JobQueue, QueueName } from '@lib/queue';
import { createTestDatabase, startApi, testConfig, type RunningApi, type TestDatabase } from '@lib/testing';
import type { ReconciliationRequestRef } from '@lib/agreements';
import { ReconciliationRequests, reconcileJobId } from '@lib/reconciliation';

const T0 = new Date('2026-06-01T12:00:00Z');
const minutesAfterT0 = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/**
 * The outbox sweep without a worker (jobs stay waiting): a request whose job is on its way is
 * left alone, one whose job is gone is enqueued again as a new attempt, and concurrent sweeps
 * enqueue it once.
 */
describe('reconciliation requests: the sweep on a real database and queue', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let dataSource: DataSource;
  let jobs: JobQueue;
  const clock = new FixedClock(T0);
  let requests: ReconciliationRequests;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    dataSource = api.app.get(DataSource);
    jobs = api.app.get(JobQueue);
    requests = new ReconciliationRequests(dataSource, jobs, clock);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const record = async (): Promise<ReconciliationRequestRef> => {
    clock.set(T0);
    const [request] = await dataSource.transaction((manager) =>
      requests.record(manager, { stateCodes: ['NY', 'NY'], causeType: 'PARTICIPATION', causeId: randomUUID() }),
    );
    return request;
  };
  const row = async (requestId: string) =>
    (
      await dataSource.query(`SELECT attempts, enqueued_at, completed_at FROM reconciliation_request WHERE id = $1`, [
        requestId,
      ])
    )[0] as { attempts: number; enqueued_at: Date | null; completed_at: Date | null };
  const sweepAt = (minutes: number) => {
    clock.set(minutesAfterT0(minutes));
    return requests.sweep(5);
  };

  it('leaves a request whose job is waiting, and enqueues one whose job is gone as attempt 2 (ids only)', async () => {
    const request = await record();
    expect(await requests.enqueue([request])).toEqual({ enqueued: 1, failed: 0 });
    expect(await row(request.requestId)).toEqual({ attempts: 1, enqueued_at: T0, completed_at: null });

    expect(await sweepAt(10)).toEqual({ requeued: 0, failed: 0 });
    expect((await row(request.requestId)).attempts).toBe(1);

    // The job vanished (Redis lost it): the next sweep enqueues the request again.
    await (await jobs.queue(QueueName.RECONCILIATION).getJob(reconcileJobId(request)))!.remove();
    expect(await sweepAt(11)).toEqual({ requeued: 1, failed: 0 });
    expect(await row(request.requestId)).toEqual({ attempts: 2, enqueued_at: minutesAfterT0(11), completed_at: null });
    const job = await jobs.queue(QueueName.RECONCILIATION).getJob(reconcileJobId({ ...request, attempt: 2 }));
    expect(job?.data).toEqual({
      requestId: request.requestId,
      stateCode: 'NY',
      causeType: 'PARTICIPATION',
      causeId: request.causeId,
    });
    await job!.remove();
  });

  it('enqueues a lost request once when two sweeps run at the same time, and a completed one never', async () => {
    const lost = await record();
    clock.set(minutesAfterT0(6));
    const results = await Promise.all([requests.sweep(5), requests.sweep(5)]);
    expect(results.reduce((n, r) => n + r.requeued, 0)).toBe(1);
    expect((await row(lost.requestId)).attempts).toBe(2);
    await (await jobs.queue(QueueName.RECONCILIATION).getJob(reconcileJobId({ ...lost, attempt: 2 })))!.remove();

    await dataSource.transaction((manager) => requests.complete(manager, lost.requestId));
    await dataSource.query(`UPDATE reconciliation_request SET completed_at = $1 WHERE completed_at IS NULL`, [T0]);
    expect(await sweepAt(120)).toEqual({ requeued: 0, failed: 0 });
    expect((await row(lost.requestId)).attempts).toBe(2);
  });
});
