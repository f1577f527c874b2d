import { monthsBetween, roundCents, ZERO, type Dec, type IsoDate } from '@lib/common';
import {
  episodeAmounts,
  isInMeasurementPeriod,
  reachedVolumeTier,
  tierFor,
  type Benchmark,
  type ScheduleEntry,
  type TermSheet,
  type TieredOutcome,
} from '@lib/reconciliation';

/** Money in whole cents as a JS number: exact up to 2^53 cents (90 trillion dollars). */
export function toCents(amount: Dec): number {
  return Number(amount.times(100).toFixed(0));
}

/** The benchmarks in the cap chain's tie order (benchmark code, ordinal), as the ledger orders them. */
export function benchmarksInCodeOrder(terms: TermSheet): Benchmark[] {
  return [...terms.benchmarks].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * rebate-rules section 5 for one drawn or given event: does it count (after the washout, inside
 * the window), and which tier does it fall in? The same rule functions the ledger applies.
 */
export function tierOfEvent(benchmark: Benchmark, administrationDate: IsoDate, eventDate: IsoDate): number {
  if (!isInMeasurementPeriod(administrationDate, eventDate, benchmark)) return 0;
  const tier = tierFor(benchmark, monthsBetween(administrationDate, eventDate));
  return tier === null ? 0 : tierIndexOf(benchmark, tier.throughMonth);
}

/** 1-based index of a tier in ascending throughMonth order (0 = no tier). */
export function tierIndexOf(benchmark: Benchmark, throughMonth: number): number {
  const ascending = [...benchmark.tiers].sort((a, b) => a.throughMonth - b.throughMonth);
  return ascending.findIndex((t) => t.throughMonth === throughMonth) + 1;
}

function tierByIndex(benchmark: Benchmark, index: number): Benchmark['tiers'][number] {
  return [...benchmark.tiers].sort((a, b) => a.throughMonth - b.throughMonth)[index - 1];
}

/** Volume tiers ascending by minTreatments: level k (1-based) is the k-th; level 0 is none reached. */
export function volumeLevelOf(terms: TermSheet, eligibleEpisodes: number): number {
  const tier = reachedVolumeTier(terms.volumeTiers, eligibleEpisodes);
  if (tier === null) return 0;
  return sortedVolumeTiers(terms).indexOf(tier) + 1;
}

export function sortedVolumeTiers(terms: TermSheet): TermSheet['volumeTiers'][number][] {
  return [...terms.volumeTiers].sort((a, b) => a.minTreatments - b.minTreatments);
}

/** Pattern ids up to this many are looked up in a flat array (4 MiB) rather than a map. */
const DENSE_PATTERN_IDS = 1 << 20;

/** Offsets in a priced row (Float64Array): cents, exact. */
export const ROW = { guaranteed: 0, volume: 1, capBinds: 2, outcomes: 3 } as const;

/**
 * The money of one patient pattern, memoised: a pattern is (schedule entry, volume level, the
 * tier each benchmark's event falls in, the order of those events). The first patient showing a
 * pattern is priced with `episodeAmounts` (the ledger's cap chain: GUARANTEED, VOLUME, OUTCOME
 * by event date then code) on its real dates, twice: with the year's volume rate (the final
 * amounts) and without (what the ledger holds before the year closes). Every later patient of
 * the pattern reads the same cents: exact, and fast enough for millions of patients.
 */
export class PatternPricer {
  readonly benchmarks: Benchmark[];
  readonly rowSize: number;
  readonly wacCents: number[];
  private readonly volumeTiers: TermSheet['volumeTiers'][number][];
  private readonly rows: number[] = [];
  /** Row offset by pattern id: a dense array when the ids are few enough, else a map. */
  private readonly dense: Int32Array | null;
  private readonly index = new Map<number, number>();
  private readonly keySpan: number;
  /** Scratch of `patternKey`: the benchmarks already placed in the order. */
  private readonly used: Uint8Array;

  constructor(private readonly terms: TermSheet) {
    this.benchmarks = benchmarksInCodeOrder(terms);
    this.volumeTiers = sortedVolumeTiers(terms);
    const b = this.benchmarks.length;
    this.rowSize = ROW.outcomes + 2 * b;
    this.used = new Uint8Array(b);
    this.wacCents = terms.schedule.map((e) => toCents(e.wac));
    this.keySpan = this.benchmarks.reduce((n, bm) => n * (bm.tiers.length + 1), 1) * (b < 2 ? 1 : (b + 1) ** b);
    const ids = terms.schedule.length * (this.volumeTiers.length + 1) * this.keySpan;
    this.dense = ids <= DENSE_PATTERN_IDS ? new Int32Array(ids).fill(-1) : null;
  }

  /**
   * The pattern key of tiers (per benchmark in code order, 0 = no event) and event days (for the
   * order when two or more events count).
   */
  patternKey(tiers: ArrayLike<number>, days: ArrayLike<number>, offset: number): number {
    const b = this.benchmarks.length;
    let key = 0;
    for (let i = 0; i < b; i += 1) key = key * (this.benchmarks[i].tiers.length + 1) + tiers[offset + i];
    if (b < 2) return key;
    // The order of the events that count, as digits of benchmark indices (code order breaks day ties).
    let order = 0;
    const used = this.used.fill(0);
    for (let pos = 0; pos < b; pos += 1) {
      let pick = -1;
      for (let i = 0; i < b; i += 1) {
        if (used[i] === 1 || tiers[offset + i] === 0) continue;
        if (pick === -1 || days[offset + i] < days[offset + pick]) pick = i;
      }
      if (pick === -1) break;
      used[pick] = 1;
      order = order * (b + 1) + pick + 1;
    }
    return key * (b + 1) ** b + order;
  }

  /** Offset of the priced row of a pattern in `table()`, or -1 before it has been priced. */
  find(entry: number, volumeLevel: number, key: number): number {
    const id = (entry * (this.volumeTiers.length + 1) + volumeLevel) * this.keySpan + key;
    return this.dense !== null ? this.dense[id] : (this.index.get(id) ?? -1);
  }

  /** Prices a pattern on first sight (from this patient's real dates) and answers its row offset. */
  add(
    entry: number,
    volumeLevel: number,
    key: number,
    tiers: ArrayLike<number>,
    dates: (IsoDate | null)[],
    offset: number,
  ): number {
    const at = this.rows.length;
    this.rows.push(...this.price(this.terms.schedule[entry], volumeLevel, tiers, dates, offset));
    const id = (entry * (this.volumeTiers.length + 1) + volumeLevel) * this.keySpan + key;
    if (this.dense !== null) this.dense[id] = at;
    else this.index.set(id, at);
    this.cached = null;
    return at;
  }

  private cached: Float64Array | null = null;

  /** The priced rows (re-read after `rowOf` priced something new). */
  table(): Float64Array {
    if (this.cached === null) this.cached = Float64Array.from(this.rows);
    return this.cached;
  }

  private price(
    entry: ScheduleEntry,
    volumeLevel: number,
    tiers: ArrayLike<number>,
    dates: (IsoDate | null)[],
    offset: number,
  ): number[] {
    const outcomes: TieredOutcome[] = [];
    this.benchmarks.forEach((bm, i) => {
      const t = tiers[offset + i];
      const date = dates[i];
      if (t > 0 && date)
        outcomes.push({ benchmarkCode: bm.code, eventDate: date, rebatePct: tierByIndex(bm, t).rebatePct });
    });
    const input = {
      wac: entry.wac,
      guaranteedRebatePct: entry.guaranteedRebatePct,
      supplementalCapPct: this.terms.supplementalCapPct,
      outcomes,
    };
    const volumePct = volumeLevel === 0 ? null : this.volumeTiers[volumeLevel - 1].additionalRebatePct;
    const final = episodeAmounts({ ...input, volumePct });
    const beforeClose = episodeAmounts({ ...input, volumePct: null });
    const fullVolume = volumePct === null ? ZERO : roundCents(entry.wac.times(volumePct));
    const binds =
      final.volume.lessThan(fullVolume) ||
      this.benchmarks.some((bm) => (final.outcomes.get(bm.code) ?? ZERO).lessThan(final.uncapped.get(bm.code) ?? ZERO));
    return [
      toCents(final.guaranteed),
      toCents(final.volume),
      binds ? 1 : 0,
      ...this.benchmarks.map((bm) => toCents(final.outcomes.get(bm.code) ?? ZERO)),
      ...this.benchmarks.map((bm) => toCents(beforeClose.outcomes.get(bm.code) ?? ZERO)),
    ];
  }
}
