import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcome observations ("Outcomes"): events a state reports that claims cannot show
 * (a registry-confirmed crisis, a death), each with an evidence reference. A REPORTED_EVENT
 * benchmark is evaluated from the observations that are not withdrawn. Rows are never deleted:
 * withdrawing one stamps who, when and why.
 */
export class OutcomeObservations1764000007000 implements MigrationInterface {
  name = 'OutcomeObservations1764000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outcome_observation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        episode_id uuid NOT NULL REFERENCES episode(id),
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        event_date date NOT NULL,
        -- A named event (CRISIS, DEATH, ...) or an ICD-10-CM code without the dot.
        event_code text NOT NULL CHECK (event_code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        evidence_ref text NOT NULL CHECK (length(btrim(evidence_ref)) BETWEEN 1 AND 500),
        note text NOT NULL DEFAULT '',
        reported_by uuid REFERENCES app_user(id),
        reported_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES app_user(id),
        withdraw_reason text,
        CHECK ((withdrawn_at IS NULL) = (withdraw_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX outcome_observation_episode_idx ON outcome_observation (episode_id, event_date)`);
    await q.query(
      `CREATE INDEX outcome_observation_state_idx ON outcome_observation (state_code, reported_at) WHERE withdrawn_at IS NULL`,
    );
    await q.query(`
      CREATE TRIGGER outcome_observation_never_deleted BEFORE DELETE ON outcome_observation
      FOR EACH ROW EXECUTE FUNCTION forbid_modification()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outcome_observation`);
  }
}
