import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claim files in (README "Claim files"): submissions with their raw-file facts, progress and counts; UNLOGGED
 * staging tables the worker fills with COPY (a crash leaves only rows that the retry deletes);
 * the permanent claim versions (every valid header, compactly; details only for families that
 * matter, design-notes "Keep only what matters"), their CGT lines and relevant diagnoses;
 * record-level problems and reconciliation exceptions.
 */
export class ClaimSubmissions1764000004000 implements MigrationInterface {
  name = 'ClaimSubmissions1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claim_submission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        file_sha256 char(64) NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
        byte_size bigint NOT NULL CHECK (byte_size >= 0),
        original_file_name text,
        storage_path text NOT NULL,
        submitted_by uuid REFERENCES app_user(id),
        receipt_seq bigserial NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'RECEIVED'
          CHECK (status IN ('RECEIVED', 'VALIDATING', 'RECONCILING', 'COMPLETED', 'REJECTED', 'FAILED')),
        file_type char(3) CHECK (file_type IN ('CIP', 'COT', 'CRX')),
        period_start date,
        period_end date,
        file_created date,
        sequence_number bigint,
        total_record_count bigint,
        records_read bigint NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        total_bytes bigint NOT NULL DEFAULT 0,
        counts jsonb,
        rejection_code text,
        rejection_reason text,
        last_failure_reason text,
        attempts int NOT NULL DEFAULT 0,
        received_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT claim_submission_state_sha_key UNIQUE (state_code, file_sha256)
      )`);
    await q.query(`CREATE INDEX claim_submission_state_receipt_idx ON claim_submission (state_code, receipt_seq)`);
    await q.query(`CREATE INDEX claim_submission_status_idx ON claim_submission (status, received_at)`);

    // Staging: UNLOGGED (no WAL: COPY at full speed), keyed by submission, no constraints.
    await q.query(`
      CREATE UNLOGGED TABLE claim_stage_header (
        submission_id uuid NOT NULL,
        position bigint NOT NULL,
        record_number bigint NOT NULL,
        state char(2) NOT NULL,
        icn_orig text NOT NULL,
        icn_adj text NOT NULL,
        adjudication_date date NOT NULL,
        adjustment_ind text NOT NULL,
        msis_id text NOT NULL,
        type_of_claim text NOT NULL,
        claim_status_category text NOT NULL,
        crossover_indicator text,
        billing_provider_npi text,
        admission_date date,
        discharge_date date,
        begin_date date,
        end_date date,
        plan_id text,
        total_paid numeric NOT NULL
      )`);
    await q.query(`CREATE INDEX claim_stage_header_submission_idx ON claim_stage_header (submission_id)`);
    await q.query(`
      CREATE UNLOGGED TABLE claim_stage_line (
        submission_id uuid NOT NULL,
        position bigint NOT NULL,
        record_number bigint NOT NULL,
        state char(2) NOT NULL,
        icn_orig text NOT NULL,
        icn_adj text NOT NULL,
        adjudication_date date NOT NULL,
        adjustment_ind text NOT NULL,
        straggler boolean NOT NULL,
        line_number bigint NOT NULL,
        revenue_code text,
        procedure_code text,
        ndc_raw text,
        ndc11 text,
        ndc_quantity numeric NOT NULL,
        unit_of_measure text,
        service_quantity numeric NOT NULL,
        begin_date date,
        end_date date,
        paid numeric NOT NULL,
        cgt_by_ndc boolean NOT NULL,
        cgt_by_hcpcs boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX claim_stage_line_submission_idx ON claim_stage_line (submission_id)`);
    await q.query(`
      CREATE UNLOGGED TABLE claim_stage_diagnosis (
        submission_id uuid NOT NULL,
        position bigint NOT NULL,
        record_number bigint NOT NULL,
        state char(2) NOT NULL,
        icn_orig text NOT NULL,
        icn_adj text NOT NULL,
        adjudication_date date NOT NULL,
        adjustment_ind text NOT NULL,
        straggler boolean NOT NULL,
        sequence bigint NOT NULL,
        code text NOT NULL,
        flag text
      )`);
    await q.query(`CREATE INDEX claim_stage_diagnosis_submission_idx ON claim_stage_diagnosis (submission_id)`);
    await q.query(`
      CREATE UNLOGGED TABLE claim_stage_straggler (
        submission_id uuid NOT NULL,
        position bigint NOT NULL,
        record_number bigint NOT NULL,
        state char(2) NOT NULL,
        icn_orig text NOT NULL,
        icn_adj text NOT NULL,
        adjudication_date date NOT NULL,
        adjustment_ind text NOT NULL,
        kind text NOT NULL,
        relevant boolean NOT NULL,
        line bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX claim_stage_straggler_submission_idx ON claim_stage_straggler (submission_id)`);
    await q.query(`
      CREATE UNLOGGED TABLE claim_stage_problem (
        submission_id uuid NOT NULL,
        position bigint NOT NULL,
        line bigint,
        record_id text,
        record_number bigint,
        icn_orig text,
        field_number int,
        field_name text,
        value text,
        reason text NOT NULL,
        message text NOT NULL
      )`);
    await q.query(`CREATE INDEX claim_stage_problem_submission_idx ON claim_stage_problem (submission_id)`);

    // Every valid claim header ever received: the version key makes a repeat detectable.
    await q.query(`
      CREATE TABLE claim_version (
        id bigserial PRIMARY KEY,
        state_fips char(2) NOT NULL,
        icn_orig text NOT NULL,
        icn_adj text NOT NULL DEFAULT '',
        adjudication_date date NOT NULL,
        adjustment_ind text NOT NULL,
        type_of_claim text NOT NULL,
        claim_status text NOT NULL,
        file_type char(3) NOT NULL CHECK (file_type IN ('CIP', 'COT', 'CRX')),
        -- No foreign key: a large file inserts hundreds of thousands of versions at once and a
        -- per-row check costs a quarter of it; submissions are never deleted.
        submission_id uuid NOT NULL,
        receipt_seq bigint NOT NULL,
        record_number bigint NOT NULL,
        position bigint NOT NULL,
        detailed boolean NOT NULL DEFAULT false,
        msis_id text,
        admission_date date,
        discharge_date date,
        begin_date date,
        end_date date,
        total_paid numeric,
        CONSTRAINT claim_version_key UNIQUE (state_fips, icn_orig, icn_adj, adjudication_date, adjustment_ind),
        CONSTRAINT claim_version_details CHECK (detailed OR msis_id IS NULL)
      )`);
    await q.query(
      `CREATE INDEX claim_version_detailed_family_idx ON claim_version (state_fips, icn_orig) WHERE detailed`,
    );
    await q.query(`
      CREATE TABLE claim_line (
        id bigserial PRIMARY KEY,
        claim_version_id bigint NOT NULL REFERENCES claim_version(id),
        submission_id uuid NOT NULL REFERENCES claim_submission(id),
        record_number bigint NOT NULL,
        position bigint NOT NULL,
        line_number bigint NOT NULL,
        revenue_code text,
        procedure_code text,
        ndc_raw text,
        ndc11 char(11),
        ndc_quantity numeric NOT NULL,
        unit_of_measure text,
        service_quantity numeric NOT NULL,
        begin_date date,
        end_date date,
        paid numeric NOT NULL,
        cgt_by_ndc boolean NOT NULL,
        cgt_by_hcpcs boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX claim_line_version_idx ON claim_line (claim_version_id)`);
    await q.query(`
      CREATE TABLE claim_diagnosis (
        id bigserial PRIMARY KEY,
        claim_version_id bigint NOT NULL REFERENCES claim_version(id),
        submission_id uuid NOT NULL REFERENCES claim_submission(id),
        record_number bigint NOT NULL,
        position bigint NOT NULL,
        sequence bigint NOT NULL,
        code text NOT NULL,
        flag text
      )`);
    await q.query(`CREATE INDEX claim_diagnosis_version_idx ON claim_diagnosis (claim_version_id)`);
    await q.query(`
      CREATE TABLE record_problem (
        id bigserial PRIMARY KEY,
        submission_id uuid NOT NULL REFERENCES claim_submission(id),
        position bigint NOT NULL,
        line bigint,
        record_id text,
        record_number bigint,
        icn_orig text,
        field_number int,
        field_name text,
        value text,
        reason text NOT NULL,
        message text NOT NULL
      )`);
    await q.query(`CREATE INDEX record_problem_submission_idx ON record_problem (submission_id, position, id)`);
    await q.query(`
      CREATE TABLE reconciliation_exception (
        id bigserial PRIMARY KEY,
        submission_id uuid NOT NULL REFERENCES claim_submission(id),
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        code text NOT NULL CHECK (code ~ '^[A-Z]$'),
        record_number bigint,
        position bigint,
        icn_orig text,
        icn_adj text,
        claim_version_id bigint REFERENCES claim_version(id),
        field_name text,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX reconciliation_exception_submission_idx ON reconciliation_exception (submission_id, id)`,
    );
    await q.query(`CREATE INDEX reconciliation_exception_state_idx ON reconciliation_exception (state_code, code, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'reconciliation_exception',
      'record_problem',
      'claim_diagnosis',
      'claim_line',
      'claim_version',
      'claim_stage_problem',
      'claim_stage_straggler',
      'claim_stage_diagnosis',
      'claim_stage_line',
      'claim_stage_header',
      'claim_submission',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
