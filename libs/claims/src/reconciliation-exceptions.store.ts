import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** An exception the reconciliation rules derive from a claim version (not the loader's `R`). */
export interface DerivedException {
  code: string;
  versionId: string;
  submissionId: string;
  recordNumber: number;
  icn: string;
  /** The stored episode the exception concerns, if any. */
  episodeId: string | null;
  reason: string;
}

/**
 * Writes `reconciliation_exception` for the reconciliation (the claims library declares the
 * table; the loader writes `R` rows in claim-staging.sql.ts). Derived exceptions stay open while
 * the inputs produce them; vanished ones are resolved, both stamped with the cause. With a
 * `scope`, the derived exceptions of other versions are left as they are: the reconciliation
 * looked at those versions only (docs/architecture.md "Reconciliation scope").
 */
@Injectable()
export class ReconciliationExceptionsStore {
  async syncDerived(
    manager: EntityManager,
    stateCode: string,
    exceptions: readonly DerivedException[],
    causeLabel: string,
    scope?: { versionIds: readonly string[] },
  ): Promise<{ raised: number; resolved: number }> {
    const open = await manager.query<{ id: string; code: string; claim_version_id: string }[]>(
      scope
        ? `SELECT id::text, code, claim_version_id::text FROM reconciliation_exception
            WHERE claim_version_id = ANY($2::bigint[]) AND derived AND resolved_at IS NULL AND state_code = $1`
        : `SELECT id::text, code, claim_version_id::text FROM reconciliation_exception
            WHERE state_code = $1 AND derived AND resolved_at IS NULL`,
      scope ? [stateCode, scope.versionIds] : [stateCode],
    );
    const keyOf = (code: string, versionId: string) => `${code}|${versionId}`;
    const openKeys = new Map(open.map((row) => [keyOf(row.code, row.claim_version_id), row.id]));
    const currentKeys = new Set(exceptions.map((e) => keyOf(e.code, e.versionId)));
    const fresh = exceptions.filter((e) => !openKeys.has(keyOf(e.code, e.versionId)));
    const gone = [...openKeys.entries()].filter(([key]) => !currentKeys.has(key)).map(([, id]) => id);
    if (fresh.length) {
      await manager.query(
        `INSERT INTO reconciliation_exception (submission_id, state_code, code, record_number, icn_orig, claim_version_id,
                                               reason, derived, episode_id, raised_by_cause)
         SELECT x.submission_id, $1, x.code, x.record_number, x.icn, x.version_id, x.reason, true, x.episode_id, $2
           FROM unnest($3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::bigint[], $8::text[], $9::uuid[])
             AS x(submission_id, code, record_number, icn, version_id, reason, episode_id)`,
        [
          stateCode,
          causeLabel,
          fresh.map((e) => e.submissionId),
          fresh.map((e) => e.code),
          fresh.map((e) => e.recordNumber),
          fresh.map((e) => e.icn),
          fresh.map((e) => e.versionId),
          fresh.map((e) => e.reason),
          fresh.map((e) => e.episodeId),
        ],
      );
    }
    if (gone.length) {
      await manager.query(
        `UPDATE reconciliation_exception SET resolved_at = now(), resolved_by_cause = $2 WHERE id = ANY($1::bigint[])`,
        [gone, causeLabel],
      );
    }
    return { raised: fresh.length, resolved: gone.length };
  }
}
