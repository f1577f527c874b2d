import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParticipationService } from '@lib/agreements';
import { Clock, Role, systemActor, type Actor } from '@lib/common';
import { JobQueue, QueueName } from '@lib/queue';
import {
  executedCasgevyAgreement,
  queryRows,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  waitForJob,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');
const MINUTE = 60_000;

interface RequestRow {
  state_code: string;
  cause_type: string;
  cause_id: string;
  attempts: number;
  enqueued: boolean;
  completed: boolean;
  last_error: string | null;
}

/**
 * The reconciliation outbox: a participation change whose enqueue is lost after the
 * commit (Redis unreachable) is still reconciled, by the sweep of the real worker once
 * RECONCILIATION_SWEEP_MINUTES (5 by default) have passed on the worker's clock.
 */
describe('reconciliation requests: the outbox and its sweep', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let participationId = '';
  let sweeps = 0;

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);
  const requests = () =>
    sql<RequestRow>(
      `SELECT state_code, cause_type, cause_id::text AS cause_id, attempts, enqueued_at IS NOT NULL AS enqueued,
              completed_at IS NOT NULL AS completed, last_error
         FROM reconciliation_request ORDER BY id`,
    );
  const participationEntries = () =>
    sql<Record<string, string>>(
      `SELECT component, amount::text AS amount, cause_type, cause_id FROM ledger_entry
        WHERE cause_type = 'PARTICIPATION' ORDER BY id`,
    );

  /** Runs the sweep job in the real worker with its clock fixed at `at`; its result. */
  async function sweepAt(at: Date): Promise<unknown> {
    jest.spyOn(worker.context.get(Clock), 'now').mockReturnValue(at);
    const jobs = worker.context.get(JobQueue);
    const jobId = `sweep-test-${++sweeps}`;
    await jobs.enqueue(QueueName.RECONCILIATION, 'sweep-reconciliation-requests', {}, { jobId });
    const job = await waitForJob(jobs, QueueName.RECONCILIATION, jobId);
    expect(await job.getState()).toBe('completed');
    return job.returnvalue;
  }

  beforeAll(async () => {
    // The worked example's files report up to May 2027, and a period after the platform's current
    // month is rejected: the clock is pinned after them.
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: '2027-06-15T12:00:00Z' }));
    // Only the sweeps of this test run (the minutely schedule would race with them).
    await worker.context
      .get(JobQueue)
      .queue(QueueName.RECONCILIATION)
      .removeJobScheduler('sweep-reconciliation-requests-minutely');
    const tokens = await signInCast({ db, api }, ['NY', 'GA']);
    ({ participationId } = await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' }));
    const order = JSON.parse(readFileSync(join(FIXTURES, 'order.json'), 'utf8')) as { file: string; fips: string }[];
    for (const { file, fips } of order) {
      const usps = fips === '36' ? 'NY' : 'GA';
      const body = readFileSync(join(FIXTURES, file));
      const result = await submitClaimFileAndWait(
        { url: api.url, databaseUrl: db.url, token: tokens[usps] },
        usps,
        file,
        body,
      );
      expect({ file, status: result.status }).toEqual({ file, status: 'COMPLETED' });
    }
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it('records the request of a change in its transaction and completes it when the worker reconciles', async () => {
    // The join of executedCasgevyAgreement: enqueued at once after the commit, done by the worker.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(await requests()).every((r) => r.completed)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await requests()).toEqual([
      {
        state_code: 'NY',
        cause_type: 'PARTICIPATION',
        cause_id: participationId,
        attempts: 1,
        enqueued: true,
        completed: true,
        last_error: null,
      },
    ]);
  });

  it('reconciles a change whose enqueue was lost once the sweep finds it, and never re-enqueues a completed request', async () => {
    const ny: Actor = {
      ...systemActor('test'),
      kind: 'user',
      role: Role.STATE_STAFF,
      stateCode: 'NY',
      label: 'ny@test.gov',
    };
    // Redis is unreachable right after the commit: the change stands, its request stays pending.
    jest.spyOn(api.app.get(JobQueue), 'enqueue').mockRejectedValueOnce(new Error('Connection is closed.'));
    const left = await api.app.get(ParticipationService).leave(ny, { participationId, effectiveTo: '2026-03-01' });
    expect(left.effectiveTo).toBe('2026-03-01');
    const [, lost] = await requests();
    expect(lost).toEqual({
      state_code: 'NY',
      cause_type: 'PARTICIPATION',
      cause_id: participationId,
      attempts: 1,
      enqueued: false,
      completed: false,
      last_error: 'Error: Connection is closed.',
    });
    const [{ requested_at: requestedAt }] = await sql<{ requested_at: Date }>(
      `SELECT requested_at FROM reconciliation_request ORDER BY id DESC LIMIT 1`,
    );
    const after = (minutes: number) => new Date(requestedAt.getTime() + minutes * MINUTE);

    // Not yet due: the sweep leaves it, and nothing reconciled the state.
    expect(await sweepAt(after(4))).toEqual({ requeued: 0, failed: 0 });
    expect(await participationEntries()).toEqual([]);

    // Due: enqueued again as attempt 2; the worker reverses the rebates of the administration.
    expect(await sweepAt(after(6))).toEqual({ requeued: 1, failed: 0 });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(await requests())[1].completed) await new Promise((r) => setTimeout(r, 100));
    expect(await participationEntries()).toEqual([
      { component: 'GUARANTEED', amount: '-220000.00', cause_type: 'PARTICIPATION', cause_id: participationId },
      { component: 'OUTCOME:VOE12', amount: '-660000.00', cause_type: 'PARTICIPATION', cause_id: participationId },
    ]);
    expect((await requests())[1]).toEqual({ ...lost, attempts: 2, enqueued: true, completed: true, last_error: null });
    const [total] = await sql<{ total: string }>(`SELECT sum(amount)::text AS total FROM ledger_entry`);
    expect(total).toEqual({ total: '0.00' });

    // Completed requests are never enqueued again, however late the sweep runs.
    const before = await requests();
    expect(await sweepAt(after(60))).toEqual({ requeued: 0, failed: 0 });
    expect(await requests()).toEqual(before);
    expect(await participationEntries()).toHaveLength(2);
  });
});
