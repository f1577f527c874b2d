import { type ObservationMove, type OutcomeObservation } from './types';

/**
 * (state, product, beneficiary) of an episode key (`state|product|msis|icn`, candidates.ts
 * episodeKeyOf), or null when the key names no beneficiary (a claim without MSIS id stands alone).
 */
export function beneficiaryOfEpisodeKey(episodeKey: string): string | null {
  const parts = episodeKey.split('|');
  if (parts.length !== 4 || parts[2] === '') return null;
  return parts.slice(0, 3).join('|');
}

/**
 * Observations follow their beneficiary's episode: an episode's identity includes its
 * index claim (rebate-rules section 3), so an earlier administration received later, or a voided
 * index, re-keys the beneficiary's episode. An observation reported on an episode the rules no
 * longer produce belongs to the episode they now produce for the same state, product and
 * beneficiary, if any; it then counts there (its months from the new administration date).
 */
export function followBeneficiaries(
  observations: readonly OutcomeObservation[],
  episodeKeys: readonly string[],
): { observations: OutcomeObservation[]; moves: ObservationMove[] } {
  const current = new Set(episodeKeys);
  const byBeneficiary = new Map<string, string>();
  for (const key of episodeKeys) {
    const beneficiary = beneficiaryOfEpisodeKey(key);
    if (beneficiary !== null) byBeneficiary.set(beneficiary, key);
  }
  const moves: ObservationMove[] = [];
  const followed = observations.map((observation) => {
    if (current.has(observation.episodeKey)) return observation;
    const beneficiary = beneficiaryOfEpisodeKey(observation.episodeKey);
    const to = beneficiary === null ? undefined : byBeneficiary.get(beneficiary);
    if (to === undefined) return observation;
    moves.push({ observationId: observation.id, fromEpisodeKey: observation.episodeKey, toEpisodeKey: to });
    return { ...observation, episodeKey: to };
  });
  return { observations: followed, moves };
}
