import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each staged claim header carries its version-key digest, computed by PostgreSQL as the row is
 * COPYed in. The COPY runs while the worker is still parsing the file, on the other core; the
 * digest was computed before in the load's apply step, after the whole file was read and under
 * the state's lock (0.4 s of a 1M-record file's 2.3 s apply), and once more for each repeat.
 */
export class StagedHeaderDigest1765200001000 implements MigrationInterface {
  name = 'StagedHeaderDigest1765200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE claim_stage_header
        ADD COLUMN digest uuid NOT NULL
        GENERATED ALWAYS AS (claim_version_digest(state, icn_orig, icn_adj, adjudication_date, adjustment_ind)) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claim_stage_header DROP COLUMN digest`);
  }
}
