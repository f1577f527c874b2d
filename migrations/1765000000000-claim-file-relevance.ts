import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relevance each stored claim file was loaded with (design-notes "Keep only what matters,
 * but decide it correctly"): when executed terms or the catalog widen what matters, the files
 * loaded under narrower relevance are re-read for the newly relevant families (libs/claims
 * src/reread). `loaded_relevance` holds the canonical relevance (diagnosis prefixes, catalog
 * NDCs, CGT HCPCS codes) the file was loaded or last re-read with; `relevance_reread_pending`
 * marks a file re-read whose state has not been reconciled since (cleared in the transaction of
 * that reconciliation). Files completed before this migration are taken as loaded with the
 * relevance in force now.
 */
export class ClaimFileRelevance1765000000000 implements MigrationInterface {
  name = 'ClaimFileRelevance1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE claim_submission
        ADD COLUMN loaded_relevance jsonb,
        ADD COLUMN relevance_reread_pending boolean NOT NULL DEFAULT false`);
    await q.query(`
      UPDATE claim_submission SET loaded_relevance = jsonb_build_object(
        'diagnosisPrefixes', (SELECT coalesce(jsonb_agg(p ORDER BY p), '[]'::jsonb) FROM (
            SELECT DISTINCT upper(btrim(prefix)) AS p FROM (
              SELECT 'D57' AS prefix
              UNION ALL
              SELECT unnest(b.diagnosis_prefixes) FROM outcome_benchmark b
                JOIN agreement_version v ON v.id = b.version_id WHERE v.status = 'EXECUTED') all_prefixes
             WHERE btrim(prefix) <> '') prefixes),
        'ndc11s', (SELECT coalesce(jsonb_agg(ndc11 ORDER BY ndc11), '[]'::jsonb)
                     FROM (SELECT DISTINCT ndc11::text AS ndc11 FROM product_ndc) n),
        'hcpcs', (SELECT coalesce(jsonb_agg(hcpcs_code ORDER BY hcpcs_code), '[]'::jsonb)
                    FROM (SELECT DISTINCT hcpcs_code FROM product_hcpcs) h))
       WHERE status = 'COMPLETED'`);
    await q.query(
      `CREATE INDEX claim_submission_reread_pending_idx ON claim_submission (state_code) WHERE relevance_reread_pending`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claim_submission_reread_pending_idx`);
    await q.query(`ALTER TABLE claim_submission DROP COLUMN relevance_reread_pending, DROP COLUMN loaded_relevance`);
  }
}
