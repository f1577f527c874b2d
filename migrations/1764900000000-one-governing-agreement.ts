import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One governing agreement: at any date at most one executed, unexpired agreement
 * governs a product. The agreement carries the enrollment window it governs (from the earliest
 * start to the latest end of its executed versions; set by the service when a version executes)
 * and an exclusion constraint refuses two EXECUTED agreements of one product whose windows share
 * a date. Existing overlaps stop the migration with the pairs named, to be resolved by expiring one.
 */
export class OneGoverningAgreement1764900000000 implements MigrationInterface {
  name = 'OneGoverningAgreement1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement ADD COLUMN enrollment_start date, ADD COLUMN enrollment_end date`);
    await q.query(`
      UPDATE agreement a SET enrollment_start = w.start_date, enrollment_end = w.end_date
        FROM (SELECT agreement_id, min(enrollment_start) AS start_date, max(enrollment_end) AS end_date
                FROM agreement_version WHERE status = 'EXECUTED' GROUP BY agreement_id) w
       WHERE w.agreement_id = a.id`);
    await q.query(`
      DO $$
      DECLARE pairs text;
      BEGIN
        SELECT string_agg(a.id || ' and ' || b.id, '; ') INTO pairs
          FROM agreement a JOIN agreement b ON a.product_id = b.product_id AND a.id < b.id
         WHERE a.status = 'EXECUTED' AND b.status = 'EXECUTED'
           AND daterange(a.enrollment_start, a.enrollment_end, '[]') && daterange(b.enrollment_start, b.enrollment_end, '[]');
        IF pairs IS NOT NULL THEN
          RAISE EXCEPTION 'executed agreements of one product overlap (expire one of each pair first): %', pairs;
        END IF;
      END $$`);
    await q.query(`
      ALTER TABLE agreement ADD CONSTRAINT agreement_executed_has_window
        CHECK (status NOT IN ('EXECUTED', 'EXPIRED')
               OR (enrollment_start IS NOT NULL AND enrollment_end IS NOT NULL AND enrollment_start <= enrollment_end))`);
    await q.query(`
      ALTER TABLE agreement ADD CONSTRAINT agreement_one_governing
        EXCLUDE USING gist (product_id WITH =, daterange(enrollment_start, enrollment_end, '[]') WITH &&)
        WHERE (status = 'EXECUTED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement DROP CONSTRAINT agreement_one_governing`);
    await q.query(`ALTER TABLE agreement DROP CONSTRAINT agreement_executed_has_window`);
    await q.query(`ALTER TABLE agreement DROP COLUMN enrollment_start, DROP COLUMN enrollment_end`);
  }
}
