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
 * - claim_digest_year_table(parent, year): a new, detached table for the year (a CHECK matching
 *   the year's bounds), the rows of the year's partitions copied into it and its primary key built
 *   once from them; returns the table and the partitions copied with their row counts. It runs
 *   without the state's digest lock (seconds for a large state), so the state's loads go on.
 * - claim_digest_attach_year(parent, year, table, copied, rows), under that lock: a partition of
 *   the year whose count moved since the copy, or that is new, has its rows added (conflicts
 *   skipped: loads only ever insert digests, so an unchanged count is an unchanged partition);
 *   the year's partitions are dropped and the table attached. Returns the digests it holds.
 *   libs/claims/src/staging/digest-years.rules.ts decides which years, digest-years.sql.ts takes
 *   the lock between the two.
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
      CREATE FUNCTION claim_digest_year_table(parent regclass, year integer,
                                              OUT year_table regclass, OUT copied regclass[], OUT copied_rows bigint[])
        LANGUAGE plpgsql
        AS $$
        DECLARE
          first_month integer := (year - 2000) * 12;
          state_check text := CASE WHEN parent::text = 'claim_version_digest_other' THEN ''
                                   ELSE format('state_fips = %L AND ', right(parent::text, 2)) END;
          part record;
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
                         format('%s_%s', parent::text, year), state_check, first_month, first_month + 12);
          year_table := format('%s_%s', parent::text, year)::regclass;
          copied := '{}';
          copied_rows := '{}';
          FOR part IN SELECT * FROM claim_digest_partitions(parent)
                       WHERE month_from >= first_month AND month_to <= first_month + 12 LOOP
            EXECUTE format('INSERT INTO %s SELECT * FROM %s', year_table, part.partition_table);
            GET DIAGNOSTICS n = ROW_COUNT;
            copied := copied || part.partition_table;
            copied_rows := copied_rows || n;
          END LOOP;
          EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (digest, state_fips, adjudication_month)', year_table);
        END $$`);
    await q.query(`
      CREATE FUNCTION claim_digest_attach_year(parent regclass, year integer, year_table regclass,
                                               copied regclass[], copied_rows bigint[]) RETURNS bigint
        LANGUAGE plpgsql
        AS $$
        DECLARE
          first_month integer := (year - 2000) * 12;
          parts regclass[];
          part regclass;
          i integer;
          n bigint;
          moved bigint := coalesce((SELECT sum(r) FROM unnest(copied_rows) r), 0);
        BEGIN
          parts := ARRAY(SELECT p.partition_table FROM claim_digest_partitions(parent) p
                          WHERE p.month_from >= first_month AND p.month_to <= first_month + 12);
          FOREACH part IN ARRAY parts LOOP
            i := array_position(copied, part);
            IF i IS NOT NULL THEN
              EXECUTE format('SELECT count(*) FROM %s', part) INTO n;
            END IF;
            IF i IS NULL OR n <> copied_rows[i] THEN
              -- A load added digests since the copy (loads only ever insert them), or a partition.
              EXECUTE format('INSERT INTO %s SELECT * FROM %s ON CONFLICT DO NOTHING', year_table, part);
              GET DIAGNOSTICS n = ROW_COUNT;
              moved := moved + n;
            END IF;
            -- Dropping a partition detaches it.
            EXECUTE format('DROP TABLE %s', part);
          END LOOP;
          EXECUTE format('ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM (%s) TO (%s)',
                         parent, year_table, first_month, first_month + 12);
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
    await q.query(`DROP FUNCTION claim_digest_attach_year(regclass, integer, regclass, regclass[], bigint[])`);
    await q.query(`DROP FUNCTION claim_digest_year_table(regclass, integer)`);
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
