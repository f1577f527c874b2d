import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Annual volume true-up (rebate-rules section 6): one row per close of a contract year
 * of an agreement. Rows are never deleted. A close is CLOSED, then REOPENED by a coordinator (its
 * rate stays in force), then SUPERSEDED when a new close of the same year replaces it. At most
 * one close per (agreement, year) is not reopened, and at most one is in force (not superseded).
 */
export class ContractYearClose1764000008000 implements MigrationInterface {
  name = 'ContractYearClose1764000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_year_close (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreement(id),
        contract_year integer NOT NULL CHECK (contract_year BETWEEN 1900 AND 9999),
        eligible_episodes integer NOT NULL CHECK (eligible_episodes >= 0),
        tier_min_treatments integer CHECK (tier_min_treatments >= 0),
        tier_pct numeric NOT NULL CHECK (tier_pct >= 0 AND tier_pct <= 1),
        status text NOT NULL DEFAULT 'CLOSED' CHECK (status IN ('CLOSED', 'REOPENED', 'SUPERSEDED')),
        closed_on date NOT NULL,
        closed_by uuid REFERENCES app_user(id),
        closed_by_label text NOT NULL,
        reopened_at timestamptz,
        reopened_by uuid REFERENCES app_user(id),
        reopen_reason text,
        superseded_by uuid REFERENCES contract_year_close(id) DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'CLOSED') = (reopened_at IS NULL)),
        CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL)),
        CHECK ((status = 'SUPERSEDED') = (superseded_by IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX contract_year_close_active_idx ON contract_year_close (agreement_id, contract_year)
        WHERE status = 'CLOSED'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX contract_year_close_in_force_idx ON contract_year_close (agreement_id, contract_year)
        WHERE status <> 'SUPERSEDED'`,
    );
    await q.query(
      `CREATE INDEX contract_year_close_history_idx ON contract_year_close (agreement_id, contract_year, created_at)`,
    );
    await q.query(`
      CREATE TRIGGER contract_year_close_no_delete BEFORE DELETE ON contract_year_close
      FOR EACH ROW EXECUTE FUNCTION forbid_modification()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract_year_close`);
  }
}
