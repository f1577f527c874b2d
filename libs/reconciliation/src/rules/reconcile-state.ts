import { findCandidates, groupEpisodes } from './candidates';
import { compareText } from './effective-dates';
import { episodeLookups } from './episode-lookups';
import { buildEpisode } from './episodes';
import { followBeneficiaries } from './observation-follow';
import {
  ineligibleException,
  laterCandidateException,
  orphanAdjustmentException,
  warningExceptions,
} from './exceptions';
import { countsAsUtilization, finalActionOf, groupFamilies } from './final-action';
import {
  type ClaimException,
  type Episode,
  type ExceptionCode,
  type ReconcileStateInput,
  type ReconcileStateResult,
} from './types';

/** Exceptions read in receipt order: submission, record number, then code. */
const EXCEPTION_ORDER: readonly ExceptionCode[] = ['V', 'M', 'L', 'O', 'K', 'U', 'J', 'D', 'P'];

/**
 * Reconciles ONE state from its current inputs (rebate-rules sections 2-6 and 8): the episodes
 * with their desired amounts and every exception the inputs show. An episode that no longer
 * appears (its index voided, replaced away or denied) desires nothing: ledgerDeltas reverses it.
 */
export function reconcileState(input: ReconcileStateInput): ReconcileStateResult {
  const families = groupFamilies(input.versions);
  const counting = [...families.values()].map(finalActionOf).filter(countsAsUtilization);
  const groups = groupEpisodes(findCandidates(counting, input.catalog));
  const followed = followBeneficiaries(
    input.observations,
    groups.map((g) => g.episodeKey),
  );
  const ctxInput: ReconcileStateInput = { ...input, observations: followed.observations };
  const lookups = episodeLookups(counting, ctxInput);

  const episodes: Episode[] = [];
  const exceptions: ClaimException[] = [];
  const episodeByIndexVersion = new Map<string, string>();
  for (const group of groups) {
    const { episode, warnings } = buildEpisode(group, { input: ctxInput, lookups });
    episodes.push(episode);
    episodeByIndexVersion.set(group.index.version.id, episode.episodeKey);
    exceptions.push(...ineligibleException(episode, group.index));
    exceptions.push(...warningExceptions(episode, group.index, warnings));
    exceptions.push(...group.later.map((later) => laterCandidateException(later, group)));
  }
  for (const family of families.values()) {
    const only = family.length === 1 ? family[0] : null;
    exceptions.push(...orphanAdjustmentException(family, only ? (episodeByIndexVersion.get(only.id) ?? null) : null));
  }

  const receiptSeqOf = new Map(input.versions.map((v) => [v.id, v.receiptSeq]));
  const compareExceptions = (a: ClaimException, b: ClaimException): number =>
    (receiptSeqOf.get(a.versionId) ?? 0) - (receiptSeqOf.get(b.versionId) ?? 0) ||
    a.recordNumber - b.recordNumber ||
    EXCEPTION_ORDER.indexOf(a.code) - EXCEPTION_ORDER.indexOf(b.code);
  return {
    episodes: episodes.sort(compareEpisodes),
    exceptions: exceptions.sort(compareExceptions),
    observationMoves: followed.moves,
  };
}

function compareEpisodes(a: Episode, b: Episode): number {
  return (
    compareText(a.administrationDate, b.administrationDate) ||
    compareText(a.indexIcn, b.indexIcn) ||
    compareText(a.productId, b.productId)
  );
}
