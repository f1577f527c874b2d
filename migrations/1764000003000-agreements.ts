import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreements (README "Agreements"): versioned term sheets (rebate-rules section 1), negotiation steps and
 * acceptances, amendments, and state participation. An EXECUTED version can never change: the
 * service refuses it and triggers enforce it for the version row and every row of its terms.
 */
export class Agreements1764000003000 implements MigrationInterface {
  name = 'Agreements1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        manufacturer_id uuid NOT NULL REFERENCES manufacturer(id),
        product_id uuid NOT NULL REFERENCES product(id),
        status text NOT NULL CHECK (status IN ('NEGOTIATING', 'EXECUTED', 'WITHDRAWN', 'EXPIRED')),
        executed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX agreement_manufacturer_idx ON agreement (manufacturer_id, created_at, id)`);
    await q.query(`CREATE INDEX agreement_product_idx ON agreement (product_id)`);

    await q.query(`
      CREATE TABLE agreement_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreement(id),
        version_number int NOT NULL CHECK (version_number >= 1),
        amendment_number int NOT NULL DEFAULT 0 CHECK (amendment_number >= 0),
        amendment_effective_from date,
        status text NOT NULL CHECK (status IN ('PROPOSED', 'SUPERSEDED', 'EXECUTED', 'WITHDRAWN')),
        proposed_by_side text NOT NULL CHECK (proposed_by_side IN ('COORDINATOR', 'MANUFACTURER')),
        proposed_by_label text NOT NULL,
        enrollment_start date NOT NULL,
        enrollment_end date NOT NULL,
        supplemental_cap_pct numeric(9, 6) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        executed_at timestamptz,
        UNIQUE (agreement_id, version_number),
        CHECK ((amendment_number = 0) = (amendment_effective_from IS NULL)),
        CHECK (enrollment_start <= enrollment_end)
      )`);
    // At most one version under negotiation per agreement.
    await q.query(
      `CREATE UNIQUE INDEX agreement_version_one_proposed ON agreement_version (agreement_id) WHERE status = 'PROPOSED'`,
    );

    await q.query(`
      CREATE TABLE price_schedule_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES agreement_version(id),
        position int NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        wac numeric(14, 2) NOT NULL CHECK (wac > 0),
        guaranteed_rebate_pct numeric(9, 6) NOT NULL CHECK (guaranteed_rebate_pct BETWEEN 0 AND 1),
        CHECK (effective_to IS NULL OR effective_to >= effective_from),
        EXCLUDE USING gist (version_id WITH =, daterange(effective_from, effective_to, '[]') WITH &&)
      )`);
    await q.query(`
      CREATE TABLE outcome_benchmark (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES agreement_version(id),
        position int NOT NULL,
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,19}$'),
        measure text NOT NULL CHECK (measure IN ('VOE_HOSPITALIZATION', 'REPORTED_EVENT')),
        washout_days int NOT NULL CHECK (washout_days >= 0),
        diagnosis_prefixes text[] NOT NULL,
        UNIQUE (version_id, code)
      )`);
    await q.query(`
      CREATE TABLE outcome_benchmark_tier (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        benchmark_id uuid NOT NULL REFERENCES outcome_benchmark(id),
        through_month int NOT NULL CHECK (through_month >= 1),
        rebate_pct numeric(9, 6) NOT NULL CHECK (rebate_pct BETWEEN 0 AND 1),
        UNIQUE (benchmark_id, through_month)
      )`);
    await q.query(`
      CREATE TABLE volume_tier (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES agreement_version(id),
        min_treatments int NOT NULL CHECK (min_treatments >= 1),
        additional_rebate_pct numeric(9, 6) NOT NULL CHECK (additional_rebate_pct BETWEEN 0 AND 1),
        UNIQUE (version_id, min_treatments)
      )`);
    await q.query(`CREATE INDEX price_schedule_entry_version_idx ON price_schedule_entry (version_id)`);
    await q.query(`CREATE INDEX outcome_benchmark_version_idx ON outcome_benchmark (version_id)`);
    await q.query(`CREATE INDEX volume_tier_version_idx ON volume_tier (version_id)`);

    await q.query(`
      CREATE TABLE negotiation_step (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement(id),
        version_id uuid REFERENCES agreement_version(id),
        action text NOT NULL CHECK (action IN ('DRAFTED', 'PROPOSED', 'AMENDMENT_PROPOSED', 'ACCEPTED', 'EXECUTED', 'WITHDRAWN', 'EXPIRED')),
        side text CHECK (side IN ('COORDINATOR', 'MANUFACTURER')),
        actor_user_id uuid,
        actor_label text NOT NULL,
        comment text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX negotiation_step_agreement_idx ON negotiation_step (agreement_id, id)`);
    // One acceptance per side and version.
    await q.query(
      `CREATE UNIQUE INDEX negotiation_step_one_acceptance ON negotiation_step (version_id, side) WHERE action = 'ACCEPTED'`,
    );
    await q.query(`
      CREATE TRIGGER negotiation_step_append_only BEFORE UPDATE OR DELETE ON negotiation_step
      FOR EACH ROW EXECUTE FUNCTION forbid_modification()`);

    await q.query(`
      CREATE TABLE state_participation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreement(id),
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        effective_from date NOT NULL,
        effective_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (effective_to IS NULL OR effective_to >= effective_from),
        EXCLUDE USING gist (agreement_id WITH =, state_code WITH =, daterange(effective_from, effective_to, '[]') WITH &&)
      )`);
    await q.query(`CREATE INDEX state_participation_state_idx ON state_participation (state_code, agreement_id)`);

    // An executed version is frozen ("that version can never change").
    await q.query(`
      CREATE FUNCTION forbid_executed_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'EXECUTED' THEN
          RAISE EXCEPTION 'agreement_version % is executed and can never change', OLD.id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER agreement_version_executed_frozen BEFORE UPDATE OR DELETE ON agreement_version
      FOR EACH ROW EXECUTE FUNCTION forbid_executed_version_change()`);
    await q.query(`
      CREATE FUNCTION forbid_executed_terms_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        row_data record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        owner uuid;
      BEGIN
        IF TG_TABLE_NAME = 'outcome_benchmark_tier' THEN
          SELECT b.version_id INTO owner FROM outcome_benchmark b WHERE b.id = row_data.benchmark_id;
        ELSE
          owner := row_data.version_id;
        END IF;
        IF EXISTS (SELECT 1 FROM agreement_version v WHERE v.id = owner AND v.status = 'EXECUTED') THEN
          RAISE EXCEPTION '% belongs to an executed agreement version and can never change', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN row_data;
      END $$`);
    for (const table of ['price_schedule_entry', 'outcome_benchmark', 'outcome_benchmark_tier', 'volume_tier']) {
      await q.query(`
        CREATE TRIGGER ${table}_executed_frozen BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION forbid_executed_terms_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'state_participation',
      'negotiation_step',
      'volume_tier',
      'outcome_benchmark_tier',
      'outcome_benchmark',
      'price_schedule_entry',
      'agreement_version',
      'agreement',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION forbid_executed_terms_change()`);
    await q.query(`DROP FUNCTION forbid_executed_version_change()`);
  }
}
