import type { EntityManager } from 'typeorm';
import { LockClass } from '@lib/database';
import { rowsWritten } from './rows-written';

/**
 * The month partitions of claim_version_digest (migration 1765400000000): each state's partition
 * is partitioned by adjudication month. A load inserts the digests of a month the state has no
 * partition of yet into a new table, builds that table's primary key from its rows and attaches
 * it (README "Digests by month"); digests of a month the state has are inserted one by one,
 * with the conflict check that finds repeats.
 */

/** The state's digest partition and the months it has partitions of. */
export interface DigestMonths {
  readonly parent: string;
  readonly months: number[];
}

/**
 * At most this many new months get a table built from their rows: each costs one more scan of
 * the staged headers. A file adjudicated over more new months than that (unusual: a monthly file
 * is adjudicated in its own month) has the rest inserted into empty partitions, one row at a time.
 */
export const BUILT_MONTHS_MAX = 4;

/**
 * Locks the state's digest partition for the transaction (a state without a partition of its
 * own shares the DEFAULT one with others, whose loads could create the same month) and reads the
 * months it has partitions of.
 */
export async function lockDigestMonths(manager: EntityManager, stateFips: string): Promise<DigestMonths> {
  const rows: { parent: string }[] = await manager.query(`SELECT claim_digest_state_table($1)::text AS parent`, [
    stateFips,
  ]);
  const parent = rows[0].parent;
  await lockDigestPartition(manager, parent);
  // Every month a partition covers: a closed year's partition covers twelve (digest-years.sql.ts).
  const months: { months: number[] }[] = await manager.query(`SELECT claim_digest_months($1) AS months`, [parent]);
  return { parent, months: months[0].months };
}

/**
 * Holds the lock on a state partition of the digests (`parent`) for the transaction: one load,
 * or one roll-up of its closed years (digest-years.sql.ts), changes its partitions at a time.
 */
export async function lockDigestPartition(manager: EntityManager, parent: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LockClass.CLAIM_DIGEST_MONTHS, parent]);
}

/** The adjudication months of the submission's staged headers, the month with most headers first. */
export async function stagedMonths(manager: EntityManager, submissionId: string): Promise<number[]> {
  const rows: { month: number }[] = await manager.query(
    `SELECT adjudication_month AS month FROM claim_stage_header WHERE submission_id = $1
      GROUP BY adjudication_month ORDER BY count(*) DESC, adjudication_month`,
    [submissionId],
  );
  return rows.map((row) => row.month);
}

/** The staged header columns a digest row takes, in claim_version_digest's order after the receipt. */
export const DIGEST_COLUMNS = `state_fips, digest, receipt_seq, record_number, position, adjudication_date, adjustment_ind,
   type_of_claim, claim_status, adjudication_month`;
export const DIGEST_VALUES = `h.state, h.digest, $2, h.record_number, h.position, h.adjudication_date, h.adjustment_ind,
   h.type_of_claim, h.claim_status_category, h.adjudication_month`;

/**
 * A new month: its staged headers' digests into a new table, whose primary key is then built and
 * which is attached under the state's partition. Returns how many digests it holds. Two headers
 * of the file with the same digest (a collision: duplicate keys were resolved before) fail the
 * key's build, and with it the load, as a collision in a live index would.
 */
export async function buildDigestMonth(
  manager: EntityManager,
  submission: { id: string; receiptSeq: number },
  parent: string,
  month: number,
): Promise<number> {
  const created: { name: string }[] = await manager.query(
    `SELECT claim_digest_month_table($1::regclass, $2)::text AS name`,
    [parent, month],
  );
  const table = created[0].name;
  // The count from the command tag: a `RETURNING` counted in SQL kept 2.73M rows aside and took
  // 3.4-3.9 s against 3.0 s (README "Digests by month").
  const inserted = await rowsWritten(
    manager,
    `INSERT INTO ${table} (${DIGEST_COLUMNS})
     SELECT ${DIGEST_VALUES} FROM claim_stage_header h WHERE h.submission_id = $1 AND h.adjudication_month = $3`,
    [submission.id, submission.receiptSeq, month],
  );
  await manager.query(`SELECT claim_digest_attach_month($1::regclass, $2, $3::regclass)`, [parent, month, table]);
  // The rows went into the new table, not through claim_version_digest: its trigger did not fire.
  await manager.query(`SELECT pg_notify('data_changed', 'claim_version_digest')`);
  return inserted;
}

/** An empty month partition with its primary key, for digests inserted one at a time. */
export async function addEmptyDigestMonth(manager: EntityManager, parent: string, month: number): Promise<void> {
  await manager.query(
    `SELECT claim_digest_attach_month($1::regclass, $2, claim_digest_month_table($1::regclass, $2))`,
    [parent, month],
  );
}
