import { addMonths, type IsoDate } from '@lib/common';
import { isInMeasurementPeriod, tierFor, windowMonths, type Benchmark } from '@lib/reconciliation';
import { type SimulationCalendar } from './calendar';
import { tierIndexOf } from './patient-pricing';
import { hazardAt, type HazardPiece } from './simulation-input';

/** Math's functions bound once, as in prng.ts: hot loops then never look up the global. */
const { ceil, floor, max, min } = Math;

/**
 * For one administration month and one benchmark: the days on which an event counts, by month
 * since administration (months(A, E) = m), and the tier each month falls in. A month's days that
 * fall inside the washout do not count (rebate-rules section 5); a month wholly inside it carries
 * no event, whatever its hazard.
 */
export interface MonthEvents {
  /** Admissible event days (calendar days) of month m are days[dayStart[m] .. dayStart[m + 1]). */
  days: Int32Array;
  dayStart: Int32Array;
  /** Tier index (1-based, ascending throughMonth) of month m. */
  tier: Int8Array;
  /** The tier of each admissible day (parallel to `days`). */
  dayTier: Int8Array;
}

export function monthEvents(
  calendar: SimulationCalendar,
  administrationDate: IsoDate,
  benchmark: Benchmark,
): MonthEvents {
  const window = windowMonths(benchmark);
  const a = calendar.dayOf(administrationDate);
  const washoutEnd = a + benchmark.washoutDays; // E must be after this day
  const days: number[] = [];
  const dayTier: number[] = [];
  const dayStart = new Int32Array(window + 1);
  const tier = new Int8Array(window);
  for (let m = 0; m < window; m += 1) {
    dayStart[m] = days.length;
    const first = calendar.dayOf(addMonths(administrationDate, m));
    const last = calendar.dayOf(addMonths(administrationDate, m + 1)) - 1;
    const from = max(first, washoutEnd + 1);
    const t = tierFor(benchmark, m);
    tier[m] = t === null ? 0 : tierIndexOf(benchmark, t.throughMonth);
    if (from > last || tier[m] === 0) continue;
    // The admissible days of a month are one run; the rule itself confirms both ends and the day before.
    assertRule(benchmark, administrationDate, calendar.dateOfDay(from), true);
    assertRule(benchmark, administrationDate, calendar.dateOfDay(last), true);
    if (from > first) assertRule(benchmark, administrationDate, calendar.dateOfDay(from - 1), false);
    for (let d = from; d <= last; d += 1) {
      days.push(d);
      dayTier.push(tier[m]);
    }
  }
  dayStart[window] = days.length;
  return { days: Int32Array.from(days), dayStart, tier, dayTier: Int8Array.from(dayTier) };
}

function assertRule(benchmark: Benchmark, administration: IsoDate, event: IsoDate, expected: boolean): void {
  if (isInMeasurementPeriod(administration, event, benchmark) !== expected) {
    throw new Error(`Event table disagrees with the measurement rule: ${benchmark.code} ${administration} ${event}`);
  }
}

/**
 * Cumulative probability of the first counting event by month m: the monthly hazard applies to
 * months with admissible days, so F(m) = 1 - prod_{j <= m} (1 - h(j)).
 */
export function eventCdf(events: MonthEvents, hazard: readonly HazardPiece[]): Float64Array {
  const window = events.tier.length;
  const cdf = new Float64Array(window);
  let survive = 1;
  for (let m = 0; m < window; m += 1) {
    const admissible = events.dayStart[m + 1] > events.dayStart[m];
    const h = admissible ? hazardAt(hazard, m) : 0;
    survive *= 1 - h;
    cdf[m] = 1 - survive;
  }
  return cdf;
}

/**
 * Draws the month and day of the first counting event from one uniform u: the month by binary
 * search on the CDF, the day from the position of u inside that month's probability (uniform
 * over the month's admissible days). Returns the index into `days` (and `dayTier`), -1 when no
 * event counts.
 */
export function drawEventIndex(events: MonthEvents, cdf: Float64Array, u: number): number {
  const window = cdf.length;
  if (window === 0 || u >= cdf[window - 1]) return -1;
  let lo = 0;
  let hi = window - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < cdf[mid]) hi = mid;
    else lo = mid + 1;
  }
  const below = lo === 0 ? 0 : cdf[lo - 1];
  const start = events.dayStart[lo];
  const count = events.dayStart[lo + 1] - start;
  const within = min(count - 1, floor(((u - below) / (cdf[lo] - below)) * count));
  return start + max(0, within);
}

/** Buckets of a guide table: a power of two, so u x GUIDE_BUCKETS and g / GUIDE_BUCKETS are exact. */
const GUIDE_BUCKETS = 128;

/**
 * `drawEventIndex` for one (state, benchmark, administration month), with a guide table so the
 * month is found in a step or two instead of a binary search: guide[g] is the first month whose
 * CDF exceeds g / GUIDE_BUCKETS, and no month before it can hold a u of bucket g, so scanning on
 * from there finds the same month (the first m with u < cdf[m]). The day within the month is
 * computed by the same expression, so every draw equals `drawEventIndex(events, cdf, u)`.
 */
export class EventSampler {
  /** cdf[window - 1]: a u at or above it draws no counting event (-1 when the window is empty). */
  readonly last: number;
  readonly days: Int32Array;
  readonly dayTier: Int8Array;
  private readonly dayStart: Int32Array;
  private readonly guide: Uint16Array;

  constructor(
    events: MonthEvents,
    private readonly cdf: Float64Array,
  ) {
    const window = cdf.length;
    this.last = window === 0 ? -1 : cdf[window - 1];
    this.days = events.days;
    this.dayTier = events.dayTier;
    this.dayStart = events.dayStart;
    // Only buckets below `last` are ever read.
    const buckets = window === 0 ? 0 : min(GUIDE_BUCKETS, ceil(this.last * GUIDE_BUCKETS) + 1);
    this.guide = new Uint16Array(buckets);
    let m = 0;
    for (let g = 0; g < buckets; g += 1) {
      while (m < window - 1 && cdf[m] <= g / GUIDE_BUCKETS) m += 1;
      this.guide[g] = m;
    }
  }

  /** The index into `days` and `dayTier` of the first counting event for uniform u, -1 for none. */
  draw(u: number): number {
    if (u >= this.last) return -1;
    const cdf = this.cdf;
    let lo = this.guide[floor(u * GUIDE_BUCKETS)];
    while (u >= cdf[lo]) lo += 1;
    const below = lo === 0 ? 0 : cdf[lo - 1];
    const start = this.dayStart[lo];
    const count = this.dayStart[lo + 1] - start;
    const within = min(count - 1, floor(((u - below) / (cdf[lo] - below)) * count));
    return start + max(0, within);
  }
}
