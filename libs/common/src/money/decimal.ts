import Decimal from 'decimal.js';
import type { ValueTransformer } from 'typeorm';

/**
 * Exact decimal arithmetic for money and percentages (style.md habit 10). Never a binary float.
 * Rounding is always explicit: half-up to cents, once, when a ledger entry is made.
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 60 });
export type Dec = Decimal;

export const ZERO: Dec = new Dec(0);

export function dec(value: Decimal.Value): Dec {
  return new Dec(value);
}

/** Half-up to cents (rebate-rules section 5: round()). */
export function roundCents(value: Dec): Dec {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** `220000.00`: money as it appears on the wire, in CSVs and statements. */
export function formatMoney(value: Dec): string {
  return value.toFixed(2, Decimal.ROUND_HALF_UP);
}

/**
 * `$1,540,000.00`, `-$1,100,000.00`: money as people read it on a printed statement (README "Portal");
 * half-up to cents like formatMoney, so the figures are the CSV's.
 */
export function formatCurrency(value: Dec): string {
  const fixed = formatMoney(value);
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [whole, cents] = fixed.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${cents}`;
}

export function sumDecimals(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function minDec(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}

export function maxDec(a: Dec, b: Dec): Dec {
  return a.greaterThan(b) ? a : b;
}

/** `-12.5`, `0.10`, `2200000.00`: an optional sign, digits, an optional fraction. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

export function isDecimalText(value: string): boolean {
  return DECIMAL_TEXT.test(value);
}

export function decimalPlaces(value: Dec): number {
  return value.decimalPlaces();
}

/** TypeORM transformer: Postgres `numeric` <-> Dec, never through a JS number. */
export const decimalTransformer: ValueTransformer = {
  to: (value: Dec | string | null | undefined) =>
    value === null || value === undefined ? value : new Dec(value).toFixed(),
  from: (value: string | null) => (value === null ? null : new Dec(value)),
};
