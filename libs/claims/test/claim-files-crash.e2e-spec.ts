import { Redis } from 'ioredis';
import { Client } from 'pg';
import { Role } from '@lib/common';
import type { AppConfig } from '@lib/config';
import {
  createTestDatabase,
  insertUser,
  signIn,
  startApi,
  startWorker,
  startWorkerProcess,
  testConfig,
  waitForJob,
  WAIT_LIMIT_MS,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';
import { databaseApplicationName } from '@lib/database';
import { JobQueue, QueueName } from '@lib/queue';
import { ClaimFilesProcessor } from '../src/claim-files.processor';
import { STAGING_APPLICATION_NAME } from '../src/staging/claim-staging.writer';
import { otFile, otHeader, otLine } from './claim-file-fixtures';

const FAMILIES = 150_000;

/** Crash-safe (docs/rules/design-notes.md): kill -9 the worker in the middle of a file; the retry applies it exactly once. */
describe('claim files: worker killed mid-file', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Warnings too: a failed attempt (logged as a warning) is then in the log CI prints on failure.
    config = testConfig(db.url, { LOG_LEVEL: 'warn' });
    api = await startApi(config);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  type SubmissionRow = {
    status: string;
    attempts: number;
    counts: unknown;
    last_failure_reason: string | null;
  };

  async function row(id: string): Promise<SubmissionRow> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const result = await client.query(
        `SELECT status, attempts, counts, last_failure_reason FROM claim_submission WHERE id = $1`,
        [id],
      );
      return result.rows[0] as SubmissionRow;
    } finally {
      await client.end();
    }
  }

  it('leaves nothing applied, and the retry loads the file exactly once', async () => {
    const user = await insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' });
    const token = await signIn(api.url, user.email, user.password);
    const records: string[] = [];
    for (let i = 0; i < FAMILIES; i++) {
      records.push(otHeader(records.length + 1, `NYK${i}`));
      if (i % 1000 === 0) records.push(otLine(records.length + 1, `NYK${i}`));
    }
    const worker = await startWorkerProcess(config);
    let submissionId: string;
    let copying = false;
    try {
      const response = await fetch(`${api.url}/v1/states/NY/claim-files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: otFile(records),
      });
      submissionId = ((await response.json()) as { submission: { id: string } }).submission.id;
      // Kill in the middle of the file: as soon as the staging COPY of its claim headers has taken
      // rows (PostgreSQL's COPY progress), while the reader is still sending the rest. The
      // worker's own progress (written every 2 s) came too late once a fast machine read the
      // whole file in less (a CI run found it COMPLETED).
      const watcher = new Client({ connectionString: db.url });
      await watcher.connect();
      try {
        for (const deadline = Date.now() + WAIT_LIMIT_MS; Date.now() < deadline;) {
          const { rows } = await watcher.query<{ n: number }>(
            `SELECT coalesce(max(p.tuples_processed), 0)::int AS n
               FROM pg_stat_progress_copy p JOIN pg_stat_activity a ON a.pid = p.pid
              WHERE p.datname = current_database() AND a.application_name = $1
                AND p.relid = 'claim_stage_header'::regclass`,
            [STAGING_APPLICATION_NAME],
          );
          copying = rows[0].n > 0;
          if (copying) break;
          await new Promise((res) => setTimeout(res, 10));
        }
      } finally {
        await watcher.end();
      }
    } finally {
      await worker.kill();
    }
    const submission = { id: submissionId };
    expect(copying).toBe(true);
    expect(await row(submission.id)).toMatchObject({ status: 'VALIDATING', attempts: 1 });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    // A crashed worker's job is handed over once its lock has expired (30 s); its sessions have
    // ended by then (each notices its vanished client within a second). The handover below is
    // brought forward, so it first waits for that: a session still finishing a statement for the
    // dead worker would hold the rows the retry clears.
    const workerSessions = async (): Promise<number> =>
      (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = ANY($1)`,
          [[databaseApplicationName('worker'), STAGING_APPLICATION_NAME]],
        )
      ).rows[0].n;
    for (const deadline = Date.now() + WAIT_LIMIT_MS; (await workerSessions()) > 0 && Date.now() < deadline;) {
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(await workerSessions()).toBe(0);
    const applied = await client.query(
      `SELECT (SELECT count(*)::int FROM claim_version) + (SELECT count(*)::int FROM claim_version_digest) AS n`,
    );
    expect(applied.rows[0]).toEqual({ n: 0 });

    // A dead worker's job lock lasts its lockDuration; expire it now instead of waiting for it.
    const redis = new Redis(config.queue.redisUrl!);
    const keys = `${config.queue.prefix}:${QueueName.CLAIM_FILES}`;
    await redis.del(`${keys}:${submission.id}:lock`);
    const restarted = await startWorker(config);
    // BullMQ finds a stalled job in two passes of its checker (mark, then move), at most one per
    // stalledInterval: run both now instead of waiting a minute (private in bullmq's typings).
    const checker = restarted.context.get(ClaimFilesProcessor).worker as unknown as {
      moveStalledJobsToWait(): Promise<void>;
    };
    for (let pass = 0; pass < 2; pass++) {
      await redis.del(`${keys}:stalled-check`);
      await checker.moveStalledJobsToWait();
    }
    await redis.quit();
    try {
      let status = '';
      for (let i = 0; i < 300 && !['COMPLETED', 'FAILED', 'REJECTED'].includes(status); i++) {
        await new Promise((res) => setTimeout(res, 100));
        status = (await row(submission.id)).status;
      }
      // Its staging rows are deleted just after the commit that made it COMPLETED: its job ends then.
      await waitForJob(restarted.context.get(JobQueue), QueueName.CLAIM_FILES, submission.id);
      expect(await row(submission.id)).toMatchObject({
        status: 'COMPLETED',
        attempts: 2,
        last_failure_reason: null,
        counts: { claimVersions: FAMILIES, cgtLines: FAMILIES / 1000, repeats: 0, problems: 0 },
      });
      const stored = await client.query(
        `SELECT (SELECT count(*)::int FROM claim_version_digest) AS versions,
                (SELECT count(*)::int FROM claim_version) AS relevant, (SELECT count(*)::int FROM claim_line) AS lines,
                (SELECT count(*)::int FROM claim_stage_header) AS staged`,
      );
      // Every version leaves its digest; only the families with a CGT line are claim versions.
      expect(stored.rows[0]).toEqual({
        versions: FAMILIES,
        relevant: FAMILIES / 1000,
        lines: FAMILIES / 1000,
        staged: 0,
      });
    } finally {
      await client.end();
      await restarted.close();
    }
  });
});
