import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling per email and client address (README "Security"): an attempt is reserved
 * in this row before the password is checked, and later attempts wait until next_attempt_at
 * instead of the email being locked for everyone. The per-email rows of the old table are
 * dropped: throttling state is short-lived.
 */
export class LoginThrottlePerClient1764100000000 implements MigrationInterface {
  name = 'LoginThrottlePerClient1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
    await q.query(`
      CREATE TABLE login_throttle (
        login_key text NOT NULL,
        client_key text NOT NULL,
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        PRIMARY KEY (login_key, client_key)
      )`);
    await q.query(`CREATE INDEX login_throttle_last_attempt_idx ON login_throttle (last_attempt_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
    await q.query(`
      CREATE TABLE login_throttle (
        login_key text PRIMARY KEY,
        failures int NOT NULL DEFAULT 0,
        first_failure_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      )`);
  }
}
