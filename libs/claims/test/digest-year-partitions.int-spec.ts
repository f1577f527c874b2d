import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createMigrationDataSource, LockClass } from '@lib/database';
import { createTestDatabase, WAIT_LIMIT_MS, type TestDatabase } from '@lib/testing';
import { DigestYearPartitions1765500000000 } from '../../../migrations/1765500000000-digest-year-partitions';
import { SUBMISSION_STALLED_AFTER_MINUTES } from '../src/claim-submission.entity';
import { DigestYearRollUps } from '../src/digest-year-roll-ups.service';
import { rollUpDigestYears } from '../src/staging/digest-years.sql';
import { GIVE_WAY_POLL_MS } from '../src/staging/give-way-to-loads';

/** Months counted from January 2000. */
const m = (year: number, month: number): number => (year - 2000) * 12 + month - 1;

interface Partition {
  name: string;
  bound: string;
  rows: number;
}

/** The year partitions of a state's digests (migration 1765500000000), in SQL and through the roll-up. */
describe('claim digests: closed years merged into one partition', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createMigrationDataSource(db.url).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const partitions = (parent: string): Promise<Partition[]> =>
    dataSource.query(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound,
              (SELECT count(*)::int FROM claim_version_digest d WHERE d.tableoid = c.oid) AS rows
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = $1::regclass ORDER BY c.relname`,
      [parent],
    );

  /** `count` digests of state `fips` adjudicated in `month`, in a month partition built as a load builds one. */
  async function addMonth(fips: string, month: number, count: number): Promise<void> {
    await dataSource.query(
      `SELECT claim_digest_attach_month(p, $2, t) FROM (
         SELECT p, claim_digest_month_table(p, $2) AS t FROM claim_digest_state_table($1) p) x`,
      [fips, month],
    );
    await dataSource.query(
      `INSERT INTO claim_version_digest (state_fips, digest, receipt_seq, record_number, position, adjudication_date,
                                         adjustment_ind, type_of_claim, claim_status, adjudication_month)
       SELECT $1::char(2), md5($1::text || ':' || $2 || ':' || i)::uuid, 1, i, i, date '2000-01-01' + make_interval(months => $2::int),
              '0', '1', 'P1', $2::int
         FROM generate_series(1, $3::int) i`,
      [fips, month, count],
    );
  }

  const digestsOf = async (fips: string): Promise<string[]> =>
    (
      await dataSource.query<{ d: string }[]>(
        `SELECT digest::text || '@' || adjudication_month AS d FROM claim_version_digest WHERE state_fips = $1 ORDER BY 1`,
        [fips],
      )
    ).map((row) => row.d);

  it('merges a closed year of New York into one partition with its key, and down splits it back into months', async () => {
    for (const [month, count] of [
      [m(2024, 2), 5],
      [m(2024, 7), 3],
      [m(2024, 12), 4],
      [m(2025, 1), 2],
      [m(2025, 4), 1],
    ]) {
      await addMonth('36', month, count);
    }
    const before = await digestsOf('36');
    const rolled = await dataSource.transaction((manager) => rollUpDigestYears(manager, 'claim_version_digest_36'));
    expect(rolled.map(({ partition, year, digests }) => ({ partition, year, digests }))).toEqual([
      { partition: 'claim_version_digest_36', year: 2024, digests: 12 },
    ]);
    expect(await partitions('claim_version_digest_36')).toEqual([
      { name: 'claim_version_digest_36_2024', bound: `FOR VALUES FROM (${m(2024, 1)}) TO (${m(2025, 1)})`, rows: 12 },
      { name: 'claim_version_digest_36_2025_01', bound: `FOR VALUES FROM (${m(2025, 1)}) TO (${m(2025, 2)})`, rows: 2 },
      { name: 'claim_version_digest_36_2025_04', bound: `FOR VALUES FROM (${m(2025, 4)}) TO (${m(2025, 5)})`, rows: 1 },
    ]);
    expect(await digestsOf('36')).toEqual(before);
    const [key] = await dataSource.query<{ def: string }[]>(
      `SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index
        WHERE indrelid = 'claim_version_digest_36_2024'::regclass AND indisprimary`,
    );
    expect(key.def).toMatch(/UNIQUE INDEX .* \(digest, state_fips, adjudication_month\)$/);
    const [{ months }] = await dataSource.query<{ months: number[] }[]>(
      `SELECT claim_digest_months('claim_version_digest_36') AS months`,
    );
    expect(months).toEqual([...Array.from({ length: 12 }, (_, i) => m(2024, 1) + i), m(2025, 1), m(2025, 4)]);
    // The year's key refuses another state's digest and a digest already there, as a month's did.
    await expect(
      dataSource.query(
        `INSERT INTO claim_version_digest_36_2024 SELECT '13', digest, receipt_seq, record_number, position,
                adjudication_date, adjustment_ind, type_of_claim, claim_status, adjudication_month
           FROM claim_version_digest_36_2024 LIMIT 1`,
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      dataSource.query(`INSERT INTO claim_version_digest SELECT * FROM claim_version_digest_36_2024 LIMIT 1`),
    ).rejects.toThrow(/duplicate key/);
    // Nothing more is due: 2025 is open.
    expect(await dataSource.transaction((manager) => rollUpDigestYears(manager, 'claim_version_digest_36'))).toEqual(
      [],
    );

    const runner = dataSource.createQueryRunner();
    try {
      await new DigestYearPartitions1765500000000().down(runner);
      expect((await partitions('claim_version_digest_36')).map((p) => [p.name, p.rows])).toEqual([
        ['claim_version_digest_36_2024_02', 5],
        ['claim_version_digest_36_2024_07', 3],
        ['claim_version_digest_36_2024_12', 4],
        ['claim_version_digest_36_2025_01', 2],
        ['claim_version_digest_36_2025_04', 1],
      ]);
      expect(await digestsOf('36')).toEqual(before);
      const [{ months: monthsAfterDown }] = await dataSource.query<{ months: number[] }[]>(
        `SELECT claim_digest_months('claim_version_digest_36') AS months`,
      );
      expect(monthsAfterDown).toEqual([m(2024, 2), m(2024, 7), m(2024, 12), m(2025, 1), m(2025, 4)]);
    } finally {
      await new DigestYearPartitions1765500000000().up(runner);
      await runner.release();
    }
  });

  it('merges the shared partition of states without their own, and refuses a partition across the year', async () => {
    // Digests of a state without a partition of its own (every jurisdiction has one; 98 is none) go
    // to the DEFAULT one (`_other`), which states share: its CHECK names no state.
    const fips = '98';
    const [{ parent }] = await dataSource.query<{ parent: string }[]>(
      `SELECT claim_digest_state_table($1)::text AS parent`,
      [fips],
    );
    expect(parent).toBe('claim_version_digest_other');
    await addMonth(fips, m(2023, 3), 2);
    await addMonth(fips, m(2023, 9), 2);
    await addMonth(fips, m(2024, 5), 1);
    const rolled = await dataSource.transaction((manager) => rollUpDigestYears(manager, 'claim_version_digest_other'));
    expect(rolled.map((r) => [r.year, r.digests])).toEqual([[2023, 4]]);
    expect((await partitions('claim_version_digest_other')).map((p) => [p.name, p.rows])).toEqual([
      ['claim_version_digest_other_2023', 4],
      ['claim_version_digest_other_2024_05', 1],
    ]);
    // Partitions are months or calendar years; one that is neither inside a year nor outside it is refused.
    await dataSource.query(
      `CREATE TABLE claim_version_digest_36_odd PARTITION OF claim_version_digest_36
         FOR VALUES FROM (${m(2025, 11)}) TO (${m(2026, 2)})`,
    );
    await expect(
      dataSource.query(`SELECT * FROM claim_digest_year_table('claim_version_digest_36', 2025)`),
    ).rejects.toThrow(/claim_version_digest_36_odd \(months \d+ to \d+\) is not inside year 2025/);
    await dataSource.query(`DROP TABLE claim_version_digest_36_odd`);
  });

  it("copies while a load of the state holds its lock, then waits for it and keeps the load's digests", async () => {
    // Arizona: 2021's April and August, and a month of 2022 that closes 2021.
    await addMonth('04', m(2021, 4), 4);
    await addMonth('04', m(2021, 8), 4);
    await addMonth('04', m(2022, 6), 1);
    const load = new Client({ connectionString: db.url });
    await load.connect();
    try {
      // A load of Arizona in the middle of its transaction: it holds the state's digest lock.
      await load.query('BEGIN');
      await load.query(`SELECT pg_advisory_xact_lock($1, hashtext('claim_version_digest_04'))`, [
        LockClass.CLAIM_DIGEST_MONTHS,
      ]);
      const rollUp = dataSource.transaction((manager) => rollUpDigestYears(manager, 'claim_version_digest_04'));
      // The merge copies 2021 meanwhile (it has read both months), then waits for the lock.
      const deadline = Date.now() + WAIT_LIMIT_MS;
      let waiting: { pid: number }[] = [];
      while (waiting.length === 0) {
        if (Date.now() > deadline) throw new Error('the merge never waited for the lock');
        await new Promise((r) => setTimeout(r, 10));
        waiting = (
          await load.query<{ pid: number }>(
            `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
        ).rows;
      }
      const read = await load.query<{ relation: string }>(
        `SELECT c.relname AS relation FROM pg_locks l JOIN pg_class c ON c.oid = l.relation AND c.relkind = 'r'
          WHERE l.pid = $1 AND l.granted AND l.mode = 'AccessShareLock' AND c.relname LIKE 'claim\\_version\\_digest\\_04\\_2021\\_%'
          ORDER BY 1`,
        [waiting[0].pid],
      );
      expect(read.rows.map((r) => r.relation)).toEqual([
        'claim_version_digest_04_2021_04',
        'claim_version_digest_04_2021_08',
      ]);
      // The load goes on: an August digest into the month the merge has copied already, and commits.
      await load.query(
        `INSERT INTO claim_version_digest SELECT '04', gen_random_uuid(), 3, 7, 7, '2021-08-09', '0', '1', 'P1', $1::int`,
        [m(2021, 8)],
      );
      await load.query('COMMIT');
      const rolled = await rollUp;
      expect(rolled.map((r) => [r.year, r.digests])).toEqual([[2021, 9]]);
      expect((await partitions('claim_version_digest_04')).map((p) => [p.name, p.rows])).toEqual([
        ['claim_version_digest_04_2021', 9],
        ['claim_version_digest_04_2022_06', 1],
      ]);
    } finally {
      await load.end();
    }
  });

  it('merges every state partition due; one that fails changes nothing and fails the job, naming it', async () => {
    // 2030 is due in Texas and in California; a table in Texas's way makes its merge fail.
    for (const fips of ['48', '06']) {
      await addMonth(fips, m(2030, 1), 2);
      await addMonth(fips, m(2030, 2), 2);
      await addMonth(fips, m(2031, 4), 1);
    }
    await dataSource.query(`CREATE TABLE claim_version_digest_48_2030 (x int)`);
    const rollUps = new DigestYearRollUps(dataSource);
    await expect(rollUps.rollUpDue()).rejects.toThrow(
      'Closed years of claim digests could not be merged in claim_version_digest_48 (see the worker log)',
    );
    const names = async (parent: string) =>
      (await partitions(parent)).map((p) => p.name).filter((name) => /_203\d/.test(name));
    expect(await names('claim_version_digest_06')).toEqual([
      'claim_version_digest_06_2030',
      'claim_version_digest_06_2031_04',
    ]);
    expect(await names('claim_version_digest_48')).toEqual([
      'claim_version_digest_48_2030_01',
      'claim_version_digest_48_2030_02',
      'claim_version_digest_48_2031_04',
    ]);
    // Out of the way, the next run merges Texas's 2030 and nothing else.
    await dataSource.query(`DROP TABLE claim_version_digest_48_2030`);
    const { years } = await rollUps.rollUpDue();
    expect(years.map((y) => [y.partition, y.year, y.digests])).toEqual([['claim_version_digest_48', 2030, 4]]);
  });

  it('starts no state partition once its time budget is spent; the next run merges the rest', async () => {
    // 2028 is due in Alabama (01) and Alaska (02), the first two partitions by name.
    for (const fips of ['01', '02']) {
      await addMonth(fips, m(2028, 1), 1);
      await addMonth(fips, m(2028, 7), 1);
      await addMonth(fips, m(2029, 6), 1);
    }
    const rollUps = new DigestYearRollUps(dataSource);
    const first = await rollUps.rollUpDue(0);
    expect(first.years.map((y) => [y.partition, y.year, y.digests])).toEqual([['claim_version_digest_01', 2028, 2]]);
    expect(first.deferred).toBe(first.partitions - 1);
    const second = await rollUps.rollUpDue();
    expect(second.years.map((y) => [y.partition, y.year, y.digests])).toEqual([['claim_version_digest_02', 2028, 2]]);
    expect(second.deferred).toBe(0);
  });

  it('gives way to claim files loading: a closed year waits for a run without one, unless overdue', async () => {
    // Ohio's 2026 closed by April 2027 (not overdue); Oregon's by September 2027 (overdue: six months on).
    for (const [fips, latest] of [
      ['39', m(2027, 4)],
      ['41', m(2027, 9)],
    ] as const) {
      await addMonth(fips, m(2026, 2), 1);
      await addMonth(fips, m(2026, 8), 2);
      await addMonth(fips, latest, 1);
    }
    const [{ id }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO claim_submission (state_code, file_sha256, byte_size, storage_path, status)
       VALUES ('NV', repeat('a', 64), 1, 'nv/loading', 'VALIDATING') RETURNING id`,
    );
    const rollUps = new DigestYearRollUps(dataSource);
    const ours = <T extends { partition: string }>(years: T[]) =>
      years.filter((y) => ['claim_version_digest_39', 'claim_version_digest_41'].includes(y.partition));
    const run = async () => {
      const outcome = await rollUps.rollUpDue();
      return {
        merged: ours(outcome.years).map((y) => [y.partition, y.year, y.digests]),
        waiting: ours(outcome.waiting),
      };
    };
    // Nevada's file is being read: Oregon's overdue 2026 merges, Ohio's waits.
    expect(await run()).toEqual({
      merged: [['claim_version_digest_41', 2026, 3]],
      waiting: [{ partition: 'claim_version_digest_39', years: [2026] }],
    });
    // Then applied and reconciled: still loading.
    await dataSource.query(`UPDATE claim_submission SET status = 'RECONCILING', updated_at = now() WHERE id = $1`, [
      id,
    ]);
    expect(await run()).toEqual({ merged: [], waiting: [{ partition: 'claim_version_digest_39', years: [2026] }] });
    // Its worker died (nothing written for longer than the sweep waits): not a load any more.
    await dataSource.query(
      `UPDATE claim_submission SET updated_at = now() - make_interval(mins => $2 + 1) WHERE id = $1`,
      [id, SUBMISSION_STALLED_AFTER_MINUTES],
    );
    expect(await run()).toEqual({ merged: [['claim_version_digest_39', 2026, 3]], waiting: [] });
    await dataSource.query(`DELETE FROM claim_submission WHERE id = $1`, [id]);
  });

  it('gives way when a claim file starts loading during its copy: cancelled, rolled back, merged by a later run', async () => {
    // Utah's 2027, closed by April 2028 (not overdue). Another transaction creating a table of the
    // year's name keeps the copy busy (its CREATE TABLE waits for that transaction) until a file
    // starts loading.
    await addMonth('49', m(2027, 1), 2);
    await addMonth('49', m(2027, 5), 2);
    await addMonth('49', m(2028, 4), 1);
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    let submissionId: string | undefined;
    try {
      await blocker.query('BEGIN');
      await blocker.query('CREATE TABLE claim_version_digest_49_2027 (x int)');
      const run = new DigestYearRollUps(dataSource).rollUpDue();
      const deadline = Date.now() + WAIT_LIMIT_MS;
      for (;;) {
        // Not from the blocker: pg_stat_activity is read once per transaction.
        const waits: unknown[] = await dataSource.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%claim_digest_year_table%'`,
        );
        if (waits.length) break;
        if (Date.now() > deadline) throw new Error('the copy never started');
        await new Promise((r) => setTimeout(r, 10));
      }
      // Nevada's file starts loading: within a look (GIVE_WAY_POLL_MS) the copy is cancelled.
      [{ id: submissionId }] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO claim_submission (state_code, file_sha256, byte_size, storage_path, status)
         VALUES ('NV', repeat('b', 64), 1, 'nv/loading-2', 'VALIDATING') RETURNING id`,
      );
      // Bounded: a merge that never gives way waits for the blocker for ever.
      const outcome = await Promise.race([
        run,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('the merge did not give way')), 240 * GIVE_WAY_POLL_MS).unref(),
        ),
      ]);
      expect(outcome.years.filter((y) => y.partition === 'claim_version_digest_49')).toEqual([]);
      expect(outcome.waiting).toContainEqual({ partition: 'claim_version_digest_49', years: [2027] });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // Nothing of the copy stays: the months as they were, no table of the year.
    expect((await partitions('claim_version_digest_49')).map((p) => [p.name, p.rows])).toEqual([
      ['claim_version_digest_49_2027_01', 2],
      ['claim_version_digest_49_2027_05', 2],
      ['claim_version_digest_49_2028_04', 1],
    ]);
    const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
      `SELECT to_regclass('claim_version_digest_49_2027') IS NOT NULL AS exists`,
    );
    expect(exists).toBe(false);
    // The file done, the next run merges.
    await dataSource.query(`UPDATE claim_submission SET status = 'COMPLETED' WHERE id = $1`, [submissionId]);
    const { years } = await new DigestYearRollUps(dataSource).rollUpDue();
    expect(years.map((y) => [y.partition, y.year, y.digests])).toEqual([['claim_version_digest_49', 2027, 4]]);
  });

  it('keeps what loads add between the copy (without the lock) and the attach (under it)', async () => {
    // Georgia: 2022's March and June, and a month of 2023 that closes 2022.
    await addMonth('13', m(2022, 3), 3);
    await addMonth('13', m(2022, 6), 2);
    await addMonth('13', m(2023, 5), 1);
    const [copy] = await dataSource.query<{ table: string; copied: string[]; rows: string[] }[]>(
      `SELECT year_table::text AS "table", copied::text[] AS copied, copied_rows::text[] AS rows
         FROM claim_digest_year_table('claim_version_digest_13', 2022)`,
    );
    expect(copy).toEqual({
      table: 'claim_version_digest_13_2022',
      copied: ['claim_version_digest_13_2022_03', 'claim_version_digest_13_2022_06'],
      rows: ['3', '2'],
    });
    // Meanwhile (each statement commits) a load adds a digest to June and a new month, September.
    await dataSource.query(
      `INSERT INTO claim_version_digest SELECT '13', gen_random_uuid(), 2, 9, 9, '2022-06-20', '0', '1', 'P1', ${m(2022, 6)}`,
    );
    await addMonth('13', m(2022, 9), 2);
    const [attached] = await dataSource.query<{ digests: string }[]>(
      `SELECT claim_digest_attach_year('claim_version_digest_13', 2022, $1::regclass, $2::regclass[], $3::bigint[]) AS digests`,
      [copy.table, copy.copied, copy.rows],
    );
    expect(attached.digests).toBe('8');
    expect((await partitions('claim_version_digest_13')).filter((p) => p.name.includes('_2022'))).toEqual([
      { name: 'claim_version_digest_13_2022', bound: `FOR VALUES FROM (${m(2022, 1)}) TO (${m(2023, 1)})`, rows: 8 },
    ]);
  });
});
