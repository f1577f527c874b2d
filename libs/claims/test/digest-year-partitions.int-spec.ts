import type { DataSource } from 'typeorm';
import { createMigrationDataSource } from '@lib/database';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { DigestYearPartitions1765500000000 } from '../../../migrations/1765500000000-digest-year-partitions';
import { rollUpDigestYears } from '../src/staging/digest-years';

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
    await expect(dataSource.query(`SELECT claim_digest_roll_up_year('claim_version_digest_36', 2025)`)).rejects.toThrow(
      /claim_version_digest_36_odd \(months \d+ to \d+\) is not inside year 2025/,
    );
  });
});
