import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed year's month partitions of a state's digests (migration 1765400000000) merge into one
 * year partition, `<parent>_<YYYY>`, FOR VALUES FROM (January) TO (next January). Copying the
 * earlier versions of a family that starts to matter probes each partition the state has, so
 * with month partitions only its cost grows with every month of history (docs/architecture.md);
 * with closed years merged it takes one probe per closed year and per month of the open one.
 * A year partition's months count as months the state has: a header adjudicated in one of them
 * is looked up there (one probe of its key) and inserted with the conflict check, as in any
 * month the state has.
 *
 * The functions:
 * - claim_digest_partitions(parent): each partition under it with its bounds (months counted
 *   from January 2000, `month_to` exclusive);
 * - claim_digest_months(parent), now from those bounds: every month a partition covers, so the
 *   months of a year partition too;
 * - claim_digest_roll_up_year(parent, year): the year's partitions' rows into a new table with a
 *   CHECK matching the year's bounds, its primary key built once from them, the old partitions
 *   detached and dropped, the new table attached; returns the rows moved. The caller holds the
 *   state's digest lock (libs/claims/src/staging/digest-years.ts decides which years).
 *
 * Down splits every year partition back into month partitions.
 */
export class DigestYearPartitions1765500000000 implements MigrationInterface {
  name = 'DigestYearPartitions1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION claim_digest_partitions(parent regclass)
        RETURNS TABLE (partition_table regclass, month_from integer, month_to integer)
        LANGUAGE sql STABLE
        AS $$ SELECT c.oid::regclass, b[1]::integer, b[2]::integer
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
               CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid),
                                               'FROM \\((-?\\d+)\\) TO \\((-?\\d+)\\)') b
               WHERE i.inhparent = parent
               ORDER BY 2 $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION claim_digest_months(parent regclass) RETURNS integer[]
        LANGUAGE sql STABLE
        AS $$ SELECT coalesce(array_agg(m ORDER BY m), '{}')
                FROM claim_digest_partitions(parent) p
               CROSS JOIN LATERAL generate_series(p.month_from, p.month_to - 1) m $$`);
    await q.query(`
      CREATE FUNCTION claim_digest_roll_up_year(parent regclass, year integer) RETURNS bigint
        LANGUAGE plpgsql
        AS $$
        DECLARE
          first_month integer := (year - 2000) * 12;
          name text := format('%s_%s', parent::text, year);
          state_check text := CASE WHEN parent::text = 'claim_version_digest_other' THEN ''
                                   ELSE format('state_fips = %L AND ', right(parent::text, 2)) END;
          part record;
          months regclass[];
          month_table regclass;
          moved bigint := 0;
          n bigint;
        BEGIN
          FOR part IN SELECT * FROM claim_digest_partitions(parent) LOOP
            IF part.month_from < first_month + 12 AND part.month_to > first_month
               AND (part.month_from < first_month OR part.month_to > first_month + 12) THEN
              RAISE EXCEPTION 'partition % (months % to %) is not inside year %',
                part.partition_table, part.month_from, part.month_to - 1, year;
            END IF;
          END LOOP;
          EXECUTE format('CREATE TABLE %I (LIKE claim_version_digest, CHECK (%sadjudication_month >= %s AND adjudication_month < %s))',
                         name, state_check, first_month, first_month + 12);
          months := ARRAY(SELECT p.partition_table FROM claim_digest_partitions(parent) p
                           WHERE p.month_from >= first_month AND p.month_to <= first_month + 12);
          FOREACH month_table IN ARRAY months LOOP
            EXECUTE format('INSERT INTO %I SELECT * FROM %s', name, month_table);
            GET DIAGNOSTICS n = ROW_COUNT;
            moved := moved + n;
            -- Dropping a partition detaches it.
            EXECUTE format('DROP TABLE %s', month_table);
          END LOOP;
          EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (digest, state_fips, adjudication_month)', name);
          EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)',
                         parent, name, first_month, first_month + 12);
          RETURN moved;
        END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      DECLARE
        parent regclass;
        years regclass[];
        year_table regclass;
        month integer;
        month_table regclass;
      BEGIN
        FOR parent IN SELECT i.inhrelid::regclass FROM pg_inherits i
                       WHERE i.inhparent = 'claim_version_digest'::regclass LOOP
          years := ARRAY(SELECT p.partition_table FROM claim_digest_partitions(parent) p WHERE p.month_to - p.month_from > 1);
          FOREACH year_table IN ARRAY years LOOP
            EXECUTE format('ALTER TABLE %s DETACH PARTITION %s', parent, year_table);
            FOR month IN EXECUTE format('SELECT DISTINCT adjudication_month FROM %s ORDER BY 1', year_table) LOOP
              month_table := claim_digest_month_table(parent, month);
              EXECUTE format('INSERT INTO %s SELECT * FROM %s WHERE adjudication_month = %s', month_table, year_table, month);
              PERFORM claim_digest_attach_month(parent, month, month_table);
            END LOOP;
            EXECUTE format('DROP TABLE %s', year_table);
          END LOOP;
        END LOOP;
      END $$`);
    await q.query(`DROP FUNCTION claim_digest_roll_up_year(regclass, integer)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION claim_digest_months(parent regclass) RETURNS integer[]
        LANGUAGE sql STABLE
        AS $$ SELECT coalesce(array_agg(m ORDER BY m), '{}') FROM (
                SELECT (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\((-?\\d+)\\)'))[1]::integer AS m
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent = parent) p $$`);
    await q.query(`DROP FUNCTION claim_digest_partitions(regclass)`);
  }
}
