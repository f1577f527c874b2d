import { maxDec, minDec, roundCents, ZERO, type Dec, type IsoDate } from '@lib/common';
import { compareText } from './effective-dates';

/** Section 5: GUARANTEED = round(W x g). */
export function guaranteedAmount(wac: Dec, guaranteedRebatePct: Dec): Dec {
  return roundCents(wac.times(guaranteedRebatePct));
}

/** Section 5: the most all supplemental rebates of one episode may add up to, round(W x cap). */
export function capAmountOf(wac: Dec, supplementalCapPct: Dec): Dec {
  return roundCents(wac.times(supplementalCapPct));
}

/** Section 5: an outcome tier's amount before the cap, round(W x rebatePct). */
export function outcomeAmount(wac: Dec, rebatePct: Dec): Dec {
  return roundCents(wac.times(rebatePct));
}

/**
 * Section 6: VOLUME = round(W x p) cut to round(W x cap) - GUARANTEED. The cut never goes below
 * zero: a guaranteed rebate above the cap (the documents do not cut GUARANTEED) leaves nothing.
 */
export function volumeAmount(wac: Dec, pct: Dec, capAmount: Dec, guaranteed: Dec): Dec {
  return minDec(roundCents(wac.times(pct)), maxDec(capAmount.minus(guaranteed), ZERO));
}

export interface UncappedOutcome {
  benchmarkCode: string;
  eventDate: IsoDate;
  uncapped: Dec;
}

/**
 * Section 5 cap: headroom = round(W x cap) - GUARANTEED - VOLUME; outcome amounts are taken in
 * order of event date, then benchmark code, each cut to the headroom left (never below zero).
 * Returns the capped amount per benchmark code.
 */
export function capOutcomes(outcomes: readonly UncappedOutcome[], headroom: Dec): Map<string, Dec> {
  const ordered = [...outcomes].sort(
    (a, b) => compareText(a.eventDate, b.eventDate) || compareText(a.benchmarkCode, b.benchmarkCode),
  );
  const capped = new Map<string, Dec>();
  let left = maxDec(headroom, ZERO);
  for (const o of ordered) {
    const amount = minDec(o.uncapped, left);
    capped.set(o.benchmarkCode, amount);
    left = left.minus(amount);
  }
  return capped;
}
