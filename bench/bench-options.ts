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
