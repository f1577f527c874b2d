import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submission's reconciliation works on the families and beneficiaries its claims touch, not on
 * the state's whole history (docs/architecture.md "Reconciliation scope"). `state_reconciliation`
 * keeps, per state, what the last reconciliation saw of the inputs every episode reads (a digest
 * of the catalog, the executed terms, the volume rates, the state's dispute overrides and
 * observations; the latest CLAIMIP END-OF-TIME-PERIOD; the day): while they are unchanged, a
 * submission's reconciliation may be limited to its scope. The indexes find a submission's
 * versions, a beneficiary's versions and episodes, and the open derived exceptions of versions.
 */
export class ReconcileScope1765100000000 implements MigrationInterface {
  name = 'ReconcileScope1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE state_reconciliation (
        state_code char(2) PRIMARY KEY REFERENCES jurisdiction(usps_code),
        inputs_digest text NOT NULL,
        latest_cip_period_end date,
        as_of date NOT NULL,
        reconciled_at timestamptz NOT NULL DEFAULT now()
      )`);
    // As on every table (migration 1764940000000): a write notifies data_changed (the read cache).
    await q.query(`CREATE TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON state_reconciliation
                     FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed()`);
    await q.query(`CREATE INDEX claim_version_submission_idx ON claim_version (submission_id)`);
    await q.query(
      `CREATE INDEX claim_version_beneficiary_idx ON claim_version (state_fips, msis_id) WHERE msis_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX episode_beneficiary_idx ON episode (state_code, msis_id)`);
    await q.query(`CREATE INDEX episode_index_family_idx ON episode (state_code, index_icn)`);
    await q.query(
      `CREATE INDEX reconciliation_exception_open_version_idx ON reconciliation_exception (claim_version_id)
        WHERE derived AND resolved_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reconciliation_exception_open_version_idx`);
    await q.query(`DROP INDEX episode_index_family_idx`);
    await q.query(`DROP INDEX episode_beneficiary_idx`);
    await q.query(`DROP INDEX claim_version_beneficiary_idx`);
    await q.query(`DROP INDEX claim_version_submission_idx`);
    await q.query(`DROP TABLE state_reconciliation`);
  }
}
