import type { DataSource } from 'typeorm';

/**
 * Reads a query's rows in batches through a server-side cursor, in one read-only snapshot: a
 * download of any size holds one batch in memory. Stopping early (the client went away) closes
 * the cursor and releases the connection.
 */
export async function* queryBatches<R>(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[],
  batchSize = 2000,
): AsyncGenerator<R[]> {
  const runner = dataSource.createQueryRunner('slave');
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    await runner.query(`DECLARE batch_rows NO SCROLL CURSOR FOR ${sql}`, parameters);
    for (;;) {
      const rows = (await runner.query(`FETCH ${batchSize} FROM batch_rows`)) as R[];
      if (rows.length === 0) break;
      yield rows;
    }
    await runner.commitTransaction();
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
