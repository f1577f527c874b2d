import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transactional outbox of reconciliation (README "Claim files"): one row per state whose reconciliation a
 * change of terms or participation requires, written in the transaction of that change. The
 * `reconciliation/reconcile-state` job marks it completed in the transaction of the
 * reconciliation; the sweeper re-enqueues the rows whose enqueue was lost.
 */
export class ReconciliationRequests1764000009000 implements MigrationInterface {
  name = 'ReconciliationRequests1764000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconciliation_request (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        cause_type text NOT NULL CHECK (cause_type IN ('AMENDMENT', 'PARTICIPATION')),
        cause_id uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        enqueued_at timestamptz,
        completed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text
      )`);
    await q.query(
      `CREATE INDEX reconciliation_request_pending_idx ON reconciliation_request (requested_at)
        WHERE completed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconciliation_request`);
  }
}
