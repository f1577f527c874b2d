import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebate statements and what manufacturers and states do with them (rebate-rules
 * section 8): one statement per (labeler, state, quarter), created as a DRAFT when the first
 * ledger entry lands on it; disputes on a line or a whole statement with MDRP codes and
 * supporting documents; the overrides an UPHELD dispute records for reconciliation; payments;
 * and the coordinator-managed table of annual interest rates.
 */
export class Statements1764000006000 implements MigrationInterface {
  name = 'Statements1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        labeler_code char(5) NOT NULL REFERENCES labeler_code(code),
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        quarter char(6) NOT NULL CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
        status text NOT NULL DEFAULT 'DRAFT'
          CHECK (status IN ('DRAFT', 'ISSUED', 'ACKNOWLEDGED', 'DISPUTED', 'PAID', 'PARTIALLY_PAID')),
        issued_on date,
        due_on date,
        issued_by uuid REFERENCES app_user(id),
        issued_automatically boolean NOT NULL DEFAULT false,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES app_user(id),
        -- Frozen at issue: the sum of the statement's ledger entries, which never change after.
        total numeric(16, 2),
        line_count integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (labeler_code, state_code, quarter),
        CHECK ((status = 'DRAFT') = (issued_on IS NULL)),
        CHECK ((issued_on IS NULL) = (due_on IS NULL) AND (issued_on IS NULL) = (total IS NULL))
      )`);
    await q.query(`CREATE INDEX statement_quarter_idx ON statement (quarter, state_code, labeler_code)`);
    await q.query(`CREATE INDEX statement_status_idx ON statement (status, quarter)`);
    // Statements for the entries recorded before this migration; issued periods become ISSUED.
    await q.query(`
      INSERT INTO statement (number, labeler_code, state_code, quarter)
      SELECT DISTINCT 'CGT-' || state_code || '-' || labeler_code || '-' || statement_quarter,
             labeler_code, state_code, statement_quarter
        FROM ledger_entry`);

    await q.query(`
      CREATE TABLE dispute (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        statement_id uuid NOT NULL REFERENCES statement(id),
        scope text NOT NULL CHECK (scope IN ('LINE', 'STATEMENT')),
        ledger_entry_id bigint REFERENCES ledger_entry(id),
        code char(1) NOT NULL CHECK (code IN ('M', 'D', 'U', 'J', 'K', 'O')),
        note text NOT NULL DEFAULT '',
        disputed_amount numeric(16, 2) NOT NULL,
        opened_on date NOT NULL,
        opened_by uuid NOT NULL REFERENCES app_user(id),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'UPHELD', 'DENIED')),
        resolved_on date,
        resolved_by uuid REFERENCES app_user(id),
        resolution_note text,
        agreed_amount numeric(16, 2),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'LINE') = (ledger_entry_id IS NOT NULL)),
        CHECK ((status = 'OPEN') = (resolved_on IS NULL)),
        CHECK ((status = 'UPHELD') = (agreed_amount IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX dispute_statement_idx ON dispute (statement_id, status)`);
    await q.query(`CREATE INDEX dispute_open_due_idx ON dispute (due_on) WHERE status = 'OPEN'`);
    // One open dispute per line, and per whole statement.
    await q.query(`CREATE UNIQUE INDEX dispute_open_line_idx ON dispute (ledger_entry_id) WHERE status = 'OPEN'`);
    await q.query(
      `CREATE UNIQUE INDEX dispute_open_statement_idx ON dispute (statement_id) WHERE status = 'OPEN' AND scope = 'STATEMENT'`,
    );

    await q.query(`
      CREATE TABLE dispute_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dispute_id uuid NOT NULL REFERENCES dispute(id),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES app_user(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dispute_document_dispute_idx ON dispute_document (dispute_id)`);

    // rebate-rules section 8: an UPHELD dispute fixes what the episode's component owes from then on.
    await q.query(`
      CREATE TABLE episode_override (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        episode_id uuid NOT NULL REFERENCES episode(id),
        component text NOT NULL CHECK (component IN ('GUARANTEED', 'VOLUME') OR component ~ '^OUTCOME:[A-Z0-9_]+$'),
        amount numeric(16, 2) NOT NULL,
        dispute_id uuid NOT NULL REFERENCES dispute(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX episode_override_episode_idx ON episode_override (episode_id, component, id)`);
    await q.query(`
      CREATE TRIGGER episode_override_append_only BEFORE UPDATE OR DELETE ON episode_override
      FOR EACH ROW EXECUTE FUNCTION forbid_modification()`);

    await q.query(`
      CREATE TABLE statement_payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        statement_id uuid NOT NULL REFERENCES statement(id),
        amount numeric(16, 2) NOT NULL CHECK (amount > 0),
        received_on date NOT NULL,
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (statement_id, reference)
      )`);
    await q.query(`
      CREATE TRIGGER statement_payment_append_only BEFORE UPDATE OR DELETE ON statement_payment
      FOR EACH ROW EXECUTE FUNCTION forbid_modification()`);

    await q.query(`
      CREATE TABLE interest_rate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        effective_from date NOT NULL UNIQUE,
        effective_to date,
        annual_rate numeric(9, 6) NOT NULL CHECK (annual_rate >= 0 AND annual_rate < 1),
        note text NOT NULL DEFAULT '',
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'interest_rate',
      'statement_payment',
      'episode_override',
      'dispute_document',
      'dispute',
      'statement',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
