import { describeMoney } from './plain-language';
import { type Candidate, type EpisodeGroup, type LaterCandidate } from './candidates';
import { type EpisodeWarning } from './eligibility';
import { isVoid } from './final-action';
import { type ClaimException, type ClaimVersion, type Episode, type ExceptionCode } from './types';

/** Every exception names the submission, the record number and the ICN (rebate-rules section 4). */
export function exceptionOn(
  version: ClaimVersion,
  code: ExceptionCode,
  episodeKey: string | null,
  reason: string,
): ClaimException {
  return {
    code,
    versionId: version.id,
    submissionId: version.submissionId,
    recordNumber: version.recordNumber,
    icn: version.icnOrig,
    episodeKey,
    reason,
  };
}

function describeAdministration(c: Candidate): string {
  return `${c.product.code} administration dated ${c.date} (ICN ${c.version.icnOrig}, paid ${describeMoney(c.paid)})`;
}

/** Section 3: a later candidate earns nothing; `M` on the index's date, `L` after it. */
export function laterCandidateException(later: LaterCandidate, group: EpisodeGroup): ClaimException {
  const { candidate, code } = later;
  const what =
    code === 'M'
      ? `Duplicate administration: the beneficiary's ${describeAdministration(group.index)} is already counted ` +
        `for the same date.`
      : `Later administration: the beneficiary's first ${describeAdministration(group.index)} is already counted, ` +
        `and ${candidate.product.code} is one treatment per lifetime.`;
  return exceptionOn(
    candidate.version,
    code,
    group.episodeKey,
    `${what} This claim (${candidate.date}, paid ${describeMoney(candidate.paid)}) earns no rebate.`,
  );
}

/** Section 4: an INELIGIBLE episode's code on its index claim. */
export function ineligibleException(episode: Episode, index: Candidate): ClaimException[] {
  if (episode.ineligibleCode === null) return [];
  const reason = `${describeAdministration(index)} is not rebate eligible. ${episode.ineligibleReason ?? ''}`.trim();
  return [exceptionOn(index.version, episode.ineligibleCode, episode.episodeKey, reason)];
}

/** Section 4 warnings `D` and `P` on an ELIGIBLE episode's index claim. */
export function warningExceptions(episode: Episode, index: Candidate, warnings: EpisodeWarning[]): ClaimException[] {
  return warnings.map((w) => exceptionOn(index.version, w.code, episode.episodeKey, w.reason));
}

/**
 * Section 4 `V`: a void or replacement whose family has no other version yet. A lone void counts
 * for nothing; a lone replacement is used as it stands (it carries the complete claim).
 */
export function orphanAdjustmentException(
  family: readonly ClaimVersion[],
  episodeKey: string | null,
): ClaimException[] {
  if (family.length !== 1) return [];
  const [version] = family;
  if (isVoid(version)) {
    return [
      exceptionOn(
        version,
        'V',
        episodeKey,
        `Void of ICN ${version.icnOrig} (adjusting ICN ${version.icnAdj ?? 'blank'}, adjudicated ` +
          `${version.adjudicationDate}) received, but no other version of this claim has been received.`,
      ),
    ];
  }
  if (version.adjustmentInd === '4') {
    return [
      exceptionOn(
        version,
        'V',
        episodeKey,
        `Replacement of ICN ${version.icnOrig} (adjusting ICN ${version.icnAdj ?? 'blank'}, adjudicated ` +
          `${version.adjudicationDate}) received, but the original claim has not been received; ` +
          `the replacement is used as it stands.`,
      ),
    ];
  }
  return [];
}
