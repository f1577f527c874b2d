import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation results (rebate-rules sections 3-7): treatment episodes as the rules
 * last computed them, derived exceptions that open and close as inputs change, and the
 * append-only rebate ledger with its closed statement periods.
 */
export class EpisodesLedger1764000005000 implements MigrationInterface {
  name = 'EpisodesLedger1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE episode (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        episode_key text NOT NULL UNIQUE,
        episode_ref text NOT NULL UNIQUE,
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        product_id uuid NOT NULL REFERENCES product(id),
        labeler_code char(5) NOT NULL REFERENCES labeler_code(code),
        msis_id text,
        index_icn text NOT NULL,
        index_claim_version_id bigint REFERENCES claim_version(id),
        administration_date date NOT NULL,
        ndc11 char(11),
        paid numeric NOT NULL,
        status text NOT NULL CHECK (status IN ('ELIGIBLE', 'INELIGIBLE', 'VOIDED')),
        ineligible_code char(1),
        ineligible_reason text,
        warnings text[] NOT NULL DEFAULT '{}',
        agreement_id uuid REFERENCES agreement(id),
        terms_version_id uuid REFERENCES agreement_version(id),
        wac numeric,
        guaranteed_rebate_pct numeric,
        cap_amount numeric,
        benchmarks jsonb NOT NULL DEFAULT '[]',
        desired jsonb NOT NULL DEFAULT '[]',
        fingerprint text NOT NULL,
        created_by_cause text NOT NULL,
        updated_by_cause text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX episode_state_idx ON episode (state_code, administration_date, id)`);
    await q.query(`CREATE INDEX episode_product_idx ON episode (product_id, administration_date, id)`);

    // Derived exceptions (M, L, O, K, U, J, D, P, V) stay open while the inputs produce them.
    await q.query(`ALTER TABLE reconciliation_exception ADD COLUMN episode_id uuid REFERENCES episode(id)`);
    await q.query(`ALTER TABLE reconciliation_exception ADD COLUMN derived boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE reconciliation_exception ADD COLUMN resolved_at timestamptz`);
    await q.query(`ALTER TABLE reconciliation_exception ADD COLUMN raised_by_cause text`);
    await q.query(`ALTER TABLE reconciliation_exception ADD COLUMN resolved_by_cause text`);
    await q.query(
      `CREATE UNIQUE INDEX reconciliation_exception_open_derived_idx ON reconciliation_exception (state_code, code, claim_version_id)
        WHERE derived AND resolved_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE ledger_entry (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        episode_id uuid NOT NULL REFERENCES episode(id),
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        labeler_code char(5) NOT NULL REFERENCES labeler_code(code),
        product_id uuid NOT NULL REFERENCES product(id),
        administration_date date NOT NULL,
        ndc11 char(11),
        component text NOT NULL CHECK (component IN ('GUARANTEED', 'VOLUME') OR component ~ '^OUTCOME:[A-Z0-9_]+$'),
        amount numeric(16, 2) NOT NULL CHECK (amount <> 0),
        service_quarter char(6) NOT NULL CHECK (service_quarter ~ '^[0-9]{4}Q[1-4]$'),
        statement_quarter char(6) NOT NULL CHECK (statement_quarter ~ '^[0-9]{4}Q[1-4]$' AND statement_quarter >= service_quarter),
        cause_type text NOT NULL CHECK (cause_type IN ('SUBMISSION', 'AMENDMENT', 'PARTICIPATION', 'YEAR_CLOSE', 'DISPUTE_RESOLUTION', 'OBSERVATION')),
        cause_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_entry_episode_idx ON ledger_entry (episode_id, component)`);
    await q.query(
      `CREATE INDEX ledger_entry_statement_idx ON ledger_entry (labeler_code, state_code, statement_quarter, id)`,
    );
    await q.query(`CREATE INDEX ledger_entry_cause_idx ON ledger_entry (cause_type, cause_id)`);
    await q.query(`
      CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
      FOR EACH ROW EXECUTE FUNCTION forbid_modification()`);
    await q.query(`
      CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_modification()`);

    // A statement period closes when its statement is issued; later entries land on the next open one.
    await q.query(`
      CREATE TABLE ledger_period_close (
        labeler_code char(5) NOT NULL REFERENCES labeler_code(code),
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        quarter char(6) NOT NULL CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
        closed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (labeler_code, state_code, quarter)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_period_close`);
    await q.query(`DROP TABLE ledger_entry`);
    await q.query(`DROP INDEX reconciliation_exception_open_derived_idx`);
    for (const column of ['resolved_by_cause', 'raised_by_cause', 'resolved_at', 'derived', 'episode_id']) {
      await q.query(`ALTER TABLE reconciliation_exception DROP COLUMN ${column}`);
    }
    await q.query(`DROP TABLE episode`);
  }
}
