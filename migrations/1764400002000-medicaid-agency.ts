import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The state Medicaid agency that bills and is paid under the model (issuer and remit-to block). One row per state; seeded for the participating
 * jurisdictions with PLAINLY ILLUSTRATIVE names and addresses (`illustrative` is true, the
 * address says "Illustrative"), which coordinators replace with the real remittance details.
 */
export class MedicaidAgency1764400002000 implements MigrationInterface {
  name = 'MedicaidAgency1764400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE medicaid_agency (
        state_code char(2) PRIMARY KEY REFERENCES jurisdiction(usps_code),
        agency_name text NOT NULL CHECK (length(trim(agency_name)) > 0),
        remit_attention text NOT NULL,
        address_lines text[] NOT NULL CHECK (cardinality(address_lines) BETWEEN 1 AND 5),
        email text,
        phone text,
        illustrative boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO medicaid_agency (state_code, agency_name, remit_attention, address_lines, email, phone, illustrative)
      SELECT j.usps_code,
             j.name || ' Medicaid Agency (illustrative)',
             'Attn: Cell and Gene Therapy Access Model rebates',
             ARRAY['Illustrative address, not for remittance', '100 Example Plaza',
                   'Capital City, ' || j.usps_code || ' 00000'],
             'cgt-rebates.' || lower(j.usps_code) || '@example.org',
             '555-0100',
             true
        FROM jurisdiction j
       WHERE j.cgt_participant`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE medicaid_agency`);
  }
}
