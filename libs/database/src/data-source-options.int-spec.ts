import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, WAIT_LIMIT_MS, type TestDatabase } from '@lib/testing';
import { databaseOptions, SESSION_OPTIONS } from './data-source-options';

describe('databaseOptions (every app connection)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(databaseOptions(db.url, 'cgt-test')).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('turns JIT compilation off, checks for a vanished client, on every pooled connection, and names the application', async () => {
    // Four at once, each held for 50 ms: four different pooled connections answer.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        dataSource.query<{ jit: string; check: string; app: string }[]>(
          `SELECT current_setting('jit') AS jit, current_setting('client_connection_check_interval') AS check,
                  current_setting('application_name') AS app
             FROM (SELECT pg_sleep(0.05)) held`,
        ),
      ),
    );
    expect(answers.map(([row]) => row)).toEqual(
      Array.from({ length: 4 }, () => ({ jit: 'off', check: '1s', app: 'cgt-test' })),
    );
  });

  /** A session running a 10-minute statement; `vanish` drops its socket as a killed process would. */
  async function sleeper(options?: string): Promise<{ pid: number; vanish(): void }> {
    const client = new Client({ connectionString: db.url, options });
    await client.connect();
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    client.query('SELECT pg_sleep(600)').catch(() => undefined);
    client.on('error', () => undefined);
    const socket = (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream;
    return { pid, vanish: () => socket.destroy() };
  }

  async function running(pid: number): Promise<boolean> {
    const rows = await dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    return rows[0].n === 1;
  }

  it('ends a statement whose client has gone, where a session without the check runs it on', async () => {
    const checked = await sleeper(SESSION_OPTIONS);
    const unchecked = await sleeper();
    checked.vanish();
    unchecked.vanish();
    try {
      for (const deadline = Date.now() + WAIT_LIMIT_MS; (await running(checked.pid)) && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await running(checked.pid)).toBe(false);
      expect(await running(unchecked.pid)).toBe(true);
    } finally {
      await dataSource.query('SELECT pg_terminate_backend($1)', [unchecked.pid]);
    }
  });
});
