import type { IsoDate } from '@lib/common';

/**
 * rebate-rules section 1: an executed amendment replaces the terms for administrations dated on
 * or after its effective date; earlier ones keep the terms they were made under. Given the
 * executed versions (the original with `effectiveFrom` null), the one in force on `date`. Pure.
 */
export function versionInForce<T extends { effectiveFrom: IsoDate | null }>(
  versions: readonly T[],
  date: IsoDate,
): T | null {
  let best: T | null = null;
  for (const version of versions) {
    if (version.effectiveFrom === null) {
      if (best === null) best = version;
    } else if (version.effectiveFrom <= date && (best?.effectiveFrom ?? '') <= version.effectiveFrom) {
      best = version;
    }
  }
  return best;
}
