import type { EntityManager } from 'typeorm';
import { FINAL_STATUSES } from '../claim-submission.entity';
import {
  addEmptyDigestMonth,
  buildDigestMonth,
  BUILT_MONTHS_MAX,
  DIGEST_COLUMNS,
  DIGEST_VALUES,
  lockDigestMonths,
  stagedMonths,
} from './digest-months.sql';
import { rowsWritten } from './rows-written';

/**
 * Set-based SQL over the staging tables of one submission (design-notes "Load" and
 * "Reconcile"): no per-record round trips. Every statement is scoped by submission id.
 */

const STAGING_TABLES = [
  'claim_stage_header',
  'claim_stage_line',
  'claim_stage_diagnosis',
  'claim_stage_straggler',
  'claim_stage_problem',
];

/** The version key join between a staged row `a` and a staged row or claim version `b`. */
const KEY = (a: string, b: string, bState = 'state') =>
  `${b}.${bState} = ${a}.state AND ${b}.icn_orig = ${a}.icn_orig AND ${b}.icn_adj = ${a}.icn_adj
   AND ${b}.adjudication_date = ${a}.adjudication_date AND ${b}.adjustment_ind = ${a}.adjustment_ind`;

async function count(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const rows: { n: string | number }[] = await manager.query(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Sample size of the staging statistics: the plans over staging only need row counts and rough
 * distinct counts, which 3,000 sampled rows give as well as the default 30,000 (ANALYZE of 273k
 * staged headers: ~60 ms instead of ~440 ms).
 */
const STAGING_STATISTICS_TARGET = 10;

/**
 * Fresh statistics after a bulk load: without them the planner takes the just-filled staging
 * tables for empty and joins them with nested loops (seconds instead of milliseconds).
 */
export async function analyzeStaging(manager: EntityManager): Promise<void> {
  await manager.transaction(async (tx) => {
    await tx.query(`SET LOCAL default_statistics_target = ${STAGING_STATISTICS_TARGET}`);
    await tx.query(`ANALYZE ${STAGING_TABLES.join(', ')}`);
  });
}

/** A retry starts clean; a finished submission leaves nothing behind. */
export async function clearStaging(manager: EntityManager, submissionId: string): Promise<void> {
  for (const table of STAGING_TABLES) {
    await manager.query(`DELETE FROM ${table} WHERE submission_id = $1`, [submissionId]);
  }
}

/**
 * Final submissions (COMPLETED, REJECTED, FAILED) that still have staging rows: a skip scan of
 * each staging table's submission index (one probe per submission staged there, however many
 * rows each has), joined with the submissions.
 */
export async function finishedSubmissionsInStaging(manager: EntityManager): Promise<string[]> {
  const staged = STAGING_TABLES.map(
    (table) => `SELECT id FROM (
       WITH RECURSIVE s(id) AS (
         (SELECT submission_id FROM ${table} ORDER BY submission_id LIMIT 1)
         UNION ALL
         SELECT (SELECT submission_id FROM ${table} WHERE submission_id > s.id ORDER BY submission_id LIMIT 1)
           FROM s WHERE s.id IS NOT NULL)
       SELECT id FROM s WHERE id IS NOT NULL) ${table}`,
  );
  const rows: { id: string }[] = await manager.query(
    `SELECT c.id FROM claim_submission c
      WHERE c.status = ANY($1) AND c.id IN (${staged.join(' UNION ')})
      ORDER BY c.receipt_seq`,
    [FINAL_STATUSES],
  );
  return rows.map((row) => row.id);
}

/**
 * Gives the space of finished submissions' staging rows back for the next COPY. Staging rows are
 * deleted when a submission ends (other states may be loading into the same tables, so they are
 * never truncated); without a vacuum their space is reused only when autovacuum gets to it, and
 * where it does not (it may be off, or behind) every scan of staging reads the dead rows of all
 * earlier files: a cost that grows with the state's history, not with the file. Run before a
 * load, outside any transaction (VACUUM refuses one); a table another vacuum holds is skipped
 * (the next load gets it), and rows deleted while an older transaction still runs wait for a
 * later vacuum.
 */
export async function reclaimStaging(manager: EntityManager): Promise<void> {
  await manager.query(`VACUUM (SKIP_LOCKED) ${STAGING_TABLES.join(', ')}`);
}

/**
 * Claim headers with the same version key farther apart than the reader's look-back: the first
 * (lowest position) is kept, the others become DUPLICATE_HEADER problems (profile "What is
 * wrong": only one header per version key). Returns how many records were skipped.
 */
export async function resolveDuplicateHeaders(manager: EntityManager, submissionId: string): Promise<number> {
  return count(
    manager,
    `WITH candidate AS (
       -- A hash aggregate over the staged digests (16 bytes, not five text columns: half the time
       -- at 2.7M headers) finds the (rare) digests seen twice; the exact keys decide below.
       SELECT digest FROM claim_stage_header WHERE submission_id = $1 GROUP BY digest HAVING count(*) > 1
     ), duplicated AS (
       SELECT h.state, h.icn_orig, h.icn_adj, h.adjudication_date, h.adjustment_ind, min(h.position) AS first_position
         FROM claim_stage_header h
         JOIN candidate c ON c.digest = h.digest
        WHERE h.submission_id = $1
        GROUP BY h.state, h.icn_orig, h.icn_adj, h.adjudication_date, h.adjustment_ind
       HAVING count(*) > 1
     ), removed AS (
       DELETE FROM claim_stage_header h USING duplicated k
        WHERE h.submission_id = $1 AND ${KEY('k', 'h')} AND h.position > k.first_position
       RETURNING h.position, h.record_number, h.icn_orig, k.first_position
     ), reported AS (
       INSERT INTO claim_stage_problem
         (submission_id, position, line, record_id, record_number, icn_orig, field_number, field_name, value, reason, message)
       SELECT $1, position, NULL, NULL, record_number, left(icn_orig, 60), 4, 'ICN-ORIG', left(icn_orig, 60),
              'DUPLICATE_HEADER',
              'repeats the claim header at record ' || first_position ||
              ' (same SUBMITTING-STATE, ICN-ORIG, ICN-ADJ, ADJUDICATION-DATE and ADJUSTMENT-IND); only the first is used'
         FROM removed
       RETURNING 1
     )
     SELECT count(*) AS n FROM reported`,
    [submissionId],
  );
}

/**
 * Lines and diagnoses whose header was beyond the reader's look-back: those without a claim
 * header of the same version key in the file are orphans (profile "What is wrong"). Their
 * relevant rows are then simply not joined when loading. Returns how many records were skipped.
 */
export async function resolveStragglers(
  manager: EntityManager,
  submissionId: string,
  filePrefix: string,
): Promise<number> {
  return count(
    manager,
    `WITH reported AS (
       INSERT INTO claim_stage_problem
         (submission_id, position, line, record_id, record_number, icn_orig, field_number, field_name, value, reason, message)
       SELECT $1, s.position, s.line, $2 || CASE s.kind WHEN 'line' THEN '00003' ELSE '00004' END, s.record_number,
              left(s.icn_orig, 60), 4, 'ICN-ORIG', left(s.icn_orig, 60), 'ORPHAN',
              CASE s.kind
                WHEN 'line' THEN 'no claim header in this file has this line''s SUBMITTING-STATE, ICN-ORIG, ICN-ADJ, ADJUDICATION-DATE and LINE-ADJUSTMENT-IND (an orphan line)'
                ELSE 'no claim header in this file has this diagnosis''s SUBMITTING-STATE, ICN-ORIG, ICN-ADJ, ADJUDICATION-DATE and ADJUSTMENT-IND (an orphan diagnosis)'
              END
         FROM claim_stage_straggler s
        WHERE s.submission_id = $1
          AND NOT EXISTS (SELECT 1 FROM claim_stage_header h WHERE h.submission_id = $1 AND ${KEY('s', 'h')})
       RETURNING 1
     )
     SELECT count(*) AS n FROM reported`,
    [submissionId, filePrefix],
  );
}

/** What the reader left to SQL (parsing ClaimFileResult); returns how many more records were skipped. */
export async function resolveLeftToSql(
  manager: EntityManager,
  submissionId: string,
  read: { duplicateHeadersPossible: boolean; stragglersEmitted: boolean; header: { prefix: string } },
): Promise<number> {
  let skipped = 0;
  if (read.duplicateHeadersPossible) skipped += await resolveDuplicateHeaders(manager, submissionId);
  if (read.stragglersEmitted) skipped += await resolveStragglers(manager, submissionId, read.header.prefix);
  return skipped;
}

export interface StagedHeaderCounts {
  claimHeaders: number;
  denied: number;
  voids: number;
  replacements: number;
}

export async function stagedHeaderCounts(manager: EntityManager, submissionId: string): Promise<StagedHeaderCounts> {
  const rows: { headers: string; denied: string; voids: string; replacements: string }[] = await manager.query(
    `SELECT count(*) AS headers,
            count(*) FILTER (WHERE claim_status_category = 'F2') AS denied,
            count(*) FILTER (WHERE adjustment_ind = '1') AS voids,
            count(*) FILTER (WHERE adjustment_ind = '4') AS replacements
       FROM claim_stage_header WHERE submission_id = $1`,
    [submissionId],
  );
  const r = rows[0];
  return {
    claimHeaders: Number(r.headers),
    denied: Number(r.denied),
    voids: Number(r.voids),
    replacements: Number(r.replacements),
  };
}

export interface AppliedVersions {
  claimVersions: number;
  repeats: number;
  cgtLines: number;
  relevantDiagnoses: number;
}

/**
 * The receipt (column receipt_seq) of staged header `h`'s digest: one probe of the primary key
 * of the partition of its state and adjudication month (migration 1765400000000). The state
 * (`state`, every staged header's: the reader skips records of another) and the months the
 * headers may have (`months`, an int[]) are parameters, so the plan holds only those months'
 * partitions: joined on the header's columns alone, it would hold, lock and initialise every
 * partition of every state. `OFFSET 0` keeps it a probe per header: joined freely, the planner
 * may hash the state's whole history.
 */
const headerDigest = (state: string, months: string) => `(
     SELECT d.receipt_seq FROM claim_version_digest d
      WHERE d.state_fips = ${state}::char(2) AND d.adjudication_month = ANY(${months}::int[])
        AND d.state_fips = h.state AND d.adjudication_month = h.adjudication_month AND d.digest = h.digest
     OFFSET 0)`;

/**
 * The digests of family `f` (columns low and high: its digest range) of state `$2`: one range of
 * each of the state's month partitions' primary keys, whose digests start with the family's 64
 * bits. `OFFSET 0` keeps it a probe per family and month: flattened, the planner may scan the
 * state's partitions whole for each family (it did: minutes on 13M digests). The families come in
 * digest order, so each month's probes move forward through its key (7,000 families x 12 months
 * of 13M digests: 0.33 s, against 0.42 s unordered).
 */
export const FAMILY_DIGESTS = `(
     SELECT * FROM claim_version_digest d
      WHERE d.state_fips = $2::char(2) AND d.digest BETWEEN f.low AND f.high
     OFFSET 0)`;

/**
 * What fresh_version keeps of a staged header `h`: its position and what a detailed claim
 * version takes of it.
 */
const FRESH_COLUMNS = `h.position, h.state, h.icn_orig, h.icn_adj, h.adjudication_date, h.adjustment_ind, h.type_of_claim,
   h.claim_status_category, h.record_number, h.msis_id, h.admission_date, h.discharge_date, h.begin_date, h.end_date,
   h.total_paid`;

/**
 * How staged versions are applied: `LOAD` a file received now; `REREAD` a stored file loaded
 * before under narrower relevance, re-read for what matters now (README "Claim files": "When
 * what matters widens"). A re-read adds what the file would have added had the wider relevance
 * been in force at its load, and nothing else: its digests are there already (no repeats, no
 * `R`), its versions of a family that matters from this file on become detailed (inserted, or
 * compact rows upgraded), and its newly relevant lines and diagnoses are added once.
 */
export type ApplyMode = LoadMode | { readonly kind: 'REREAD' };

export interface LoadMode {
  readonly kind: 'LOAD';
  /**
   * The file's staged claim headers: what the reader counted, or staging's count after SQL
   * removed duplicates. Each one leaves a digest or is a repeat, so staging need not be counted again.
   */
  readonly stagedHeaders: number;
}

/**
 * Moves the staged versions into the claim tables (inside the caller's transaction, under the
 * state's lock). Every valid header leaves the 128-bit digest of its version key in
 * claim_version_digest unless that digest is there already: then it is a repeat, ignored and
 * recorded as exception `R`. Only families with a CGT line or relevant diagnosis, now or in an
 * earlier file, get claim versions (design-notes "Keep only what matters, but decide it
 * correctly"): every new version of theirs with its details, and when a family becomes relevant
 * only now, its earlier versions are copied from their digests (the facts final action needs).
 * `REREAD` (see ApplyMode) runs the same steps over the same staging, as of this file's turn in
 * the order of receipt: a family matters here when it has staged rows or a detailed version
 * received before this file.
 */
export async function applyStagedVersions(
  manager: EntityManager,
  submission: { id: string; stateCode: string; stateFips: string; receiptSeq: number; fileType: string },
  mode: ApplyMode,
): Promise<AppliedVersions> {
  const id = submission.id;
  const reread = mode.kind === 'REREAD';
  // Families that matter in this file; `known` ones already have claim versions. The staged
  // headers are scanned once for the keys of the lines and diagnoses together (a join for each
  // scanned them twice: 0.56 s against 0.31 s for 1.1M headers), and once for the families the
  // state has versions of. Written as a semi-join from the staged headers, the planner hashes
  // those families (thousands), not the staged headers (a million per 4M records, in batches on
  // disk: 0.51 s of the 0.53 s this statement took in a state's second file of 4M records).
  await manager.query(
    `CREATE TEMP TABLE relevant_family ON COMMIT DROP AS
     SELECT state, icn_orig, bool_or(known) AS known FROM (
       SELECT h.state, h.icn_orig, false AS known FROM claim_stage_header h
        WHERE h.submission_id = $1 AND EXISTS (
          SELECT 1 FROM (
            SELECT state, icn_orig, icn_adj, adjudication_date, adjustment_ind
              FROM claim_stage_line WHERE submission_id = $1
            UNION ALL
            SELECT state, icn_orig, icn_adj, adjudication_date, adjustment_ind
              FROM claim_stage_diagnosis WHERE submission_id = $1
          ) k WHERE ${KEY('k', 'h')})
       UNION ALL
       SELECT h.state, h.icn_orig, true FROM claim_stage_header h
        WHERE h.submission_id = $1 AND h.state = $2 AND h.icn_orig IN (
          SELECT v.icn_orig FROM claim_version v
           WHERE v.state_fips = $2 ${reread ? 'AND v.detailed AND v.receipt_seq < $3' : ''})
     ) f
     GROUP BY state, icn_orig`,
    reread ? [id, submission.stateFips, submission.receiptSeq] : [id, submission.stateFips],
  );
  await manager.query(
    `UPDATE relevant_family f SET known = true
      WHERE NOT known AND EXISTS (SELECT 1 FROM claim_version v WHERE v.state_fips = f.state AND v.icn_orig = f.icn_orig)`,
  );
  await manager.query('ANALYZE relevant_family');
  let claimVersions = 0;
  let repeats = 0;
  let knownMonths: number[] = [];
  const staged = await stagedMonths(manager, id);
  if (mode.kind === 'LOAD') {
    // Only headers adjudicated in a month the state has digests of can repeat an earlier version
    // (a repeat has the same ADJUDICATION-DATE). The others, usually the whole file, go into new
    // month partitions built from their rows, with no conflict check (digest-months.sql.ts).
    const digests = await lockDigestMonths(manager, submission.stateFips);
    knownMonths = digests.months;
    const newMonths = staged.filter((month) => !knownMonths.includes(month));
    for (const month of newMonths.slice(0, BUILT_MONTHS_MAX)) {
      claimVersions += await buildDigestMonth(manager, submission, digests.parent, month);
    }
    const smallNewMonths = newMonths.slice(BUILT_MONTHS_MAX);
    if (smallNewMonths.length > 0) {
      for (const month of smallNewMonths) await addEmptyDigestMonth(manager, digests.parent, month);
      claimVersions += await insertDigests(manager, submission, smallNewMonths, 'NEW');
    }
    const stagedKnownMonths = staged.filter((month) => knownMonths.includes(month));
    if (stagedKnownMonths.length > 0) {
      claimVersions += await insertDigests(manager, submission, stagedKnownMonths, 'KNOWN');
    }
    repeats = mode.stagedHeaders - claimVersions;
    if (repeats < 0) {
      throw new Error(`${claimVersions} digests were inserted for ${mode.stagedHeaders} staged claim headers`);
    }
  }
  // The versions this file brought (their digests came with it) of the families that matter here:
  // the staged headers joined with those families, then one digest probe per header of theirs (a
  // few thousand in a file of a million records; 0.3-0.6 s in all at 4M records). They keep the
  // header columns a detailed version takes, so storing them reads this small table, not the
  // staged headers again (at 10M records 0.17 s against 0.51 s: README "Fewer scans of staging").
  await manager.query(
    `CREATE TEMP TABLE fresh_version ON COMMIT DROP AS
     SELECT ${FRESH_COLUMNS} FROM claim_stage_header h
       JOIN relevant_family f ON f.state = h.state AND f.icn_orig = h.icn_orig
       CROSS JOIN LATERAL ${headerDigest('$3', '$4')} d
      WHERE h.submission_id = $1 AND d.receipt_seq = $2`,
    [id, submission.receiptSeq, submission.stateFips, staged],
  );
  await manager.query(`CREATE UNIQUE INDEX ON fresh_version (position)`);
  await manager.query('ANALYZE fresh_version');
  if (repeats > 0) {
    await manager.query(
      `INSERT INTO reconciliation_exception
         (submission_id, state_code, code, record_number, position, icn_orig, icn_adj, claim_version_id, reason)
       SELECT $1, $2, 'R', h.record_number, h.position, h.icn_orig, NULLIF(h.icn_adj, ''), v.id,
              'This claim version (same ICN-ORIG, ICN-ADJ, ADJUDICATION-DATE and ADJUSTMENT-IND) was already received in an earlier file ('
                || coalesce(s.original_file_name, 'submission ' || s.receipt_seq) || ', received '
                || to_char(s.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || '); it is ignored.'
         FROM claim_stage_header h
         CROSS JOIN LATERAL ${headerDigest('$5', '$4')} d
         JOIN claim_submission s ON s.receipt_seq = d.receipt_seq
         LEFT JOIN claim_version v ON ${KEY('h', 'v', 'state_fips')}
        WHERE h.submission_id = $1 AND h.adjudication_month = ANY($4::int[]) AND d.receipt_seq <> $3
        ORDER BY h.position`,
      [id, submission.stateCode, submission.receiptSeq, knownMonths, submission.stateFips],
    );
  }
  // A family that matters only now: its earlier versions, from their digests (rebate-rules 2.1
  // needs them: a void received before its original still wins on a later ADJUDICATION-DATE).
  // On a re-read also its versions of files received after this one: those files' own re-reads
  // (or, loaded under the wider relevance already, their first re-read) make them detailed.
  await manager.query(
    `WITH f AS MATERIALIZED (
       SELECT icn_orig, (claim_family_digest(state, icn_orig) || '0000000000000000')::uuid AS low,
              (claim_family_digest(state, icn_orig) || 'ffffffffffffffff')::uuid AS high
         FROM relevant_family WHERE NOT known
        ORDER BY low)
     INSERT INTO claim_version
       (state_fips, icn_orig, icn_adj, adjudication_date, adjustment_ind, type_of_claim, claim_status, file_type,
        submission_id, receipt_seq, record_number, position, detailed)
     SELECT d.state_fips, f.icn_orig, NULL, d.adjudication_date, d.adjustment_ind, d.type_of_claim, d.claim_status,
            s.file_type, s.id, d.receipt_seq, d.record_number, d.position, false
       FROM f
      CROSS JOIN LATERAL ${FAMILY_DIGESTS} d
       JOIN claim_submission s ON s.receipt_seq = d.receipt_seq
      WHERE d.receipt_seq <> $1`,
    [submission.receiptSeq, submission.stateFips],
  );
  // The header columns a detailed version takes from its staged header (`h`: a fresh_version row).
  const DETAILS = `h.icn_adj, h.type_of_claim, h.claim_status_category, h.msis_id, h.admission_date, h.discharge_date,
                   h.begin_date, h.end_date, h.total_paid`;
  if (reread) {
    // Compact rows of this file's versions (copied when the family mattered in a later file, or
    // just above from an earlier re-read) become what the load would have stored.
    claimVersions += await count(
      manager,
      `WITH upgraded AS (
         UPDATE claim_version v
            SET (icn_adj, type_of_claim, claim_status, msis_id, admission_date, discharge_date, begin_date, end_date,
                 total_paid) = (${DETAILS}),
                file_type = $1, record_number = h.record_number, detailed = true
           FROM fresh_version h
          WHERE v.state_fips = h.state AND v.icn_orig = h.icn_orig
            AND v.receipt_seq = $2 AND v.position = h.position AND NOT v.detailed
         RETURNING 1
       )
       SELECT count(*) AS n FROM upgraded`,
      [submission.fileType, submission.receiptSeq],
    );
  }
  const inserted = await count(
    manager,
    `WITH inserted AS (
       INSERT INTO claim_version
         (state_fips, icn_orig, icn_adj, adjudication_date, adjustment_ind, type_of_claim, claim_status, file_type,
          submission_id, receipt_seq, record_number, position, detailed,
          msis_id, admission_date, discharge_date, begin_date, end_date, total_paid)
       SELECT h.state, h.icn_orig, h.icn_adj, h.adjudication_date, h.adjustment_ind, h.type_of_claim,
              h.claim_status_category, $2, $1, $3, h.record_number, h.position, true,
              h.msis_id, h.admission_date, h.discharge_date, h.begin_date, h.end_date, h.total_paid
         FROM fresh_version h
        ${
          reread
            ? `WHERE NOT EXISTS (SELECT 1 FROM claim_version v WHERE v.state_fips = h.state AND v.icn_orig = h.icn_orig
                                  AND v.receipt_seq = $3 AND v.position = h.position)`
            : ''
        }
        ORDER BY h.position
       RETURNING 1
     )
     SELECT count(*) AS n FROM inserted`,
    [id, submission.fileType, submission.receiptSeq],
  );
  if (reread) claimVersions += inserted;
  // A re-read may stage a line or diagnosis the load kept already (a prefix that covers an older
  // one, a line that is CGT by its NDC now and was by its HCPCS code before): it is not added twice.
  const notKeptYet = (table: string, row: string) =>
    reread
      ? `AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.claim_version_id = v.id AND x.position = ${row}.position)`
      : '';
  const cgtLines = await count(
    manager,
    `WITH inserted AS (
       INSERT INTO claim_line
         (claim_version_id, submission_id, record_number, position, line_number, revenue_code, procedure_code,
          ndc_raw, ndc11, ndc_quantity, unit_of_measure, service_quantity, begin_date, end_date, paid,
          cgt_by_ndc, cgt_by_hcpcs)
       SELECT v.id, $1, l.record_number, l.position, l.line_number, l.revenue_code, l.procedure_code,
              l.ndc_raw, l.ndc11, l.ndc_quantity, l.unit_of_measure, l.service_quantity, l.begin_date, l.end_date,
              l.paid, l.cgt_by_ndc, l.cgt_by_hcpcs
         FROM claim_stage_line l
         JOIN claim_version v ON v.submission_id = $1 AND ${KEY('l', 'v', 'state_fips')}
        WHERE l.submission_id = $1 ${notKeptYet('claim_line', 'l')}
        ORDER BY l.position
       RETURNING 1
     )
     SELECT count(*) AS n FROM inserted`,
    [id],
  );
  const relevantDiagnoses = await count(
    manager,
    `WITH inserted AS (
       INSERT INTO claim_diagnosis (claim_version_id, submission_id, record_number, position, sequence, code, flag)
       SELECT v.id, $1, d.record_number, d.position, d.sequence, d.code, d.flag
         FROM claim_stage_diagnosis d
         JOIN claim_version v ON v.submission_id = $1 AND ${KEY('d', 'v', 'state_fips')}
        WHERE d.submission_id = $1 ${notKeptYet('claim_diagnosis', 'd')}
        ORDER BY d.position
       RETURNING 1
     )
     SELECT count(*) AS n FROM inserted`,
    [id],
  );
  return { claimVersions, repeats, cgtLines, relevantDiagnoses };
}

/**
 * Inserts the digests of the staged headers adjudicated in `months`, one at a time into the
 * month partitions' keys; returns how many were new. In a month the state had digests of
 * (`KNOWN`), a digest there already is a version received before (or, with odds in
 * docs/architecture.md, a digest collision): it is skipped, a repeat. In a month it had none of
 * (`NEW`, partitions just added) none can be there, and the file's own headers have distinct
 * keys (duplicates were resolved), so a collision among them fails the load instead of passing
 * for a repeat. A staged header's digest (family 64 bits, then version key 64 bits: migration
 * 1764300000000) was computed as it was COPYed in (migration 1765200001000). Sorted by digest,
 * so the inserts move forward through each month's key.
 */
async function insertDigests(
  manager: EntityManager,
  submission: { id: string; receiptSeq: number },
  months: number[],
  kind: 'NEW' | 'KNOWN',
): Promise<number> {
  return rowsWritten(
    manager,
    `INSERT INTO claim_version_digest (${DIGEST_COLUMNS})
     SELECT ${DIGEST_VALUES}
       FROM claim_stage_header h
      WHERE h.submission_id = $1 AND h.adjudication_month = ANY($3::int[])
      ORDER BY h.digest
     ${kind === 'KNOWN' ? 'ON CONFLICT (state_fips, adjudication_month, digest) DO NOTHING' : ''}`,
    [submission.id, submission.receiptSeq, months],
  );
}

/** The staged problems become the submission's record problems: the first `max` in file order. */
export async function recordStagedProblems(manager: EntityManager, submissionId: string, max: number): Promise<number> {
  return count(
    manager,
    `WITH inserted AS (
       INSERT INTO record_problem
         (submission_id, position, line, record_id, record_number, icn_orig, field_number, field_name, value, reason, message)
       SELECT submission_id, position, line, record_id, record_number, icn_orig, field_number, field_name, value, reason, message
         FROM claim_stage_problem WHERE submission_id = $1
        ORDER BY position, line NULLS LAST
        LIMIT $2
       RETURNING 1
     )
     SELECT count(*) AS n FROM inserted`,
    [submissionId, max],
  );
}

export async function exceptionsByCode(manager: EntityManager, submissionId: string): Promise<Record<string, number>> {
  const rows: { code: string; n: string }[] = await manager.query(
    `SELECT code, count(*) AS n FROM reconciliation_exception WHERE submission_id = $1 GROUP BY code ORDER BY code`,
    [submissionId],
  );
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.n)]));
}
