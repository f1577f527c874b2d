import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions (README "Sessions"): every token, bearer
 * or cookie, names one row here. Signing out ends the row, and every API process refuses the
 * token from then on, although its signature and `exp` are still valid.
 */
export class UserSessions1764400001000 implements MigrationInterface {
  name = 'UserSessions1764400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT user_session_expires_after_creation CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id, expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_session`);
  }
}
