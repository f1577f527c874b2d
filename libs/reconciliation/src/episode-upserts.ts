import type { EntityManager } from 'typeorm';
import type { Episode } from './rules';

/** An episode as the reconciliation stores it: the rules' episode and what the service adds. */
export interface EpisodeUpsert {
  episode: Episode;
  episodeRef: string;
  labelerCode: string;
  fingerprint: string;
}

export interface UpsertedEpisode {
  id: string;
  episodeKey: string;
  /** False when an episode with the key was there and was updated. */
  inserted: boolean;
}

/**
 * Rows a statement carries: 24 arrays of this many values stay far below the protocol's limits,
 * and a large whole-state reconciliation (thousands of changed episodes) takes a few statements.
 */
const ROWS_PER_STATEMENT = 2000;

/**
 * Inserts the episodes, or updates those whose key is stored, as one statement per
 * ROWS_PER_STATEMENT rows (a round trip per episode cost ~0.5 ms each: a third of a first
 * reconciliation of 700 episodes). An episode that is created keeps `cause` as its creating cause.
 * Keys must be distinct: one statement cannot change the same row twice.
 */
export async function upsertEpisodes(
  manager: EntityManager,
  stateCode: string,
  rows: readonly EpisodeUpsert[],
  cause: string,
): Promise<UpsertedEpisode[]> {
  const keys = new Set(rows.map((row) => row.episode.episodeKey));
  if (keys.size !== rows.length) throw new Error('The episodes to store repeat an episode key');
  const upserted: UpsertedEpisode[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    upserted.push(...(await upsertChunk(manager, stateCode, rows.slice(start, start + ROWS_PER_STATEMENT), cause)));
  }
  return upserted;
}

async function upsertChunk(
  manager: EntityManager,
  stateCode: string,
  rows: readonly EpisodeUpsert[],
  cause: string,
): Promise<UpsertedEpisode[]> {
  const column = <T>(value: (row: EpisodeUpsert) => T): T[] => rows.map(value);
  const result = await manager.query<{ id: string; episode_key: string; inserted: boolean }[]>(
    `INSERT INTO episode (episode_key, episode_ref, state_code, product_id, labeler_code, msis_id, index_icn,
                          index_claim_version_id, administration_date, ndc11, paid, status, ineligible_code,
                          ineligible_reason, warnings, agreement_id, terms_version_id, wac, guaranteed_rebate_pct,
                          cap_amount, benchmarks, desired, fingerprint, created_by_cause, updated_by_cause)
     SELECT e.episode_key, e.episode_ref, $1, e.product_id, e.labeler_code, e.msis_id, e.index_icn,
            e.index_claim_version_id, e.administration_date, e.ndc11, e.paid, e.status, e.ineligible_code,
            e.ineligible_reason, ARRAY(SELECT w FROM jsonb_array_elements_text(e.warnings) WITH ORDINALITY AS x(w, n) ORDER BY n),
            e.agreement_id,
            e.terms_version_id, e.wac, e.guaranteed_rebate_pct, e.cap_amount, e.benchmarks, e.desired, e.fingerprint,
            $2, $2
       FROM unnest($3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::date[],
                   $11::text[], $12::numeric[], $13::text[], $14::text[], $15::text[], $16::jsonb[], $17::uuid[],
                   $18::uuid[], $19::numeric[], $20::numeric[], $21::numeric[], $22::jsonb[], $23::jsonb[], $24::text[])
         AS e(episode_key, episode_ref, product_id, labeler_code, msis_id, index_icn, index_claim_version_id,
              administration_date, ndc11, paid, status, ineligible_code, ineligible_reason, warnings, agreement_id,
              terms_version_id, wac, guaranteed_rebate_pct, cap_amount, benchmarks, desired, fingerprint)
     ON CONFLICT (episode_key) DO UPDATE SET
       index_claim_version_id = EXCLUDED.index_claim_version_id, administration_date = EXCLUDED.administration_date,
       ndc11 = EXCLUDED.ndc11, paid = EXCLUDED.paid, status = EXCLUDED.status,
       ineligible_code = EXCLUDED.ineligible_code, ineligible_reason = EXCLUDED.ineligible_reason,
       warnings = EXCLUDED.warnings, agreement_id = EXCLUDED.agreement_id, terms_version_id = EXCLUDED.terms_version_id,
       wac = EXCLUDED.wac, guaranteed_rebate_pct = EXCLUDED.guaranteed_rebate_pct, cap_amount = EXCLUDED.cap_amount,
       benchmarks = EXCLUDED.benchmarks, desired = EXCLUDED.desired, fingerprint = EXCLUDED.fingerprint,
       updated_by_cause = EXCLUDED.updated_by_cause,
       updated_at = now()
     RETURNING id, episode_key, (xmax = 0) AS inserted`,
    [
      stateCode,
      cause,
      column((r) => r.episode.episodeKey),
      column((r) => r.episodeRef),
      column((r) => r.episode.productId),
      column((r) => r.labelerCode),
      column((r) => r.episode.msisId),
      column((r) => r.episode.indexIcn),
      column((r) => r.episode.indexVersionId),
      column((r) => r.episode.administrationDate),
      column((r) => r.episode.ndc11),
      column((r) => r.episode.paid.toFixed(2)),
      column((r) => r.episode.status),
      column((r) => r.episode.ineligibleCode),
      column((r) => r.episode.ineligibleReason),
      column((r) => JSON.stringify(r.episode.warnings)),
      column((r) => r.episode.agreementId),
      column((r) => r.episode.termsVersionId),
      column((r) => r.episode.wac?.toFixed() ?? null),
      column((r) => r.episode.guaranteedRebatePct?.toFixed() ?? null),
      column((r) => r.episode.capAmount?.toFixed(2) ?? null),
      column((r) => JSON.stringify(r.episode.benchmarks)),
      column((r) => JSON.stringify(r.episode.desired)),
      column((r) => r.fingerprint),
    ],
  );
  if (result.length !== rows.length) throw new Error(`Episode upsert stored ${result.length} of ${rows.length} rows`);
  return result.map((row) => ({ id: row.id, episodeKey: row.episode_key, inserted: row.inserted }));
}
