import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { databaseOptions } from './data-source-options';

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

  it('turns JIT compilation off, on every pooled connection, and names the application', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        dataSource.query<{ jit: string; app: string }[]>(
          `SELECT current_setting('jit') AS jit, current_setting('application_name') AS app, pg_sleep(0.05)`,
        ),
      ),
    );
    expect(answers.map(([row]) => ({ jit: row.jit, app: row.app }))).toEqual(
      Array.from({ length: 4 }, () => ({ jit: 'off', app: 'cgt-test' })),
    );
  });
});
