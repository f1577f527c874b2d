import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@lib/testing';

/**
 * The version-key digest as first defined (migration 1764300000000), written out as an
 * expression: every digest stored since must stay what it was.
 */
const FIRST_DEFINITION = `(left(md5(state || '|' || icn_orig), 16)
  || left(md5(state || '|' || icn_orig || '|' || icn_adj || '|' || (adjudication_date - date '2000-01-01') || '|'
              || adjustment_ind), 16))::uuid`;

/** Version keys of every shape: empty ICN-ADJ, dates before 2000 (negative day counts), long ICNs. */
const KEYS = `(SELECT lpad(to_hex(i), 2, '0') AS state,
                      CASE WHEN i % 7 = 0 THEN repeat('9', 30) ELSE 'ICN' || i END AS icn_orig,
                      CASE WHEN i % 3 = 0 THEN '' ELSE 'ADJ' || (i * 31) END AS icn_adj,
                      date '1995-06-30' + (i * 37 % 20000) AS adjudication_date,
                      (i % 10)::text AS adjustment_ind
                 FROM generate_series(1, 20000) i) k`;

/** One digest worked out by hand (Node's md5 of the same texts), fixed for good. */
const GOLDEN_DIGEST = '978d4adf-4818-f221-be4e-4a5a2c3c9109';

describe('claim_version_digest (the version key digest of claim_version_digest)', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('gives the digest of its first definition for every key, so stored digests stay valid', async () => {
    const { rows } = await client.query<{ keys: number; differ: number }>(
      `SELECT count(*)::int AS keys,
              count(*) FILTER (WHERE claim_version_digest(state, icn_orig, icn_adj, adjudication_date, adjustment_ind)
                                     IS DISTINCT FROM ${FIRST_DEFINITION})::int AS differ
         FROM ${KEYS}`,
    );
    expect(rows[0]).toEqual({ keys: 20000, differ: 0 });
    const known = await client.query<{ digest: string }>(
      `SELECT claim_version_digest('36', '1000000001', '', date '2026-03-15', '0')::text AS digest`,
    );
    expect(known.rows[0].digest).toBe(GOLDEN_DIGEST);
  });

  it('is stored with every staged claim header as it is written, with its adjudication month', async () => {
    await client.query(
      `INSERT INTO claim_stage_header
         (submission_id, position, record_number, state, icn_orig, icn_adj, adjudication_date, adjustment_ind, msis_id,
          type_of_claim, claim_status_category, total_paid)
       VALUES (gen_random_uuid(), 1, 2, '36', '1000000001', '', '2026-03-15', '0', 'M1', '1', 'P1', 10),
              (gen_random_uuid(), 3, 4, '36', '1000000001', 'A7', '1999-12-31', '4', 'M1', '1', 'P1', 10)`,
    );
    const { rows } = await client.query<{ position: string; digest: string; expected: string; month: number }>(
      `SELECT position, digest::text AS digest, ${FIRST_DEFINITION}::text AS expected, adjudication_month AS month
         FROM claim_stage_header ORDER BY position`,
    );
    // The digest insert copies the month from here (migration 1765300000000).
    expect(rows).toEqual([
      { position: '1', digest: GOLDEN_DIGEST, expected: GOLDEN_DIGEST, month: 314 },
      { position: '3', digest: rows[1].expected, expected: expect.stringMatching(/^[0-9a-f-]{36}$/), month: -1 },
    ]);
    await client.query(`DELETE FROM claim_stage_header`);
  });

  it('is inlined by the planner: the plan computes md5 itself, with no call of the function', async () => {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (VERBOSE, COSTS OFF)
       SELECT claim_version_digest(state, icn_orig, icn_adj, adjudication_date, adjustment_ind) FROM ${KEYS}`,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('md5(');
    expect(plan).not.toContain('claim_version_digest(');
  });

  it('keys each stored digest by digest, state and adjudication month, the month counted from January 2000', async () => {
    const months = await client.query<{ d: string; m: number }>(
      `SELECT d::text, claim_adjudication_month(d) AS m
         FROM unnest(ARRAY['2000-01-01', '2000-01-31', '1999-12-31', '2026-03-15', '0001-01-01', '9999-12-31']::date[]) d`,
    );
    expect(months.rows).toEqual([
      { d: '2000-01-01', m: 0 },
      { d: '2000-01-31', m: 0 },
      { d: '1999-12-31', m: -1 },
      { d: '2026-03-15', m: 314 },
      { d: '0001-01-01', m: -23988 },
      { d: '9999-12-31', m: 95999 },
    ]);
    const key = await client.query<{ columns: string }>(
      `SELECT pg_get_indexdef(i.indexrelid) AS columns FROM pg_index i
        WHERE i.indrelid = 'claim_version_digest'::regclass AND i.indisprimary`,
    );
    expect(key.rows[0].columns).toMatch(/\(digest, state_fips, adjudication_month\)$/);
  });
});
