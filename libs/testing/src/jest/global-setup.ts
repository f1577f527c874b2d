import { runMigrations } from '@lib/database';
import { databaseUrl, dropDatabase, uniqueName, withAdminClient } from '../postgres-admin';

/**
 * Once per Jest run: a template database with every migration applied. Each test file then
 * clones it (CREATE DATABASE ... TEMPLATE), which takes milliseconds, and drops its clone.
 */
export default async function globalSetup(): Promise<void> {
  const name = uniqueName('cgt_tpl');
  await withAdminClient(async (c) => {
    // Leftovers of runs that were killed before their teardown (older than a day).
    const stale = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database
        WHERE datname ~ '^cgt_(tpl|t)_[0-9]+_'
          AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '1 day'`,
    );
    for (const row of stale.rows) await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  try {
    await runMigrations(databaseUrl(name));
  } catch (error) {
    await dropDatabase(name);
    throw error;
  }
  process.env.CGT_TEST_TEMPLATE_DB = name;
}
