import { ZERO, type Dec, type IsoDate } from '@lib/common';
import { contractYearOf } from './effective-dates';
import { type VolumeRate, type VolumeTier } from './types';

/**
 * rebate-rules section 6, year close: n = ELIGIBLE episodes in all states dated in the year; the
 * highest tier with minTreatments <= n is reached (null when none is).
 */
export function reachedVolumeTier(tiers: readonly VolumeTier[], eligibleEpisodes: number): VolumeTier | null {
  const reached = tiers.filter((t) => t.minTreatments <= eligibleEpisodes);
  if (reached.length === 0) return null;
  return reached.reduce((best, t) => (t.minTreatments > best.minTreatments ? t : best));
}

/** Section 6: p, the additional rebate of the tier reached (0 when no tier is reached). */
export function volumeTierPct(tiers: readonly VolumeTier[], eligibleEpisodes: number): Dec {
  return reachedVolumeTier(tiers, eligibleEpisodes)?.additionalRebatePct ?? ZERO;
}

/** Section 6: the in-force close of the episode's contract year (calendar year of its date), if any. */
export function volumeRateFor(
  rates: readonly VolumeRate[],
  agreementId: string,
  administrationDate: IsoDate,
): Dec | null {
  const year = contractYearOf(administrationDate);
  const rate = rates.filter((r) => r.agreementId === agreementId && r.year === year).at(-1);
  return rate?.pct ?? null;
}
