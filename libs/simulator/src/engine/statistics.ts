import { Dec } from '@lib/common';

/** Mean and P5 / P50 / P95 of a quantity over trials (nearest-rank percentiles). */
export interface Stats {
  mean: string;
  p5: string;
  p50: string;
  p95: string;
}

/** Nearest-rank percentile of sorted values: the smallest value with at least p of them at or below. */
export function percentileOfSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[rankOf(sorted.length, p)];
}

/** 0-based position of the nearest-rank p-th percentile among n sorted values. */
function rankOf(n: number, p: number): number {
  return Math.min(n, Math.max(1, Math.ceil(p * n))) - 1;
}

/**
 * P5, P50 and P95 (nearest rank) of values, the same numbers `percentileOfSorted` reads from the
 * sorted values, found by selection in a scratch copy (linear time; the values are left as they are).
 */
export function bandsOf(values: Float64Array): [number, number, number] {
  const n = values.length;
  if (n === 0) return [Number.NaN, Number.NaN, Number.NaN];
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  const work = scratch;
  work.set(values);
  const r5 = rankOf(n, 0.05);
  const r50 = rankOf(n, 0.5);
  const r95 = rankOf(n, 0.95);
  // Each selection leaves smaller values to the left of the rank and larger ones to the right,
  // so the next (higher) rank is searched to the right of the previous one only.
  select(work, r5, 0, n - 1);
  select(work, r50, r5, n - 1);
  select(work, r95, r50, n - 1);
  return [work[r5], work[r50], work[r95]];
}

/** The working copy of `bandsOf`, reused (a fresh buffer per series costs more than the selection). */
let scratch = new Float64Array(0);

/** Hoare's selection (median-of-three pivot): puts the k-th smallest of a[lo..hi] at a[k]. */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of a[lo], a[mid], a[hi] as the pivot, sorted into place.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i += 1;
      while (pivot < a[j]) j -= 1;
      if (i <= j) {
        swap(a, i, j);
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The exact sum of whole numbers (cents, counts) as a bigint: chunks stay below 2^53 in a double. */
export function exactSum(values: Float64Array): bigint {
  let total = 0n;
  let chunk = 0;
  for (let i = 0; i < values.length; i += 1) {
    chunk += values[i];
    if ((i & 1023) === 1023) {
      total += BigInt(chunk);
      chunk = 0;
    }
  }
  return total + BigInt(chunk);
}

/** Above 2^52 in magnitude a double no longer holds every whole number: flush to the bigint. */
const FLUSH_AT = 2 ** 52;

/** Accumulates whole numbers into exact sums by index (lo in doubles, flushed to bigints). */
export class ExactSums {
  private readonly lo: Float64Array;
  private readonly hi: bigint[];

  constructor(readonly size: number) {
    this.lo = new Float64Array(size);
    this.hi = new Array<bigint>(size).fill(0n);
  }

  addAll(values: Float64Array): void {
    for (let i = 0; i < this.size; i += 1) {
      const v = this.lo[i] + values[i];
      if (v >= FLUSH_AT || v <= -FLUSH_AT) {
        this.hi[i] += BigInt(v);
        this.lo[i] = 0;
      } else {
        this.lo[i] = v;
      }
    }
  }

  sum(i: number): bigint {
    return this.hi[i] + BigInt(this.lo[i]);
  }
}

/** Cents (a whole number) as dollars with two decimals: 22000000 -> `220000.00`. */
export function centsText(cents: number | bigint): string {
  const c = typeof cents === 'bigint' ? cents : BigInt(Math.round(cents));
  const negative = c < 0n;
  const abs = negative ? -c : c;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** A mean of cents over n, in dollars rounded half-up to cents. */
export function meanCentsText(sum: bigint, n: number): string {
  if (n === 0) return '0.00';
  return new Dec(sum.toString()).div(n).div(100).toFixed(2);
}

/** Money stats of per-trial cents. */
export function moneyStats(values: Float64Array): Stats {
  const [p5, p50, p95] = bandsOf(values);
  return {
    mean: meanCentsText(exactSum(values), values.length),
    p5: centsText(p5),
    p50: centsText(p50),
    p95: centsText(p95),
  };
}

/** Stats of a ratio per trial (net price per patient, in cents); trials without patients are left out. */
export function ratioStats(numerators: Float64Array, denominators: Float64Array): Stats | null {
  const ratios: number[] = [];
  let num = 0n;
  let den = 0n;
  for (let i = 0; i < numerators.length; i += 1) {
    if (denominators[i] <= 0) continue;
    ratios.push(numerators[i] / denominators[i]);
  }
  if (ratios.length === 0) return null;
  num = exactSum(numerators);
  den = exactSum(denominators);
  const [p5, p50, p95] = bandsOf(Float64Array.from(ratios));
  const dollars = (cents: number) => new Dec(cents).div(100).toFixed(2);
  return {
    // Expected net spend over expected patients: the program's net price per treated patient.
    mean: new Dec(num.toString()).div(den.toString()).div(100).toFixed(2),
    p5: dollars(p5),
    p50: dollars(p50),
    p95: dollars(p95),
  };
}

/** Stats of counts (patients), plain numbers with up to 2 decimals for the mean. */
export function countStats(values: Float64Array): Stats {
  const [p5, p50, p95] = bandsOf(values);
  return {
    mean: new Dec(exactSum(values).toString()).div(values.length).toDecimalPlaces(2).toFixed(),
    p5: String(p5),
    p50: String(p50),
    p95: String(p95),
  };
}
