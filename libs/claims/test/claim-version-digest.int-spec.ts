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

  it('is stored with every staged claim header as it is written', async () => {
    await client.query(
      `INSERT INTO claim_stage_header
         (submission_id, position, record_number, state, icn_orig, icn_adj, adjudication_date, adjustment_ind, msis_id,
          type_of_claim, claim_status_category, total_paid)
       VALUES (gen_random_uuid(), 1, 2, '36', '1000000001', '', '2026-03-15', '0', 'M1', '1', 'P1', 10),
              (gen_random_uuid(), 3, 4, '36', '1000000001', 'A7', '1999-12-31', '4', 'M1', '1', 'P1', 10)`,
    );
    const { rows } = await client.query<{ position: string; digest: string; expected: string }>(
      `SELECT position, digest::text AS digest, ${FIRST_DEFINITION}::text AS expected
         FROM claim_stage_header ORDER BY position`,
    );
    expect(rows).toEqual([
      { position: '1', digest: GOLDEN_DIGEST, expected: GOLDEN_DIGEST },
      { position: '3', digest: rows[1].expected, expected: expect.stringMatching(/^[0-9a-f-]{36}$/) },
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
});
