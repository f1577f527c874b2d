import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * State-wide exceptions: `exceptions(filter)` pages one row per (state, code, ICN-ORIG)
 * in that order, so the grouping and the keyset read one index range; the submission and period
 * filters find their groups through the causes and instants that raised or resolved them.
 */
export class ExceptionReadPaths1764920000000 implements MigrationInterface {
  name = 'ExceptionReadPaths1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX reconciliation_exception_group_idx
         ON reconciliation_exception (state_code, code, (coalesce(icn_orig, '')), id)`,
    );
    await q.query(
      `CREATE INDEX reconciliation_exception_raised_by_idx ON reconciliation_exception (raised_by_cause)
        WHERE raised_by_cause IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX reconciliation_exception_resolved_by_idx ON reconciliation_exception (resolved_by_cause)
        WHERE resolved_by_cause IS NOT NULL`,
    );
    await q.query(`CREATE INDEX reconciliation_exception_created_idx ON reconciliation_exception (created_at)`);
    await q.query(
      `CREATE INDEX reconciliation_exception_resolved_at_idx ON reconciliation_exception (resolved_at)
        WHERE resolved_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['group', 'raised_by', 'resolved_by', 'created', 'resolved_at']) {
      await q.query(`DROP INDEX reconciliation_exception_${index}_idx`);
    }
  }
}
