import type { EntityManager } from 'typeorm';
import type { OutcomeObservation } from '../rules';

/**
 * The state's outcome observations that are not withdrawn, as the rules take them
 * (REPORTED_EVENT benchmarks, rebate-rules section 5): keyed by the episode key they were
 * reported against. Runs on the caller's transaction, under the state's advisory lock.
 */
export async function readOutcomeObservations(
  manager: EntityManager,
  stateCode: string,
): Promise<OutcomeObservation[]> {
  const rows = await manager.query<
    { id: string; episode_key: string; event_date: string; event_code: string; evidence_ref: string }[]
  >(
    `SELECT o.id::text, e.episode_key, o.event_date::text, o.event_code, o.evidence_ref
       FROM outcome_observation o JOIN episode e ON e.id = o.episode_id
      WHERE o.state_code = $1 AND o.withdrawn_at IS NULL
      ORDER BY o.event_date, o.id`,
    [stateCode],
  );
  return rows.map((row) => ({
    id: row.id,
    episodeKey: row.episode_key,
    eventDate: row.event_date,
    eventCode: row.event_code,
    evidenceRef: row.evidence_ref,
  }));
}
