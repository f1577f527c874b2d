import type { Prng } from './prng';

/** Math's functions bound once, as in prng.ts: hot loops then never look up the global. */
const { PI, abs, cos, exp, floor, log, pow, sin, sqrt } = Math;

/**
 * Count distributions for treated patients. Inversion for small means, Hörmann's PTRS
 * (transformed rejection, 1993) for large ones; a gamma-Poisson mixture for the negative binomial.
 */
export function poisson(rng: Prng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    // Inversion by sequential search: exact, and quick for the handful of patients a state has.
    let p = exp(-mean);
    let cdf = p;
    const u = rng.next();
    let k = 0;
    while (u >= cdf && k < 1000) {
      k += 1;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  const slam = sqrt(mean);
  const loglam = log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - abs(u);
    const k = floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (log(v) + log(invalpha) - log(a / (us * us) + b) <= -mean + k * loglam - logGamma(k + 1)) {
      return k;
    }
  }
}

/** The largest uniform `Prng.next` returns: (2^32 - 1) / 2^32. */
const LARGEST_UNIFORM = 4294967295 / 4294967296;

/**
 * `poisson(rng, mean)` for one mean drawn many times (a state's year in every trial): the
 * cumulative sums the inversion builds, computed once by the same operations in the same order,
 * so the same uniform gives the same count. Means of 30 and more use `poisson` itself.
 */
export class PoissonTable {
  private readonly cdf: Float64Array | null;

  constructor(readonly mean: number) {
    if (mean <= 0 || mean >= 30) {
      this.cdf = null;
      return;
    }
    const cdf: number[] = [];
    let p = exp(-mean);
    let sum = p;
    cdf.push(sum);
    // The search stops at the first k with u < cdf[k] (or at 1000); past a sum above every
    // uniform it never goes on.
    for (let k = 1; k <= 1000 && cdf[k - 1] <= LARGEST_UNIFORM; k += 1) {
      p *= mean / k;
      sum += p;
      cdf.push(sum);
    }
    this.cdf = Float64Array.from(cdf);
  }

  draw(rng: Prng): number {
    const cdf = this.cdf;
    if (cdf === null) return poisson(rng, this.mean);
    const u = rng.next();
    let k = 0;
    while (u >= cdf[k] && k < 1000) k += 1;
    return k;
  }
}

/** A standard normal draw (Box-Muller; one of the pair is used, so streams stay simple). */
export function standardNormal(rng: Prng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return sqrt(-2 * log(u)) * cos(2 * PI * rng.next());
}

/** Gamma(shape, scale) by Marsaglia and Tsang (2000); shape < 1 through the usual boost. */
export function gamma(rng: Prng, shape: number, scale: number): number {
  if (shape < 1) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return gamma(rng, shape + 1, scale) * pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
    if (log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v * scale;
  }
}

/**
 * Negative binomial with the given mean and dispersion (size) r: variance = mean + mean^2 / r.
 * A Poisson whose rate is itself uncertain (gamma-distributed around the mean).
 */
export function negativeBinomial(rng: Prng, mean: number, dispersion: number): number {
  if (mean <= 0) return 0;
  return poisson(rng, gamma(rng, dispersion, mean / dispersion));
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): enough for the PTRS acceptance test. */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return log(PI / sin(PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let sum = c[0];
  for (let i = 1; i < g + 2; i += 1) sum += c[i] / (xx + i);
  const t = xx + g + 0.5;
  return 0.5 * log(2 * PI) + (xx + 0.5) * log(t) - t + log(sum);
}
