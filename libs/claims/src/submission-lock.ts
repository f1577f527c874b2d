import { UnrecoverableError } from 'bullmq';
import type { DataSource } from 'typeorm';
import { LockClass } from '@lib/database';

/** Another worker holds the submission: this attempt must not touch its staging rows. */
export class SubmissionBusyError extends Error {
  constructor(submissionId: string) {
    super(`Claim submission ${submissionId} is being processed by another worker`);
    this.name = 'SubmissionBusyError';
  }
}

/**
 * Runs `run` holding a session advisory lock on the submission, whose staging rows are keyed by
 * its id: a second worker given the same submission (a stalled job handed over, a re-read beside
 * its processing) fails its attempt with SubmissionBusyError instead of touching those rows.
 */
export async function withSubmissionLock<T>(
  dataSource: DataSource,
  submissionId: string,
  run: () => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    const locked = (await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
      LockClass.CLAIM_SUBMISSION,
      submissionId,
    ])) as { ok: boolean }[];
    if (!locked[0]?.ok) throw new SubmissionBusyError(submissionId);
    try {
      return await run();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LockClass.CLAIM_SUBMISSION, submissionId]);
    }
  } finally {
    await runner.release();
  }
}

/** The FIPS code of a state (it keys the state's advisory lock); an unknown state fails for good. */
export async function stateFipsOf(dataSource: DataSource, stateCode: string): Promise<string> {
  const rows: { fips_code: string }[] = await dataSource.query(
    'SELECT fips_code FROM jurisdiction WHERE usps_code = $1',
    [stateCode],
  );
  if (!rows[0]) throw new UnrecoverableError(`Unknown state ${stateCode}`);
  return rows[0].fips_code;
}
