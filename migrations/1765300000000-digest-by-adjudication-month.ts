import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * claim_version_digest's primary key leads with the version's adjudication month:
 * (state_fips, adjudication_month, digest). A digest hashes ADJUDICATION-DATE, so a repeat has the
 * same month and is still one index probe. But a monthly file's versions are adjudicated in its
 * own month or near it, so its sorted inserts land in a few months' stretch of the index (for a
 * new month, at its right edge) instead of on every leaf page of the state's whole history: past
 * PostgreSQL's shared_buffers that meant reading, dirtying and logging the whole index for each
 * file, so the per-file cost grew with the history. A family's versions are one digest range per
 * month present (libs/claims/src/staging).
 *
 * `adjudication_month` counts months from January 2000 (0), negative before. Each staged header
 * gets it as it is COPYed in (a stored generated column, computed beside the parse); the digest
 * table takes it from there, so the load's apply step computes nothing. date_part (double
 * precision) rather than extract (numeric): a third of the cost per row.
 */
export class DigestByAdjudicationMonth1765300000000 implements MigrationInterface {
  name = 'DigestByAdjudicationMonth1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION claim_adjudication_month(adjudication_date date) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT ((date_part('year', adjudication_date) - 2000) * 12
                      + date_part('month', adjudication_date) - 1)::integer $$`);
    await q.query(`
      ALTER TABLE claim_stage_header
        ADD COLUMN adjudication_month integer NOT NULL
        GENERATED ALWAYS AS (claim_adjudication_month(adjudication_date)) STORED`);
    // Computed once for the rows there, then an ordinary column filled from the staged headers.
    await q.query(`
      ALTER TABLE claim_version_digest
        ADD COLUMN adjudication_month integer NOT NULL
        GENERATED ALWAYS AS (claim_adjudication_month(adjudication_date)) STORED`);
    await q.query(`ALTER TABLE claim_version_digest ALTER COLUMN adjudication_month DROP EXPRESSION`);
    await q.query(`ALTER TABLE claim_version_digest DROP CONSTRAINT claim_version_digest_pkey`);
    await q.query(`ALTER TABLE claim_version_digest ADD PRIMARY KEY (state_fips, adjudication_month, digest)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claim_version_digest DROP CONSTRAINT claim_version_digest_pkey`);
    await q.query(`ALTER TABLE claim_version_digest DROP COLUMN adjudication_month`);
    await q.query(`ALTER TABLE claim_version_digest ADD PRIMARY KEY (state_fips, digest)`);
    await q.query(`ALTER TABLE claim_stage_header DROP COLUMN adjudication_month`);
    await q.query(`DROP FUNCTION claim_adjudication_month(date)`);
  }
}
