import { InvalidArgumentError } from 'commander';

/** A commander argument parser for counts: a whole number, at least 1. */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return Number(value);
}

/** A figure rounded to `digits` decimals, as the benches print them. */
export function round(value: number, digits = 1): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/**
 * Node options for an app a bench starts, from BENCH_API_NODE_ARGS or BENCH_WORKER_NODE_ARGS:
 * those NODE_OPTIONS refuses, e.g. "--cpu-prof --cpu-prof-dir=var/prof" (the profile is written
 * when the bench stops the app).
 */
export function benchNodeArgs(app: 'api' | 'worker'): string[] {
  return process.env[`BENCH_${app.toUpperCase()}_NODE_ARGS`]?.split(/\s+/).filter(Boolean) ?? [];
}
