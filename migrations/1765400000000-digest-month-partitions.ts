import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each state's partition of claim_version_digest is itself partitioned by adjudication month
 * (RANGE, one month a partition), so that a file's digests of a month the state has none of yet
 * go into a new table: its rows are written first, its primary key is built once from them
 * (a sort), and the table is attached. Inserting them one index entry at a time into a live index
 * cost 2.5-3.5 us a row; the build costs about 0.6 (README "Digests by month"). The primary key
 * leads with the digest: within a month partition the state and the month are constant, and a
 * build sorted on the digest alone uses PostgreSQL's abbreviated uuid keys (1.6-1.8 s for 2.73M
 * digests, against 4.5-10 s led by state_fips and month). A probe by (state, month, digest) still
 * prunes to one partition and uses the key; a family's digest range is a range of the key.
 *
 * The functions are the one definition of the month partitions, for this migration and for the
 * load (libs/claims/src/staging/digest-months.sql.ts):
 * - claim_digest_state_table(fips): the state's partition (the DEFAULT one, `_other`, for a state
 *   without its own);
 * - claim_digest_months(parent): the months that have a partition under it;
 * - claim_digest_month_table(parent, month): a new, detached table for that month, named
 *   `<parent>_<YYYY>_<MM>`, with a CHECK that matches its partition bounds (so attaching it does
 *   not scan it);
 * - claim_digest_attach_month(parent, month, table): builds its primary key and attaches it.
 *
 * Existing digests are moved month by month into the new partitions.
 */
export class DigestMonthPartitions1765400000000 implements MigrationInterface {
  name = 'DigestMonthPartitions1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION claim_digest_state_table(fips char(2)) RETURNS regclass
        LANGUAGE sql STABLE
        AS $$ SELECT coalesce(to_regclass('claim_version_digest_' || fips), 'claim_version_digest_other'::regclass) $$`);
    await q.query(`
      CREATE FUNCTION claim_digest_months(parent regclass) RETURNS integer[]
        LANGUAGE sql STABLE
        AS $$ SELECT coalesce(array_agg(m ORDER BY m), '{}') FROM (
                SELECT (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\((-?\\d+)\\)'))[1]::integer AS m
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent = parent) p $$`);
    await q.query(`
      CREATE FUNCTION claim_digest_month_table(parent regclass, month integer) RETURNS regclass
        LANGUAGE plpgsql
        AS $$
        DECLARE
          name text := format('%s_%s', parent::text,
                              to_char(date '2000-01-01' + make_interval(months => month), 'YYYY_MM'));
          state_check text := CASE WHEN parent::text = 'claim_version_digest_other' THEN ''
                                   ELSE format('state_fips = %L AND ', right(parent::text, 2)) END;
        BEGIN
          EXECUTE format('CREATE TABLE %I (LIKE claim_version_digest, CHECK (%sadjudication_month = %s))',
                         name, state_check, month);
          RETURN name::regclass;
        END $$`);
    await q.query(`
      CREATE FUNCTION claim_digest_attach_month(parent regclass, month integer, month_table regclass) RETURNS void
        LANGUAGE plpgsql
        AS $$
        BEGIN
          EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (digest, state_fips, adjudication_month)', month_table);
          EXECUTE format('ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM (%s) TO (%s)',
                         parent, month_table, month, month + 1);
        END $$`);
    await q.query(`
      DO $$
      DECLARE
        part record;
        old_table text;
        month integer;
        month_table regclass;
      BEGIN
        -- Detach every state partition and keep its rows aside; the partitioned key changes.
        CREATE TEMP TABLE digest_partition ON COMMIT DROP AS
          SELECT c.relname::text AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'claim_version_digest'::regclass;
        FOR part IN SELECT * FROM digest_partition LOOP
          EXECUTE format('ALTER TABLE claim_version_digest DETACH PARTITION %I', part.name);
          EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', part.name, part.name || '_pkey');
          EXECUTE format('ALTER TABLE %I RENAME TO %I', part.name, part.name || '_old');
        END LOOP;
        ALTER TABLE claim_version_digest DROP CONSTRAINT claim_version_digest_pkey;
        ALTER TABLE claim_version_digest ADD PRIMARY KEY (digest, state_fips, adjudication_month);
        FOR part IN SELECT * FROM digest_partition ORDER BY name LOOP
          EXECUTE format('CREATE TABLE %I PARTITION OF claim_version_digest %s PARTITION BY RANGE (adjudication_month)',
                         part.name, part.bound);
          old_table := part.name || '_old';
          FOR month IN EXECUTE format('SELECT DISTINCT adjudication_month FROM %I ORDER BY 1', old_table) LOOP
            month_table := claim_digest_month_table(part.name::regclass, month);
            EXECUTE format('INSERT INTO %s SELECT state_fips, digest, receipt_seq, record_number, position,
                                   adjudication_date, adjustment_ind, type_of_claim, claim_status, adjudication_month
                              FROM %I WHERE adjudication_month = %s ORDER BY digest', month_table, old_table, month);
            PERFORM claim_digest_attach_month(part.name::regclass, month, month_table);
          END LOOP;
          EXECUTE format('DROP TABLE %I', old_table);
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      DECLARE
        part record;
      BEGIN
        CREATE TEMP TABLE digest_partition ON COMMIT DROP AS
          SELECT c.relname::text AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'claim_version_digest'::regclass;
        FOR part IN SELECT * FROM digest_partition LOOP
          EXECUTE format('CREATE TABLE %I (LIKE claim_version_digest)', part.name || '_flat');
          EXECUTE format('INSERT INTO %I SELECT * FROM %I', part.name || '_flat', part.name);
          EXECUTE format('DROP TABLE %I', part.name);
          EXECUTE format('ALTER TABLE %I RENAME TO %I', part.name || '_flat', part.name);
        END LOOP;
        ALTER TABLE claim_version_digest DROP CONSTRAINT claim_version_digest_pkey;
        ALTER TABLE claim_version_digest ADD PRIMARY KEY (state_fips, adjudication_month, digest);
        FOR part IN SELECT * FROM digest_partition LOOP
          EXECUTE format('ALTER TABLE claim_version_digest ATTACH PARTITION %I %s', part.name, part.bound);
        END LOOP;
      END $$`);
    await q.query(`DROP FUNCTION claim_digest_attach_month(regclass, integer, regclass)`);
    await q.query(`DROP FUNCTION claim_digest_month_table(regclass, integer)`);
    await q.query(`DROP FUNCTION claim_digest_months(regclass)`);
    await q.query(`DROP FUNCTION claim_digest_state_table(char)`);
  }
}
