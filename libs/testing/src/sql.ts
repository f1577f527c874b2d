import { Client } from 'pg';

/** One query on a test database, through its own connection (for assertions on stored rows). */
export async function queryRows<T>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
