import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The families that matter, as in claim_version: those with a detailed version. */
const RELEVANT_FAMILY = `EXISTS (SELECT 1 FROM claim_version d
                 WHERE d.detailed AND d.state_fips = v.state_fips AND d.icn_orig = v.icn_orig)`;

/**
 * Keep only what the rules need (docs/architecture.md "Claim versions and digests"):
 * every claim version ever received leaves a 128-bit digest of its version key in
 * claim_version_digest (partitioned by state) with the few facts final action needs
 * (adjudication date, receipt, record number, adjustment indicator, type and status), which is
 * what exact repeat counting and a family that becomes relevant later need. claim_version keeps
 * only the families that matter: compact versions of other families move to the digest table.
 * A version whose family became relevant after it was received is copied back from its digest
 * without its ICN-ADJ (unknown there; the rules never read it for such a version): icn_adj may
 * be NULL.
 */
export class ClaimVersionDigest1764300000000 implements MigrationInterface {
  name = 'ClaimVersionDigest1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // The first 64 bits name the family, the last 64 the whole version key: a family's digests are
    // one range of the primary key. Dates as day numbers: no DateStyle in an immutable function.
    await q.query(`
      CREATE FUNCTION claim_family_digest(state text, icn_orig text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT left(md5(state || '|' || icn_orig), 16) $$`);
    await q.query(`
      CREATE FUNCTION claim_version_digest(state text, icn_orig text, icn_adj text, adjudication_date date,
                                           adjustment_ind text) RETURNS uuid
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT (left(md5(state || '|' || icn_orig), 16)
                      || left(md5(state || '|' || icn_orig || '|' || icn_adj || '|'
                                  || (adjudication_date - date '2000-01-01') || '|' || adjustment_ind), 16))::uuid $$`);
    await q.query(`
      CREATE TABLE claim_version_digest (
        state_fips char(2) NOT NULL,
        digest uuid NOT NULL,
        receipt_seq bigint NOT NULL,
        record_number bigint NOT NULL,
        position bigint NOT NULL,
        adjudication_date date NOT NULL,
        adjustment_ind text NOT NULL,
        type_of_claim text NOT NULL,
        claim_status text NOT NULL,
        PRIMARY KEY (state_fips, digest)
      ) PARTITION BY LIST (state_fips)`);
    await q.query(`
      DO $$
      DECLARE fips text;
      BEGIN
        FOR fips IN SELECT fips_code FROM jurisdiction ORDER BY fips_code LOOP
          EXECUTE format('CREATE TABLE claim_version_digest_%s PARTITION OF claim_version_digest FOR VALUES IN (%L)',
                         fips, fips);
        END LOOP;
      END $$`);
    await q.query(`CREATE TABLE claim_version_digest_other PARTITION OF claim_version_digest DEFAULT`);

    await q.query(`
      INSERT INTO claim_version_digest
        (state_fips, digest, receipt_seq, record_number, position, adjudication_date, adjustment_ind, type_of_claim,
         claim_status)
      SELECT state_fips, claim_version_digest(state_fips, icn_orig, icn_adj, adjudication_date, adjustment_ind),
             receipt_seq, record_number, position, adjudication_date, adjustment_ind, type_of_claim, claim_status
        FROM claim_version
      ON CONFLICT DO NOTHING`);
    await q.query(`
      UPDATE reconciliation_exception e SET claim_version_id = NULL
        FROM claim_version v
       WHERE e.claim_version_id = v.id AND NOT v.detailed AND NOT ${RELEVANT_FAMILY}`);
    await q.query(`DELETE FROM claim_version v WHERE NOT v.detailed AND NOT ${RELEVANT_FAMILY}`);
    await q.query(`ALTER TABLE claim_version ALTER COLUMN icn_adj DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM claim_version WHERE icn_adj IS NULL`);
    await q.query(`ALTER TABLE claim_version ALTER COLUMN icn_adj SET NOT NULL`);
    await q.query(`DROP TABLE claim_version_digest`);
    await q.query(`DROP FUNCTION claim_version_digest(text, text, text, date, text)`);
    await q.query(`DROP FUNCTION claim_family_digest(text, text)`);
  }
}
