import { groupBy } from '@lib/common';
import { type ClaimVersion, type DisputeOverride, type OutcomeObservation, type ReconcileStateInput } from './types';

/**
 * The state's inputs that one episode reads, found by key instead of by scanning the whole state
 * for every episode: the beneficiary's counting CLAIMIP versions (rebate-rules section 5, outcome
 * events), the episode's observations and its dispute overrides (section 8). Each list keeps the
 * order of the state's list, so the rules that read it (first event by (E, ICN-ORIG), the last
 * override of a component wins) decide exactly as over the whole list.
 */
export interface EpisodeLookups {
  /** Counting CLAIMIP versions of (state, MSIS id); none without an MSIS id. */
  cipVersionsOf(stateCode: string, msisId: string | null): readonly ClaimVersion[];
  observationsOf(episodeKey: string): readonly OutcomeObservation[];
  overridesOf(episodeKey: string): readonly DisputeOverride[];
}

const NONE: readonly never[] = [];

export function episodeLookups(
  counting: readonly ClaimVersion[],
  input: Pick<ReconcileStateInput, 'observations' | 'overrides'>,
): EpisodeLookups {
  const cipByState = new Map<string, Map<string, ClaimVersion[]>>();
  for (const [stateCode, versions] of groupBy(
    counting.filter((v) => v.fileType === 'CIP' && v.msisId !== null),
    (v) => v.stateCode,
  )) {
    cipByState.set(
      stateCode,
      groupBy(versions, (v) => v.msisId ?? ''),
    );
  }
  const observations = groupBy(input.observations, (o) => o.episodeKey);
  const overrides = groupBy(input.overrides, (o) => o.episodeKey);
  return {
    cipVersionsOf: (stateCode, msisId) => (msisId === null ? NONE : (cipByState.get(stateCode)?.get(msisId) ?? NONE)),
    observationsOf: (episodeKey) => observations.get(episodeKey) ?? NONE,
    overridesOf: (episodeKey) => overrides.get(episodeKey) ?? NONE,
  };
}
