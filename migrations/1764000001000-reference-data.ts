import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data: jurisdictions, manufacturers with effective-dated legal names and labeler
 * codes, products with NDCs and effective-dated HCPCS codes. Seeds the public facts of
 * docs/rules/domain.md; coordinators edit them afterwards.
 */
export class ReferenceData1764000001000 implements MigrationInterface {
  name = 'ReferenceData1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdiction (
        usps_code char(2) PRIMARY KEY CHECK (usps_code ~ '^[A-Z]{2}$'),
        fips_code char(2) NOT NULL UNIQUE CHECK (fips_code ~ '^[0-9]{2}$'),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('state', 'district', 'territory')),
        alternate_submitter_codes text[] NOT NULL DEFAULT '{}',
        cgt_participant boolean NOT NULL DEFAULT false,
        cgt_start_date_known date,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX jurisdiction_alternate_code_idx ON jurisdiction USING gin (alternate_submitter_codes)`);
    await q.query(`
      INSERT INTO jurisdiction (usps_code, fips_code, name, kind, alternate_submitter_codes, cgt_participant, cgt_start_date_known)
      VALUES
      ('AL', '01', 'Alabama', 'state', ARRAY[]::text[], false, NULL),
      ('AK', '02', 'Alaska', 'state', ARRAY[]::text[], false, NULL),
      ('AZ', '04', 'Arizona', 'state', ARRAY[]::text[], true, NULL),
      ('AR', '05', 'Arkansas', 'state', ARRAY[]::text[], true, NULL),
      ('CA', '06', 'California', 'state', ARRAY[]::text[], true, NULL),
      ('CO', '08', 'Colorado', 'state', ARRAY[]::text[], true, NULL),
      ('CT', '09', 'Connecticut', 'state', ARRAY[]::text[], true, NULL),
      ('DE', '10', 'Delaware', 'state', ARRAY[]::text[], true, NULL),
      ('DC', '11', 'District of Columbia', 'district', ARRAY[]::text[], true, NULL),
      ('FL', '12', 'Florida', 'state', ARRAY[]::text[], true, NULL),
      ('GA', '13', 'Georgia', 'state', ARRAY[]::text[], false, NULL),
      ('HI', '15', 'Hawaii', 'state', ARRAY[]::text[], false, NULL),
      ('ID', '16', 'Idaho', 'state', ARRAY[]::text[], false, NULL),
      ('IL', '17', 'Illinois', 'state', ARRAY[]::text[], true, NULL),
      ('IN', '18', 'Indiana', 'state', ARRAY[]::text[], false, NULL),
      ('IA', '19', 'Iowa', 'state', ARRAY['96']::text[], false, NULL),
      ('KS', '20', 'Kansas', 'state', ARRAY[]::text[], true, NULL),
      ('KY', '21', 'Kentucky', 'state', ARRAY[]::text[], true, NULL),
      ('LA', '22', 'Louisiana', 'state', ARRAY[]::text[], true, NULL),
      ('ME', '23', 'Maine', 'state', ARRAY[]::text[], true, NULL),
      ('MD', '24', 'Maryland', 'state', ARRAY[]::text[], true, NULL),
      ('MA', '25', 'Massachusetts', 'state', ARRAY[]::text[], false, NULL),
      ('MI', '26', 'Michigan', 'state', ARRAY[]::text[], true, NULL),
      ('MN', '27', 'Minnesota', 'state', ARRAY[]::text[], false, NULL),
      ('MS', '28', 'Mississippi', 'state', ARRAY[]::text[], true, NULL),
      ('MO', '29', 'Missouri', 'state', ARRAY[]::text[], true, NULL),
      ('MT', '30', 'Montana', 'state', ARRAY['94']::text[], false, NULL),
      ('NE', '31', 'Nebraska', 'state', ARRAY[]::text[], false, NULL),
      ('NV', '32', 'Nevada', 'state', ARRAY[]::text[], false, NULL),
      ('NH', '33', 'New Hampshire', 'state', ARRAY[]::text[], false, NULL),
      ('NJ', '34', 'New Jersey', 'state', ARRAY[]::text[], true, NULL),
      ('NM', '35', 'New Mexico', 'state', ARRAY[]::text[], false, NULL),
      ('NY', '36', 'New York', 'state', ARRAY[]::text[], true, '2026-01-01'),
      ('NC', '37', 'North Carolina', 'state', ARRAY[]::text[], true, NULL),
      ('ND', '38', 'North Dakota', 'state', ARRAY[]::text[], false, NULL),
      ('OH', '39', 'Ohio', 'state', ARRAY[]::text[], true, NULL),
      ('OK', '40', 'Oklahoma', 'state', ARRAY[]::text[], true, NULL),
      ('OR', '41', 'Oregon', 'state', ARRAY[]::text[], true, NULL),
      ('PA', '42', 'Pennsylvania', 'state', ARRAY['97']::text[], true, NULL),
      ('RI', '44', 'Rhode Island', 'state', ARRAY[]::text[], true, NULL),
      ('SC', '45', 'South Carolina', 'state', ARRAY[]::text[], true, NULL),
      ('SD', '46', 'South Dakota', 'state', ARRAY[]::text[], false, NULL),
      ('TN', '47', 'Tennessee', 'state', ARRAY[]::text[], true, NULL),
      ('TX', '48', 'Texas', 'state', ARRAY[]::text[], true, NULL),
      ('UT', '49', 'Utah', 'state', ARRAY[]::text[], true, NULL),
      ('VT', '50', 'Vermont', 'state', ARRAY[]::text[], true, NULL),
      ('VA', '51', 'Virginia', 'state', ARRAY[]::text[], true, NULL),
      ('WA', '53', 'Washington', 'state', ARRAY[]::text[], true, NULL),
      ('WV', '54', 'West Virginia', 'state', ARRAY[]::text[], true, NULL),
      ('WI', '55', 'Wisconsin', 'state', ARRAY[]::text[], true, NULL),
      ('WY', '56', 'Wyoming', 'state', ARRAY['93']::text[], false, NULL),
      ('AS', '60', 'American Samoa', 'territory', ARRAY[]::text[], false, NULL),
      ('GU', '66', 'Guam', 'territory', ARRAY[]::text[], false, NULL),
      ('MP', '69', 'Northern Mariana Islands', 'territory', ARRAY[]::text[], false, NULL),
      ('PR', '72', 'Puerto Rico', 'territory', ARRAY[]::text[], true, NULL),
      ('VI', '78', 'U.S. Virgin Islands', 'territory', ARRAY[]::text[], false, NULL)`);

    await q.query(`
      CREATE TABLE manufacturer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE manufacturer_name (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        manufacturer_id uuid NOT NULL REFERENCES manufacturer(id),
        legal_name text NOT NULL CHECK (length(trim(legal_name)) > 0),
        effective_from date NOT NULL,
        effective_to date,
        CHECK (effective_to IS NULL OR effective_to >= effective_from),
        EXCLUDE USING gist (manufacturer_id WITH =, daterange(effective_from, effective_to, '[]') WITH &&)
      )`);
    await q.query(`
      CREATE TABLE labeler_code (
        code char(5) PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
        manufacturer_id uuid NOT NULL REFERENCES manufacturer(id)
      )`);
    await q.query(`CREATE INDEX labeler_code_manufacturer_idx ON labeler_code (manufacturer_id)`);
    await q.query(`
      CREATE TABLE product (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9_]{2,40}$'),
        brand_name text NOT NULL,
        generic_name text NOT NULL,
        manufacturer_id uuid NOT NULL REFERENCES manufacturer(id),
        labeler_code char(5) NOT NULL REFERENCES labeler_code(code),
        billing_unit text NOT NULL CHECK (billing_unit IN ('EA', 'UN', 'ML', 'F2', 'GR', 'ME')),
        one_treatment_per_lifetime boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE product_ndc (
        ndc11 char(11) PRIMARY KEY CHECK (ndc11 ~ '^[0-9]{11}$'),
        product_id uuid NOT NULL REFERENCES product(id),
        ndc_as_labeled text NOT NULL,
        package_level text NOT NULL CHECK (package_level IN ('PACKAGE', 'INNER')),
        description text
      )`);
    await q.query(`CREATE INDEX product_ndc_product_idx ON product_ndc (product_id)`);
    await q.query(`
      CREATE TABLE product_hcpcs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES product(id),
        hcpcs_code text NOT NULL CHECK (hcpcs_code ~ '^[A-Z0-9]{5}$'),
        effective_from date NOT NULL,
        effective_to date,
        CHECK (effective_to IS NULL OR effective_to >= effective_from),
        EXCLUDE USING gist (hcpcs_code WITH =, daterange(effective_from, effective_to, '[]') WITH &&)
      )`);
    await q.query(`CREATE INDEX product_hcpcs_product_idx ON product_hcpcs (product_id)`);

    // domain.md: Casgevy (Vertex, 51167) and Lyfgenia (bluebird bio, renamed Genetix in 2025).
    await q.query(`
      WITH vertex AS (INSERT INTO manufacturer DEFAULT VALUES RETURNING id),
           genetix AS (INSERT INTO manufacturer DEFAULT VALUES RETURNING id),
           names AS (
             INSERT INTO manufacturer_name (manufacturer_id, legal_name, effective_from, effective_to)
             SELECT id, 'Vertex Pharmaceuticals Incorporated', DATE '1989-01-01', NULL FROM vertex
             UNION ALL SELECT id, 'bluebird bio, Inc.', DATE '1992-01-01', DATE '2025-06-30' FROM genetix
             UNION ALL SELECT id, 'Genetix Biotherapeutics, Inc.', DATE '2025-07-01', NULL FROM genetix
             RETURNING 1),
           labelers AS (
             INSERT INTO labeler_code (code, manufacturer_id)
             SELECT '51167', id FROM vertex UNION ALL SELECT '73554', id FROM genetix
             RETURNING code),
           casgevy AS (
             INSERT INTO product (code, brand_name, generic_name, manufacturer_id, labeler_code, billing_unit, one_treatment_per_lifetime)
             SELECT 'CASGEVY', 'Casgevy', 'exagamglogene autotemcel', id, '51167', 'UN', true FROM vertex
             RETURNING id),
           lyfgenia AS (
             INSERT INTO product (code, brand_name, generic_name, manufacturer_id, labeler_code, billing_unit, one_treatment_per_lifetime)
             SELECT 'LYFGENIA', 'Lyfgenia', 'lovotibeglogene autotemcel', id, '73554', 'UN', true FROM genetix
             RETURNING id),
           ndcs AS (
             INSERT INTO product_ndc (ndc11, product_id, ndc_as_labeled, package_level, description)
             SELECT '51167029009', id, '51167-290-09', 'PACKAGE', 'carton of 9 vials' FROM casgevy
             UNION ALL SELECT '51167029001', id, '51167-290-01', 'INNER', 'vial' FROM casgevy
             UNION ALL SELECT '73554111101', id, '73554-1111-1', 'PACKAGE', 'bag' FROM lyfgenia
             RETURNING 1)
      INSERT INTO product_hcpcs (product_id, hcpcs_code, effective_from)
      SELECT id, 'J3392', DATE '2025-01-01' FROM casgevy
      UNION ALL SELECT id, 'J3394', DATE '2025-01-01' FROM lyfgenia`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'product_hcpcs',
      'product_ndc',
      'product',
      'labeler_code',
      'manufacturer_name',
      'manufacturer',
      'jurisdiction',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
