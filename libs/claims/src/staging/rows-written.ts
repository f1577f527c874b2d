import type { EntityManager } from 'typeorm';

/**
 * Runs an INSERT, UPDATE or DELETE in the caller's transaction; returns how many rows it wrote,
 * from the statement's command tag (an `INSERT ... ON CONFLICT DO NOTHING` counts the rows it
 * inserted). Cheaper than counting a `RETURNING` in SQL, which keeps every row aside: 3.0 s
 * against 3.4-3.9 s for 2.73M digests (README "Digests by month").
 */
export async function rowsWritten(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  if (!manager.queryRunner)
    throw new Error('rowsWritten runs in a transaction (an EntityManager with its query runner)');
  const result = await manager.queryRunner.query(sql, params, true);
  return result.affected ?? 0;
}
