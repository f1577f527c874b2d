import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users with exactly one role, bound to a state or a manufacturer where the role says so. */
export class Users1764000002000 implements MigrationInterface {
  name = 'Users1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('FEDERAL_COORDINATOR', 'STATE_STAFF', 'MANUFACTURER_STAFF', 'AUDITOR')),
        state_code char(2) REFERENCES jurisdiction(usps_code),
        manufacturer_id uuid REFERENCES manufacturer(id),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_state_scope CHECK ((role = 'STATE_STAFF') = (state_code IS NOT NULL)),
        CONSTRAINT app_user_manufacturer_scope CHECK ((role = 'MANUFACTURER_STAFF') = (manufacturer_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_idx ON app_user (email)`);
    await q.query(`
      CREATE TABLE login_throttle (
        login_key text PRIMARY KEY,
        failures int NOT NULL DEFAULT 0,
        first_failure_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
    await q.query(`DROP TABLE app_user`);
  }
}
