import { databaseUrl, dropDatabase, uniqueName, withAdminClient } from './postgres-admin';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database for one test file (cloned from the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.CGT_TEST_TEMPLATE_DB;
  if (!template) throw new Error('CGT_TEST_TEMPLATE_DB is not set: run tests through jest (global setup)');
  const name = uniqueName('cgt_t');
  await withAdminClient((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}
