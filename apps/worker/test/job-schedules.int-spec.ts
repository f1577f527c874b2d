import Redis from 'ioredis';
import { JOB_SCHEDULES, JobQueue, JobSchedules, QueueName } from '@lib/queue';
import {
  createTestDatabase,
  startWorker,
  testConfig,
  type RunningWorker,
  type TestDatabase,
  WAIT_LIMIT_MS,
} from '@lib/testing';
import type { AppConfig } from '@lib/config';

/** Polls until `check` holds (or fails the test after `timeoutMs`). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = WAIT_LIMIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * README "Security", row "Recurring jobs lost with Redis": after Redis lost its data the
 * recurring sweeps and the statement auto-issue were gone until a worker restart. The worker now
 * checks its schedules every JOB_SCHEDULE_CHECK_SECONDS and re-creates missing ones.
 */
describe('the worker re-creates its recurring jobs when Redis loses them', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let worker: RunningWorker;
  let redis: Redis;

  /** Ids of the schedules whose scheduler exists and whose next job waits to run. */
  const liveSchedules = async (): Promise<string[]> => {
    const jobs = worker.context.get(JobQueue);
    const live: string[] = [];
    for (const schedule of JOB_SCHEDULES) {
      const queue = jobs.queue(schedule.queue);
      const scheduler = await queue.getJobScheduler(schedule.id);
      const next = scheduler?.next ? await queue.getJob(`repeat:${schedule.id}:${scheduler.next}`) : undefined;
      if (next && ['delayed', 'waiting', 'prioritized', 'active', 'completed'].includes(await next.getState()))
        live.push(schedule.id);
    }
    return live;
  };
  const allIds = JOB_SCHEDULES.map((s) => s.id);
  const allLive = async () => JSON.stringify(await liveSchedules()) === JSON.stringify(allIds);

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url, { JOB_SCHEDULE_CHECK_SECONDS: '1' });
    worker = await startWorker(config);
    redis = new Redis(config.queue.redisUrl!);
  });

  afterAll(async () => {
    redis?.disconnect();
    await worker?.close();
    await db?.drop();
  });

  it('upserts every schedule at start', async () => {
    await eventually(allLive, 'the schedules at start');
  });

  it('puts the merge of closed years of digests behind the claim files waiting (a priority; files have none)', async () => {
    const jobs = worker.context.get(JobQueue);
    const queue = jobs.queue(QueueName.CLAIM_FILES);
    const scheduler = await queue.getJobScheduler('roll-up-digest-years-hourly');
    expect(scheduler?.template?.opts).toMatchObject({ priority: 10 });
    const next = await queue.getJob(`repeat:roll-up-digest-years-hourly:${scheduler!.next}`);
    expect(next?.opts.priority).toBe(10);
    // The other jobs of the queue (files, the sweep) go first: BullMQ runs jobs without a priority first.
    for (const schedule of JOB_SCHEDULES.filter(
      (s) => s.queue === QueueName.CLAIM_FILES && s.job !== 'roll-up-digest-years',
    )) {
      expect('priority' in schedule).toBe(false);
    }
  });

  it('brings every schedule back after all of the queues’ keys are deleted, without a restart', async () => {
    // What a Redis restart without persistence does to this worker's queues (FLUSHALL would
    // disturb other test files sharing the server).
    const keys = await redis.keys(`${config.queue.prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    expect(await liveSchedules()).toEqual([]);
    await eventually(allLive, 'the schedules to come back');
    // And they run: every recurring job has completed once since (every-schedules start at once).
    const jobs = worker.context.get(JobQueue);
    for (const schedule of JOB_SCHEDULES) {
      await eventually(
        async () => (await jobs.queue(schedule.queue).getCompletedCount()) > 0,
        `${schedule.id} to run again`,
      );
    }
  });

  it('re-creates one schedule whose next job was deleted, and leaves the others alone', async () => {
    const jobs = worker.context.get(JobQueue);
    const [target, ...others] = JOB_SCHEDULES;
    const scheduler = await jobs.queue(target.queue).getJobScheduler(target.id);
    const nextId = `repeat:${target.id}:${scheduler!.next}`;
    await redis.zrem(`${config.queue.prefix}:${target.queue}:delayed`, nextId);
    await redis.del(`${config.queue.prefix}:${target.queue}:${nextId}`);
    const before = await Promise.all(others.map((s) => jobs.queue(s.queue).getJobScheduler(s.id)));
    expect(await worker.context.get(JobSchedules).ensureSchedules()).toEqual([target.id]);
    expect(await allLive()).toBe(true);
    const after = await Promise.all(others.map((s) => jobs.queue(s.queue).getJobScheduler(s.id)));
    expect(after.map((s) => s?.next)).toEqual(before.map((s) => s?.next));
  });
});
