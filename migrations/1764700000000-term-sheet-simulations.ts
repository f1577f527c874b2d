import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Term-sheet simulations (libs/simulator): one row per run, with everything it depends on (the
 * terms, every assumption with its source, horizon, trials and seed) in `spec`, so any result can
 * be reproduced and audited; the result is written once by the worker. Rows are never deleted;
 * the spec never changes after insert.
 */
export class TermSheetSimulations1764700000000 implements MigrationInterface {
  name = 'TermSheetSimulations1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE term_sheet_simulation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('SINGLE', 'COMPARISON')),
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
        label text,
        product_id uuid NOT NULL REFERENCES product(id),
        agreement_id uuid REFERENCES agreement(id),
        version_number integer,
        compare_agreement_id uuid REFERENCES agreement(id),
        compare_version_number integer,
        owner_role text NOT NULL,
        owner_state_code char(2),
        owner_manufacturer_id uuid REFERENCES manufacturer(id),
        created_by uuid REFERENCES app_user(id),
        created_by_label text NOT NULL,
        spec jsonb NOT NULL,
        spec_sha256 text NOT NULL,
        seed bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
        trials integer NOT NULL CHECK (trials > 0),
        engine_version text NOT NULL,
        reproduces uuid REFERENCES term_sheet_simulation(id),
        result jsonb,
        failure_reason text,
        elapsed_ms integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz,
        CHECK ((status = 'COMPLETED') = (result IS NOT NULL)),
        CHECK ((status = 'FAILED') = (failure_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX term_sheet_simulation_owner_idx ON term_sheet_simulation (owner_role, created_at DESC, id)`,
    );
    await q.query(`
      CREATE FUNCTION term_sheet_simulation_spec_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.spec IS DISTINCT FROM OLD.spec OR NEW.seed IS DISTINCT FROM OLD.seed
           OR NEW.spec_sha256 IS DISTINCT FROM OLD.spec_sha256 THEN
          RAISE EXCEPTION 'term_sheet_simulation spec is frozen';
        END IF;
        IF OLD.status IN ('COMPLETED', 'FAILED') THEN
          RAISE EXCEPTION 'term_sheet_simulation % is final', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER term_sheet_simulation_frozen BEFORE UPDATE ON term_sheet_simulation
      FOR EACH ROW EXECUTE FUNCTION term_sheet_simulation_spec_frozen()`);
    await q.query(`
      CREATE TRIGGER term_sheet_simulation_no_delete BEFORE DELETE ON term_sheet_simulation
      FOR EACH ROW EXECUTE FUNCTION forbid_modification()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE term_sheet_simulation');
    await q.query('DROP FUNCTION term_sheet_simulation_spec_frozen()');
  }
}
