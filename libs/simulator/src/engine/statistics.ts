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
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
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
      if (Math.abs(v) >= 2 ** 52) {
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
  const sorted = values.slice().sort();
  return {
    mean: meanCentsText(exactSum(values), values.length),
    p5: centsText(percentileOfSorted(sorted, 0.05)),
    p50: centsText(percentileOfSorted(sorted, 0.5)),
    p95: centsText(percentileOfSorted(sorted, 0.95)),
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
  const sorted = Float64Array.from(ratios).sort();
  const dollars = (cents: number) => new Dec(cents).div(100).toFixed(2);
  return {
    // Expected net spend over expected patients: the program's net price per treated patient.
    mean: new Dec(num.toString()).div(den.toString()).div(100).toFixed(2),
    p5: dollars(percentileOfSorted(sorted, 0.05)),
    p50: dollars(percentileOfSorted(sorted, 0.5)),
    p95: dollars(percentileOfSorted(sorted, 0.95)),
  };
}

/** Stats of counts (patients), plain numbers with up to 2 decimals for the mean. */
export function countStats(values: Float64Array): Stats {
  const sorted = values.slice().sort();
  return {
    mean: new Dec(exactSum(values).toString()).div(values.length).toDecimalPlaces(2).toFixed(),
    p5: String(percentileOfSorted(sorted, 0.05)),
    p50: String(percentileOfSorted(sorted, 0.5)),
    p95: String(percentileOfSorted(sorted, 0.95)),
  };
}
