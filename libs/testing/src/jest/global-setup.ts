import { rmSync } from 'node:fs';
import type { Client } from 'pg';
import { runMigrations } from '@lib/database';
import { databaseUrl, dropDatabase, uniqueName, withAdminClient } from '../postgres-admin';
import { TEST_LOGS_DIR } from '../test-config';

/**
 * Once per Jest run: a template database with every migration applied. Each test file then
 * clones it (CREATE DATABASE ... TEMPLATE), which takes milliseconds, and drops its clone.
 */
/**
 * Best effort: drop databases left by runs killed before their teardown (older than a day).
 * Another run may be creating or dropping its own databases meanwhile, so a database that
 * vanishes under the check is simply skipped.
 */
async function dropStaleTestDatabases(c: Client): Promise<void> {
  const candidates = await c.query<{ datname: string; oid: number }>(
    `SELECT datname, oid FROM pg_database WHERE datname ~ '^cgt_(tpl|t)_[0-9]+_'`,
  );
  for (const row of candidates.rows) {
    try {
      const age = await c.query<{ stale: boolean }>(
        `SELECT (pg_stat_file('base/' || $1::text || '/PG_VERSION')).modification < now() - interval '1 day' AS stale`,
        [row.oid],
      );
      if (age.rows[0]?.stale) await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    } catch {
      // gone meanwhile, or not ours to inspect: leave it
    }
  }
}

export default async function globalSetup(): Promise<void> {
  // Each run's app logs start empty (test-config.ts testLogFile).
  rmSync(TEST_LOGS_DIR, { recursive: true, force: true });
  const name = uniqueName('cgt_tpl');
  await withAdminClient(async (c) => {
    await dropStaleTestDatabases(c);
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
