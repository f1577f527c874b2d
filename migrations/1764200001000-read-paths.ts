import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fast reads (docs/architecture.md "Fast reads"). ledger_statement_amount keeps, per statement (labeler, state, statement
 * quarter), product and component, the sum and count of the ledger entries, updated by a
 * statement-level trigger in the transaction of every ledger insert (the ledger is append-only,
 * so inserts are the only change): balances read a statement's total and summaries their amounts
 * from a few rows instead of every entry. Indexes follow the filters and orders the API offers,
 * so scoped pages are index scans at a program year's scale.
 */
export class ReadPaths1764200001000 implements MigrationInterface {
  name = 'ReadPaths1764200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_statement_amount (
        labeler_code char(5) NOT NULL,
        state_code char(2) NOT NULL,
        statement_quarter char(6) NOT NULL,
        product_id uuid NOT NULL,
        component text NOT NULL,
        amount numeric(18, 2) NOT NULL,
        line_count integer NOT NULL,
        PRIMARY KEY (labeler_code, state_code, statement_quarter, product_id, component)
      )`);
    await q.query(`
      CREATE FUNCTION ledger_statement_amount_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ledger_statement_amount AS t
               (labeler_code, state_code, statement_quarter, product_id, component, amount, line_count)
        SELECT labeler_code, state_code, statement_quarter, product_id, component, sum(amount), count(*)
          FROM new_entries
         GROUP BY labeler_code, state_code, statement_quarter, product_id, component
         -- A stable order, so concurrent inserts on the same statements lock rows alike.
         ORDER BY labeler_code, state_code, statement_quarter, product_id, component
        ON CONFLICT (labeler_code, state_code, statement_quarter, product_id, component)
        DO UPDATE SET amount = t.amount + excluded.amount, line_count = t.line_count + excluded.line_count;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entry_statement_amount AFTER INSERT ON ledger_entry
      REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_statement_amount_add()`);
    await q.query(`
      INSERT INTO ledger_statement_amount
             (labeler_code, state_code, statement_quarter, product_id, component, amount, line_count)
      SELECT labeler_code, state_code, statement_quarter, product_id, component, sum(amount), count(*)
        FROM ledger_entry GROUP BY 1, 2, 3, 4, 5`);

    // Statements: pages in number order, within a state or a labeler's codes.
    await q.query(`CREATE INDEX statement_state_number_idx ON statement (state_code, number)`);
    await q.query(`CREATE INDEX statement_labeler_number_idx ON statement (labeler_code, number)`);
    // Episodes: pages by (administration_date, episode_ref), filtered by state, product, status or labeler.
    await q.query(`CREATE INDEX episode_page_idx ON episode (administration_date, episode_ref)`);
    await q.query(`CREATE INDEX episode_state_page_idx ON episode (state_code, administration_date, episode_ref)`);
    await q.query(`CREATE INDEX episode_product_page_idx ON episode (product_id, administration_date, episode_ref)`);
    await q.query(`CREATE INDEX episode_labeler_page_idx ON episode (labeler_code, administration_date, episode_ref)`);
    await q.query(`CREATE INDEX episode_status_page_idx ON episode (status, administration_date, episode_ref)`);
    // Ledger entries: pages by id, filtered by state, labeler or service quarter.
    await q.query(`CREATE INDEX ledger_entry_state_page_idx ON ledger_entry (state_code, id)`);
    await q.query(`CREATE INDEX ledger_entry_labeler_page_idx ON ledger_entry (labeler_code, id)`);
    await q.query(`CREATE INDEX ledger_entry_service_quarter_idx ON ledger_entry (service_quarter, id)`);
    // Disputes: pages by (opened_on, id), within statements of a scope.
    await q.query(`CREATE INDEX dispute_page_idx ON dispute (opened_on, id)`);
    await q.query(`CREATE INDEX dispute_statement_page_idx ON dispute (statement_id, opened_on, id)`);
    // Storage is SSD: random reads cost about what sequential ones do, so the planner should
    // prefer the indexes above for small scoped pages (per database, new connections).
    await q.query(`DO $$ BEGIN
      EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
    END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      EXECUTE format('ALTER DATABASE %I RESET random_page_cost', current_database());
    END $$`);
    for (const index of [
      'dispute_statement_page_idx',
      'dispute_page_idx',
      'ledger_entry_service_quarter_idx',
      'ledger_entry_labeler_page_idx',
      'ledger_entry_state_page_idx',
      'episode_status_page_idx',
      'episode_labeler_page_idx',
      'episode_product_page_idx',
      'episode_state_page_idx',
      'episode_page_idx',
      'statement_labeler_number_idx',
      'statement_state_number_idx',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`DROP TRIGGER ledger_entry_statement_amount ON ledger_entry`);
    await q.query(`DROP FUNCTION ledger_statement_amount_add()`);
    await q.query(`DROP TABLE ledger_statement_amount`);
  }
}
