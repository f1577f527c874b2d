import { createHash } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { systemActor } from '@lib/common';
import type { AppConfig } from '@lib/config';
import { JobQueue, QueueName } from '@lib/queue';
import {
  createTestDatabase,
  startWorker,
  testConfig,
  waitForJob,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';
import { LockClass } from '@lib/database';
import { ClaimSubmissionsService } from '../src/claim-submissions.service';
import { SubmissionBusyError, SubmissionPipeline } from '../src/submission-pipeline.service';
import { resolveDuplicateHeaders, resolveStragglers } from '../src/staging/claim-staging.sql';
import { otFile, otHeader, otLine } from './claim-file-fixtures';

/** The worker's pipeline against a real database: SQL resolution, clean retries, failures, the sweep. */
describe('submission pipeline (worker)', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let jobs: JobQueue;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url);
    worker = await startWorker(config);
    dataSource = worker.context.get(DataSource);
    jobs = worker.context.get(JobQueue);
  });

  afterAll(async () => {
    await worker?.close();
    await db?.drop();
  });

  /** A submission row as the API would write it, with its file stored under STORAGE_DIR. */
  async function insertSubmission(
    bytes: Buffer | null,
    options: { sha: string; ageMinutes?: number },
  ): Promise<string> {
    const storagePath = join(options.sha.slice(0, 2), options.sha);
    if (bytes) {
      const path = join(config.storageDir, storagePath);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    const rows: { id: string }[] = await dataSource.query(
      `INSERT INTO claim_submission (state_code, file_sha256, byte_size, storage_path, status, total_bytes, received_at)
       VALUES ('NY', $1, $2, $3, 'RECEIVED', $2, now() - make_interval(mins => $4)) RETURNING id`,
      [options.sha, bytes?.length ?? 0, storagePath, options.ageMinutes ?? 0],
    );
    return rows[0].id;
  }

  interface StatusRow {
    status: string;
    last_failure_reason: string | null;
    attempts: number;
    counts: { claimVersions: number } | null;
  }

  const status = async (id: string): Promise<StatusRow> => {
    const rows: StatusRow[] = await dataSource.query(
      `SELECT status, last_failure_reason, attempts, counts FROM claim_submission WHERE id = $1`,
      [id],
    );
    return rows[0];
  };

  it('keeps the first of duplicate headers and reports lines without a header, in SQL', async () => {
    const id = await insertSubmission(null, { sha: 'a'.repeat(64) });
    const header = (position: number, icn: string) =>
      dataSource.query(
        `INSERT INTO claim_stage_header (submission_id, position, record_number, state, icn_orig, icn_adj, adjudication_date,
           adjustment_ind, msis_id, type_of_claim, claim_status_category, total_paid)
         VALUES ($1, $2, $3, '36', $4, '', '2026-03-12', '0', 'M', '1', 'F1', 0)`,
        [id, position, position - 1, icn],
      );
    await header(2, 'A');
    await header(5, 'B');
    await header(9, 'A');
    const straggler = (position: number, icn: string) =>
      dataSource.query(
        `INSERT INTO claim_stage_straggler (submission_id, position, record_number, state, icn_orig, icn_adj,
           adjudication_date, adjustment_ind, kind, relevant, line)
         VALUES ($1, $2, $3, '36', $4, '', '2026-03-12', '0', 'line', true, $2)`,
        [id, position, position - 1, icn],
      );
    await straggler(3, 'B');
    await straggler(4, 'NOPE');
    expect(await resolveDuplicateHeaders(dataSource.manager, id)).toBe(1);
    expect(await resolveStragglers(dataSource.manager, id, 'COT')).toBe(1);
    const headers: { position: string }[] = await dataSource.query(
      `SELECT position FROM claim_stage_header WHERE submission_id = $1 ORDER BY position`,
      [id],
    );
    expect(headers.map((h) => Number(h.position))).toEqual([2, 5]);
    const problems: { position: string; reason: string; record_id: string | null; message: string }[] =
      await dataSource.query(
        `SELECT position, reason, record_id, message FROM claim_stage_problem WHERE submission_id = $1 ORDER BY position`,
        [id],
      );
    expect(problems.map((p) => [Number(p.position), p.reason, p.record_id])).toEqual([
      [4, 'ORPHAN', 'COT00003'],
      [9, 'DUPLICATE_HEADER', null],
    ]);
    expect(problems[1].message).toContain('record 2');
    await dataSource.query(`UPDATE claim_submission SET status = 'FAILED' WHERE id = $1`, [id]);
  });

  it('keeps the first of two headers farther apart than the look-back (20,000 headers) through the worker', async () => {
    const run = async (sha: string, icn: string, repeatFirst: boolean) => {
      const records = Array.from({ length: 20_001 }, (_, i) => otHeader(i + 1, `${icn}${i}`));
      if (repeatFirst) records.push(otHeader(20_002, `${icn}0`));
      const id = await insertSubmission(otFile(records), { sha });
      await jobs.enqueue(QueueName.CLAIM_FILES, 'process-submission', { submissionId: id }, { jobId: id });
      await waitForJob(jobs, QueueName.CLAIM_FILES, id);
      const problems: { position: string; reason: string }[] = await dataSource.query(
        `SELECT position, reason FROM record_problem WHERE submission_id = $1`,
        [id],
      );
      return { row: await status(id), problems: problems.map((p) => [Number(p.position), p.reason]) };
    };
    const distinct = await run('f1'.repeat(32), 'NYLA', false);
    expect(distinct.row).toMatchObject({
      status: 'COMPLETED',
      counts: { claimHeaders: 20_001, claimVersions: 20_001, repeats: 0, skippedRecords: 0 },
    });
    expect(distinct.problems).toEqual([]);
    const repeated = await run('f2'.repeat(32), 'NYLB', true);
    expect(repeated.row).toMatchObject({
      status: 'COMPLETED',
      // Repeats are counted against staging after SQL removed the duplicate, not the 20,002 read.
      counts: { claimHeaders: 20_001, claimVersions: 20_001, repeats: 0, skippedRecords: 1 },
    });
    expect(repeated.problems).toEqual([[20_003, 'DUPLICATE_HEADER']]);
  });

  it("gives back the space of a finished submission's staging rows once it ends, not at the next load", async () => {
    const records = Array.from({ length: 2_000 }, (_, i) => otHeader(i + 1, `NYV${i}`));
    const id = await insertSubmission(otFile(records), { sha: 'c'.repeat(64) });
    await jobs.enqueue(QueueName.CLAIM_FILES, 'process-submission', { submissionId: id }, { jobId: id });
    await waitForJob(jobs, QueueName.CLAIM_FILES, id);
    expect(await status(id)).toMatchObject({ status: 'COMPLETED', counts: { claimVersions: 2_000 } });
    // What a vacuum now finds to remove: nothing, when the worker vacuumed after the submission.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const notices: string[] = [];
      client.on('notice', (notice) => notices.push(notice.message ?? ''));
      await client.query('VACUUM (VERBOSE) claim_stage_header');
      const removed = notices.map((n) => /tuples: (\d+) removed/.exec(n)).find((m) => m !== null);
      expect(removed?.[1]).toBe('0');
    } finally {
      await client.end();
    }
  });

  /** Staging rows for a submission, as a worker that died mid-way would leave them. */
  async function stageLeftovers(id: string, icn: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO claim_stage_header (submission_id, position, record_number, state, icn_orig, icn_adj, adjudication_date,
         adjustment_ind, msis_id, type_of_claim, claim_status_category, total_paid)
       VALUES ($1, 2, 1, '36', $2, '', '2026-03-12', '0', 'M', '1', 'F1', 0)`,
      [id, icn],
    );
    await dataSource.query(
      `INSERT INTO claim_stage_problem (submission_id, position, line, record_id, reason, message)
       VALUES ($1, 3, 3, 'COT00003', 'INVALID_DATE', 'left over')`,
      [id],
    );
  }

  async function stagedRows(id: string): Promise<number> {
    const rows: { n: number }[] = await dataSource.query(
      `SELECT (SELECT count(*) FROM claim_stage_header WHERE submission_id = $1)
            + (SELECT count(*) FROM claim_stage_problem WHERE submission_id = $1) AS n`,
      [id],
    );
    return Number(rows[0].n);
  }

  it("deletes a COMPLETED submission's staging rows when its job runs again after a crash past the commit", async () => {
    const id = await insertSubmission(otFile([otHeader(1, 'NYK1')]), { sha: 'f1'.padEnd(64, '0') });
    await jobs.enqueue(QueueName.CLAIM_FILES, 'process-submission', { submissionId: id }, { jobId: id });
    await waitForJob(jobs, QueueName.CLAIM_FILES, id);
    expect(await status(id)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
    expect(await stagedRows(id)).toBe(0);
    // The worker died after the commit, before the DELETE: BullMQ hands the job out again.
    await stageLeftovers(id, 'NYK1');
    await jobs.enqueue(QueueName.CLAIM_FILES, 'process-submission', { submissionId: id }, { jobId: `${id}-again` });
    await waitForJob(jobs, QueueName.CLAIM_FILES, `${id}-again`);
    expect(await stagedRows(id)).toBe(0);
    // Final already: nothing else changed.
    expect(await status(id)).toMatchObject({ status: 'COMPLETED', attempts: 1, counts: { claimVersions: 1 } });
  });

  it('sweeps the staging rows final submissions left, except those of a submission another worker holds', async () => {
    const left = await insertSubmission(otFile([otHeader(1, 'NYL1')]), { sha: 'f2'.padEnd(64, '0') });
    const held = await insertSubmission(otFile([otHeader(1, 'NYL2')]), { sha: 'f3'.padEnd(64, '0') });
    const running = await insertSubmission(otFile([otHeader(1, 'NYL3')]), { sha: 'f4'.padEnd(64, '0') });
    // Final (REJECTED, FAILED: a COMPLETED one without the relevance it was loaded with would be re-read).
    await dataSource.query(`UPDATE claim_submission SET status = 'REJECTED' WHERE id = $1`, [left]);
    await dataSource.query(`UPDATE claim_submission SET status = 'FAILED' WHERE id = $1`, [held]);
    await dataSource.query(`UPDATE claim_submission SET status = 'VALIDATING', updated_at = now() WHERE id = $1`, [
      running,
    ]);
    for (const [id, icn] of [
      [left, 'NYL1'],
      [held, 'NYL2'],
      [running, 'NYL3'],
    ]) {
      await stageLeftovers(id, icn);
    }
    const pipeline = worker.context.get(SubmissionPipeline);
    // The worker's own minutely sweep may run meanwhile (it starts with the worker): what is
    // asserted is what is left, not which sweep cleared it.
    const other = dataSource.createQueryRunner();
    await other.query('SELECT pg_advisory_lock($1, hashtext($2))', [LockClass.CLAIM_SUBMISSION, held]);
    try {
      await pipeline.clearFinishedStaging();
      expect(await stagedRows(left)).toBe(0);
      expect(await stagedRows(held)).toBe(2);
      // A submission still loading keeps its rows.
      expect(await stagedRows(running)).toBe(2);
      await other.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LockClass.CLAIM_SUBMISSION, held]);
      await pipeline.clearFinishedStaging();
      expect(await stagedRows(held)).toBe(0);
      expect(await stagedRows(running)).toBe(2);
    } finally {
      await other.release();
      // A NY submission left VALIDATING would hold back every later one of the state.
      await dataSource.query(`DELETE FROM claim_stage_header WHERE submission_id = $1`, [running]);
      await dataSource.query(`DELETE FROM claim_stage_problem WHERE submission_id = $1`, [running]);
      await dataSource.query(`UPDATE claim_submission SET status = 'FAILED' WHERE id = $1`, [running]);
    }
    expect(await pipeline.clearFinishedStaging()).toBe(0);
  });

  it('starts a retry from clean staging: rows of a crashed attempt are replaced', async () => {
    const bytes = otFile([otHeader(1, 'NYR1'), otLine(2, 'NYR1')]);
    const id = await insertSubmission(bytes, { sha: 'b'.repeat(64) });
    // What a worker killed mid-file leaves behind.
    await dataSource.query(
      `INSERT INTO claim_stage_header (submission_id, position, record_number, state, icn_orig, icn_adj, adjudication_date,
         adjustment_ind, msis_id, type_of_claim, claim_status_category, total_paid)
       VALUES ($1, 2, 1, '36', 'NYR1', '', '2026-03-12', '0', 'M', '1', 'F1', 0),
              ($1, 3, 2, '36', 'LEFTOVER', '', '2026-03-12', '0', 'M', '1', 'F1', 0)`,
      [id],
    );
    await dataSource.query(`UPDATE claim_submission SET status = 'VALIDATING', attempts = 1 WHERE id = $1`, [id]);
    await jobs.enqueue(QueueName.CLAIM_FILES, 'process-submission', { submissionId: id }, { jobId: id });
    await waitForJob(jobs, QueueName.CLAIM_FILES, id);
    expect(await status(id)).toMatchObject({ status: 'COMPLETED', attempts: 2, counts: { claimVersions: 1 } });
    const versions: { icn_orig: string }[] = await dataSource.query(
      `SELECT icn_orig FROM claim_version WHERE submission_id = $1`,
      [id],
    );
    expect(versions).toEqual([{ icn_orig: 'NYR1' }]);
    const staged: unknown[] = await dataSource.query(`SELECT 1 FROM claim_stage_header WHERE submission_id = $1`, [id]);
    expect(staged).toEqual([]);
  });

  it('leaves a submission alone while another worker holds it', async () => {
    const id = await insertSubmission(otFile([otHeader(1, 'NYB1')]), { sha: 'e'.repeat(64) });
    const other = dataSource.createQueryRunner();
    await other.query('SELECT pg_advisory_lock($1, hashtext($2))', [LockClass.CLAIM_SUBMISSION, id]);
    try {
      await expect(worker.context.get(SubmissionPipeline).process(id)).rejects.toBeInstanceOf(SubmissionBusyError);
      expect(await status(id)).toMatchObject({ status: 'RECEIVED', attempts: 0 });
    } finally {
      await other.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LockClass.CLAIM_SUBMISSION, id]);
      await other.release();
    }
    await dataSource.query(`UPDATE claim_submission SET status = 'FAILED' WHERE id = $1`, [id]);
  });

  it('marks a submission FAILED with the reason when a retry cannot help; the same bytes again retry it', async () => {
    const bytes = otFile([otHeader(1, 'NYF1'), otLine(2, 'NYF1')]);
    const sha = createHash('sha256').update(bytes).digest('hex');
    // Its stored file is missing: no retry can help.
    const id = await insertSubmission(null, { sha });
    await jobs.enqueue(QueueName.CLAIM_FILES, 'process-submission', { submissionId: id }, { jobId: id });
    const job = await waitForJob(jobs, QueueName.CLAIM_FILES, id);
    expect(await job.getState()).toBe('failed');
    expect(await status(id)).toMatchObject({
      status: 'FAILED',
      last_failure_reason: expect.stringContaining('stored file') as string,
    });
    const again = await worker.context
      .get(ClaimSubmissionsService)
      .receive(systemActor('test'), { stateCode: 'NY', body: Readable.from([bytes]) });
    expect(again).toMatchObject({ created: true, submission: { id, status: 'RECEIVED' } });
    for (let i = 0; i < 100 && (await status(id)).status !== 'COMPLETED'; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await status(id)).toMatchObject({ status: 'COMPLETED', counts: { claimVersions: 1 } });
  });

  it('re-enqueues submissions left RECEIVED (a lost enqueue) on the sweep', async () => {
    const id = await insertSubmission(otFile([otHeader(1, 'NYS1')]), { sha: 'd'.repeat(64), ageMinutes: 5 });
    await jobs.enqueue(QueueName.CLAIM_FILES, 'sweep-submissions', {}, { jobId: 'sweep-test' });
    const sweep = await waitForJob(jobs, QueueName.CLAIM_FILES, 'sweep-test');
    expect(sweep.returnvalue).toEqual({ requeued: 1, rereads: 0, stagingCleared: 0 });
    await waitForJob(jobs, QueueName.CLAIM_FILES, id);
    expect(await status(id)).toMatchObject({ status: 'COMPLETED' });
  });
});
