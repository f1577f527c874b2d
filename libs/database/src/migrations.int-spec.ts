import { Client } from 'pg';
import { MIGRATIONS } from '@migrations';
import { databaseUrl, dropDatabase, uniqueName, withAdminClient } from '@lib/testing';
import { revertAllMigrations, runMigrations } from './data-source-options';

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration' ORDER BY 1`,
    );
    return result.rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

/** Every migration runs up, down and up again on an empty database (not the shared template). */
describe('migrations', () => {
  const name = uniqueName('cgt_t');
  const url = databaseUrl(name);

  beforeAll(() => withAdminClient((c) => c.query(`CREATE DATABASE "${name}"`)));
  afterAll(() => dropDatabase(name));

  it('run up, down and up again', async () => {
    const firstUp = await runMigrations(url);
    expect(firstUp).toEqual(MIGRATIONS.map((m) => m.name));
    const schemaAfterUp = await tables(url);
    expect(schemaAfterUp).toEqual(expect.arrayContaining(['audit_event', 'app_user', 'jurisdiction']));

    expect(await revertAllMigrations(url)).toBe(MIGRATIONS.length);
    expect(await tables(url)).toEqual([]);

    expect(await runMigrations(url)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await tables(url)).toEqual(schemaAfterUp);
    expect(await runMigrations(url)).toEqual([]);
  });

  it('keeps the audit trail append-only', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO audit_event (actor_role, actor_label, action, entity_type, entity_id) VALUES ('SYSTEM', 't', 'x', 'T', '1')`,
      );
      await expect(client.query(`UPDATE audit_event SET action = 'y'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  it('seeds the 56 jurisdictions and both products with their NDCs and HCPCS codes', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const counts = await client.query<{ jurisdictions: number; participants: number; ndcs: number; hcpcs: number }>(
        `SELECT (SELECT count(*)::int FROM jurisdiction) AS jurisdictions,
                (SELECT count(*)::int FROM jurisdiction WHERE cgt_participant) AS participants,
                (SELECT count(*)::int FROM product_ndc) AS ndcs,
                (SELECT count(*)::int FROM product_hcpcs) AS hcpcs`,
      );
      expect(counts.rows[0]).toEqual({ jurisdictions: 56, participants: 35, ndcs: 3, hcpcs: 2 });
      const wy = await client.query(
        `SELECT fips_code, alternate_submitter_codes FROM jurisdiction WHERE usps_code = 'WY'`,
      );
      expect(wy.rows[0]).toEqual({ fips_code: '56', alternate_submitter_codes: ['93'] });
    } finally {
      await client.end();
    }
  });
});
