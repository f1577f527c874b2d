import { dropDatabase } from '../postgres-admin';

export default async function globalTeardown(): Promise<void> {
  const name = process.env.CGT_TEST_TEMPLATE_DB;
  if (name) await dropDatabase(name);
}
