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

/** One outcome an episode earns before the cap: the benchmark, its event date and its tier's rebate %. */
export interface TieredOutcome {
  benchmarkCode: string;
  eventDate: IsoDate;
  rebatePct: Dec;
}

export interface EpisodeAmountsInput {
  wac: Dec;
  guaranteedRebatePct: Dec;
  supplementalCapPct: Dec;
  /** The in-force volume rate of the episode's contract year; null while the year is not closed. */
  volumePct: Dec | null;
  outcomes: readonly TieredOutcome[];
}

export interface EpisodeAmounts {
  cap: Dec;
  guaranteed: Dec;
  volume: Dec;
  /** round(W x rebatePct) per benchmark code, before the cap. */
  uncapped: Map<string, Dec>;
  /** After the cap chain, per benchmark code. */
  outcomes: Map<string, Dec>;
}

/**
 * Sections 5 and 6, the money of one ELIGIBLE episode: the cap is filled in the same order
 * always, GUARANTEED, then VOLUME (cut to the cap left after GUARANTEED), then the OUTCOME
 * amounts by event date and benchmark code, each cut to the headroom left. The ledger
 * (episodes.ts) and the term-sheet simulator (libs/simulator) both price episodes here.
 */
export function episodeAmounts(input: EpisodeAmountsInput): EpisodeAmounts {
  const cap = capAmountOf(input.wac, input.supplementalCapPct);
  const guaranteed = guaranteedAmount(input.wac, input.guaranteedRebatePct);
  const volume = input.volumePct === null ? ZERO : volumeAmount(input.wac, input.volumePct, cap, guaranteed);
  const uncapped = new Map(input.outcomes.map((o) => [o.benchmarkCode, outcomeAmount(input.wac, o.rebatePct)]));
  const outcomes = capOutcomes(
    input.outcomes.map((o) => ({
      benchmarkCode: o.benchmarkCode,
      eventDate: o.eventDate,
      uncapped: uncapped.get(o.benchmarkCode) ?? ZERO,
    })),
    cap.minus(guaranteed).minus(volume),
  );
  return { cap, guaranteed, volume, uncapped, outcomes };
}
