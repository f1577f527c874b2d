import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation status: `reconciliationRequests(filter)` pages newest first within a
 * state (state staff read only their own), and by the change that asked for them.
 */
export class ReconciliationRequestReads1764920001000 implements MigrationInterface {
  name = 'ReconciliationRequestReads1764920001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX reconciliation_request_state_idx ON reconciliation_request (state_code, id)`);
    await q.query(`CREATE INDEX reconciliation_request_cause_idx ON reconciliation_request (cause_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reconciliation_request_cause_idx`);
    await q.query(`DROP INDEX reconciliation_request_state_idx`);
  }
}
