import { Client } from 'pg';
import { type DiscoveryService } from '@nestjs/core';
import { HandlerCoverageCheck, JobQueue, QueueName } from '@lib/queue';
import { createTestDatabase, startWorker, testConfig, waitForJob, type TestDatabase } from '@lib/testing';

async function insertExpiredThrottle(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO login_throttle (login_key, client_key, attempts, last_attempt_at, next_attempt_at)
     VALUES ('old@test.gov', '203.0.113.7', 9, now() - interval '3 days', now() - interval '2 days'),
            ('fresh@test.gov', '203.0.113.7', 1, now(), NULL)`,
  );
  await client.end();
}

async function throttleKeys(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const result = await client.query<{ login_key: string }>('SELECT login_key FROM login_throttle ORDER BY 1');
  await client.end();
  return result.rows.map((r) => r.login_key);
}

describe.each([
  ['redis', {}],
  ['postgres', { QUEUE_BACKEND: 'postgres', BULLMQ_PG_SCHEMA: 'bullmq_test' }],
])('worker on the %s queue backend', (_backend, overrides) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('boots without HTTP, processes a real job and records its result', async () => {
    const worker = await startWorker(testConfig(db.url, overrides));
    try {
      const jobs = worker.context.get(JobQueue);
      // The hourly schedule was upserted at boot and runs once at once; let it finish first.
      const schedulers = await jobs.queue(QueueName.MAINTENANCE).getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toContain('purge-login-throttle-hourly');
      for (let i = 0; i < 600 && (await jobs.queue(QueueName.MAINTENANCE).getCompletedCount()) === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await insertExpiredThrottle(db.url);
      await jobs.enqueue(QueueName.MAINTENANCE, 'purge-login-throttle', {}, { jobId: 'purge-test-1' });
      const job = await waitForJob(jobs, QueueName.MAINTENANCE, 'purge-test-1');
      expect(await job.getState()).toBe('completed');
      expect(job.returnvalue).toEqual({ purged: 1 });
      expect(await throttleKeys(db.url)).toEqual(['fresh@test.gov']);
    } finally {
      await worker.close();
    }
  });
});

describe('handler coverage', () => {
  it('refuses to start when a declared job has no handler', () => {
    const discovery = { getProviders: () => [] } as unknown as DiscoveryService;
    expect(() => new HandlerCoverageCheck(discovery).onApplicationBootstrap()).toThrow(
      'Worker refuses to start: no handler for declared job(s) maintenance/purge-login-throttle, claim-files/process-submission, claim-files/sweep-submissions, claim-files/reread-for-relevance',
    );
  });
});
