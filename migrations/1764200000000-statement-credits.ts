import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money integrity of payments (README "Statements and payments"): a payment never exceeds ten billion dollars
 * and never takes a statement's outstanding amount below zero. The excess of a payment recorded
 * as an overpayment is kept here as a credit of the labeler in that state, for the next statement
 * (append-only, like payments).
 */
export class StatementCredits1764200000000 implements MigrationInterface {
  name = 'StatementCredits1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE statement_payment ADD CONSTRAINT statement_payment_amount_max CHECK (amount <= 10000000000.00)`,
    );
    await q.query(`
      CREATE TABLE statement_credit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        statement_id uuid NOT NULL REFERENCES statement(id),
        payment_id uuid REFERENCES statement_payment(id),
        labeler_code char(5) NOT NULL REFERENCES labeler_code(code),
        state_code char(2) NOT NULL REFERENCES jurisdiction(usps_code),
        amount numeric(16, 2) NOT NULL CHECK (amount > 0 AND amount <= 10000000000.00),
        received_on date NOT NULL,
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (statement_id, reference)
      )`);
    await q.query(`CREATE INDEX statement_credit_labeler_state_idx ON statement_credit (labeler_code, state_code)`);
    await q.query(`
      CREATE TRIGGER statement_credit_append_only BEFORE UPDATE OR DELETE ON statement_credit
      FOR EACH ROW EXECUTE FUNCTION forbid_modification()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statement_credit`);
    await q.query(`ALTER TABLE statement_payment DROP CONSTRAINT statement_payment_amount_max`);
  }
}
