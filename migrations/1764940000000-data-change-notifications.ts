import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed write to a table the API reads notifies the channel `data_changed`, which each
 * API process LISTENs to and which empties its read cache (docs/architecture.md, "Read cache").
 * One statement-level trigger per table: a COPY or a multi-row INSERT notifies once, and Postgres
 * folds identical notifications of one transaction into one. Not notified: the migrations table,
 * the loader's scratch tables (claim_stage_*, rewritten many times per file and read by no query)
 * and login throttles (failed sign-ins). A table created by a later migration gets the trigger in
 * that migration; test/architecture/data-change-triggers.e2e-spec.ts fails until it does.
 */
export class DataChangeNotifications1764940000000 implements MigrationInterface {
  name = 'DataChangeNotifications1764940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('data_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await q.query(`
      DO $$
      DECLARE t record;
      BEGIN
        FOR t IN
          SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
             AND c.relname NOT IN ('schema_migration', 'login_throttle') AND c.relname NOT LIKE 'claim\\_stage\\_%'
        LOOP
          EXECUTE format(
            'CREATE TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
               FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed()', t.relname);
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      DECLARE t record;
      BEGIN
        FOR t IN
          SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
           WHERE g.tgname = 'data_changed' AND NOT g.tgisinternal
        LOOP
          EXECUTE format('DROP TRIGGER data_changed ON %I', t.relname);
        END LOOP;
      END $$`);
    await q.query(`DROP FUNCTION notify_data_changed()`);
  }
}
