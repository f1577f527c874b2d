import { type ClaimVersion } from './types';
import { compareText } from './effective-dates';

/** A claim family is (SUBMITTING-STATE, ICN-ORIG): tmsis-cgt-profile "Keys and coded values". */
export function familyKey(version: Pick<ClaimVersion, 'stateCode' | 'icnOrig'>): string {
  return `${version.stateCode}|${version.icnOrig}`;
}

/**
 * rebate-rules section 2.1: latest ADJUDICATION-DATE wins; on a tie the one received later
 * (later submission, then higher RECORD-NUMBER). Arrival order matters only as that tie-break.
 */
export function compareFinalActionOrder(a: ClaimVersion, b: ClaimVersion): number {
  return (
    compareText(a.adjudicationDate, b.adjudicationDate) ||
    a.receiptSeq - b.receiptSeq ||
    a.recordNumber - b.recordNumber
  );
}

export function groupFamilies(versions: readonly ClaimVersion[]): Map<string, ClaimVersion[]> {
  const families = new Map<string, ClaimVersion[]>();
  for (const version of versions) {
    const key = familyKey(version);
    const family = families.get(key);
    if (family) family.push(version);
    else families.set(key, [version]);
  }
  return families;
}

/** The final-action version of one family (section 2.1). */
export function finalActionOf(family: readonly ClaimVersion[]): ClaimVersion {
  if (family.length === 0) throw new Error('A claim family has at least one version');
  return family.reduce((best, v) => (compareFinalActionOrder(v, best) > 0 ? v : best));
}

export function isVoid(version: Pick<ClaimVersion, 'adjustmentInd'>): boolean {
  return version.adjustmentInd === '1';
}

/** tmsis-cgt-profile: TYPE-OF-CLAIM 1, 3, A, C are utilization; the rest are not. */
const UTILIZATION_TYPES: ReadonlySet<string> = new Set(['1', '3', 'A', 'C']);

/** CLAIM-STATUS-CATEGORY F2 = denied. */
const DENIED_STATUS = 'F2';

/**
 * rebate-rules section 2.2: a final action counts as utilization only if it is not a void,
 * TYPE-OF-CLAIM is 1, 3, A or C and CLAIM-STATUS-CATEGORY is not F2.
 */
export function countsAsUtilization(version: ClaimVersion): boolean {
  return !isVoid(version) && UTILIZATION_TYPES.has(version.typeOfClaim) && version.claimStatus !== DENIED_STATUS;
}

/** Section 2: the versions that count, one per family at most, in no particular order. */
export function countingVersions(versions: readonly ClaimVersion[]): ClaimVersion[] {
  return [...groupFamilies(versions).values()].map(finalActionOf).filter(countsAsUtilization);
}
