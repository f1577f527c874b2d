import { rmSync } from 'node:fs';
import type { Client } from 'pg';
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

/**
 * Run in band (`jest -i`, `-w 1`), the test files share this process, and Jest's node environment
 * gives each of them every property of this process's global object that its own global lacks.
 * Libraries keep registries there (@nestjs/graphql its types, class-validator its rules): loaded
 * here, they would be one registry for all test files, and the second Nest GraphQL app of a run
 * failed to build its schema ("Cannot determine a GraphQL output type"). So the migrations' code is
 * loaded only inside the setup, and the global object is left as the setup found it.
 */
function removeGlobalsAddedSince(before: ReadonlySet<string>): void {
  const added = Object.getOwnPropertyNames(globalThis).filter((key) => !before.has(key));
  for (const key of added) Reflect.deleteProperty(globalThis, key);
}

export default async function globalSetup(): Promise<void> {
  const globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
  // Each run's app logs start empty (test-config.ts testLogFile).
  rmSync(TEST_LOGS_DIR, { recursive: true, force: true });
  const name = uniqueName('cgt_tpl');
  await withAdminClient(async (c) => {
    await dropStaleTestDatabases(c);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  try {
    const { runMigrations } = await import('@lib/database');
    await runMigrations(databaseUrl(name));
  } catch (error) {
    await dropDatabase(name);
    throw error;
  } finally {
    removeGlobalsAddedSince(globalsBefore);
  }
  process.env.CGT_TEST_TEMPLATE_DB = name;
}
