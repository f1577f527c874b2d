import type { EntityManager } from 'typeorm';
import { LOADING_STATUSES, SUBMISSION_STALLED_AFTER_MINUTES } from '../claim-submission.entity';
import { lockDigestPartition } from './digest-months.sql';
import { yearsToRollUp, type DigestPartition } from './digest-years.rules';

/** The merge of a state's closed years of digests (migration 1765500000000), in SQL. */

/**
 * One year merged: its digests, the time its copy and key took (without the state's lock) and
 * the time its last step took under the lock.
 */
export interface YearRolledUp {
  readonly partition: string;
  readonly year: number;
  readonly digests: number;
  readonly copyMs: number;
  readonly lockedMs: number;
}

/** A year's table, copied and keyed but not attached yet. */
export interface YearTable {
  readonly year: number;
  readonly table: string;
  readonly copied: string[];
  readonly copiedRows: string[];
  readonly copyMs: number;
}

/**
 * Merges every year due (yearsToRollUp) of one state partition of the digests (`parent`, e.g.
 * `claim_version_digest_36`) in the caller's transaction, whatever is loading (the job's own
 * choice of years, giving way to loads, is DigestYearRollUps.rollUpDue). Each year's rows are
 * copied into a new table and its key built without the state's digest lock, so the state's loads
 * go on meanwhile (copyDigestYears); then, under the lock, what loads added since is taken too and
 * the year attached (attachDigestYears).
 */
export async function rollUpDigestYears(manager: EntityManager, parent: string): Promise<YearRolledUp[]> {
  const years = yearsToRollUp(await digestPartitions(manager, parent));
  if (years.length === 0) return [];
  return attachDigestYears(manager, parent, await copyDigestYears(manager, parent, years));
}

/** The first step, without the state's lock: each year's rows copied into a table of its own and keyed. */
export async function copyDigestYears(
  manager: EntityManager,
  parent: string,
  years: readonly number[],
): Promise<YearTable[]> {
  const tables: YearTable[] = [];
  for (const year of years) {
    const started = Date.now();
    const rows: { table: string; copied: string[]; copiedRows: string[] }[] = await manager.query(
      `SELECT year_table::text AS "table", copied::text[] AS copied, copied_rows AS "copiedRows"
         FROM claim_digest_year_table($1, $2)`,
      [parent, year],
    );
    tables.push({ year, ...rows[0], copyMs: Date.now() - started });
  }
  return tables;
}

/**
 * The last step, under the state's lock (a running load of the state finishes first): what loads
 * added since the copy is taken too, the months are dropped and each year attached. A load of the
 * state started meanwhile waits for this step only; other states' loads never wait (their
 * partitions are theirs).
 */
export async function attachDigestYears(
  manager: EntityManager,
  parent: string,
  tables: readonly YearTable[],
): Promise<YearRolledUp[]> {
  await lockDigestPartition(manager, parent);
  const rolled: YearRolledUp[] = [];
  for (const table of tables) {
    const started = Date.now();
    const rows: { digests: string }[] = await manager.query(
      `SELECT claim_digest_attach_year($1, $2, $3::regclass, $4::regclass[], $5::bigint[]) AS digests`,
      [parent, table.year, table.table, table.copied, table.copiedRows],
    );
    const digests = Number(rows[0].digests);
    rolled.push({ partition: parent, year: table.year, digests, copyMs: table.copyMs, lockedMs: Date.now() - started });
  }
  return rolled;
}

/** The partitions of a state partition of the digests, with their bounds. */
export function digestPartitions(manager: EntityManager, parent: string): Promise<DigestPartition[]> {
  return manager.query(`SELECT month_from AS "monthFrom", month_to AS "monthTo" FROM claim_digest_partitions($1)`, [
    parent,
  ]);
}

/** The state partitions of the digests (one per state with its own, and the shared DEFAULT one). */
export async function digestStatePartitions(manager: EntityManager): Promise<string[]> {
  const rows: { name: string }[] = await manager.query(
    `SELECT i.inhrelid::regclass::text AS name FROM pg_inherits i
      WHERE i.inhparent = 'claim_version_digest'::regclass ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/**
 * Whether a claim file is loading anywhere on the platform: a submission being read, applied or
 * reconciled by a live worker (one not updated for SUBMISSION_STALLED_AFTER_MINUTES is lost, not
 * loading).
 */
export async function claimFilesLoading(manager: EntityManager): Promise<boolean> {
  const rows: { loading: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM claim_submission
                     WHERE status = ANY($1) AND updated_at >= now() - make_interval(mins => $2)) AS loading`,
    [LOADING_STATUSES, SUBMISSION_STALLED_AFTER_MINUTES],
  );
  return rows[0].loading;
}
