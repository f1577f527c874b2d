/**
 * Value formats of the profile ("Encoding"), written with charCodeAt loops instead of regular
 * expressions because they run for every field of every record.
 */

const SPACE = 32;
const ZERO = 48;
const NINE = 57;
const MINUS = 45;
const DOT = 46;

/** Integers longer than this are refused: they would not fit a Postgres bigint / a JS number exactly. */
export const MAX_INTEGER_DIGITS = 15;
/** Amounts and quantities: at most this many digits before the point (numeric(17,2) / (18,3) is ample). */
export const MAX_WHOLE_DIGITS = 15;

/** Profile "Encoding": fields are trimmed of surrounding spaces (only spaces, not tabs). */
export function trimSpaces(value: string): string {
  const n = value.length;
  if (n === 0 || (value.charCodeAt(0) !== SPACE && value.charCodeAt(n - 1) !== SPACE)) return value;
  let start = 0;
  let end = n;
  while (start < end && value.charCodeAt(start) === SPACE) start++;
  while (end > start && value.charCodeAt(end - 1) === SPACE) end--;
  return value.slice(start, end);
}

export function isDigits(value: string, length: number): boolean {
  return value.length === length && isDigitsIn(value, 0, length);
}

/** Whether text[start, end) is only ASCII digits (and not empty). */
export function isDigitsIn(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return false;
  }
  return true;
}

/** A non-negative whole number of 1..MAX_INTEGER_DIGITS digits. */
export function isInteger(value: string): boolean {
  return isIntegerIn(value, 0, value.length);
}

export function isIntegerIn(text: string, start: number, end: number): boolean {
  return end - start <= MAX_INTEGER_DIGITS && isDigitsIn(text, start, end);
}

/** Optional `-`, 1..MAX_WHOLE_DIGITS digits, optionally `.` and 1..maxDecimals digits. */
export function isDecimal(value: string, maxDecimals: number): boolean {
  return isDecimalIn(value, 0, value.length, maxDecimals);
}

export function isDecimalIn(text: string, start: number, end: number, maxDecimals: number): boolean {
  let i = start < end && text.charCodeAt(start) === MINUS ? start + 1 : start;
  const wholeStart = i;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    i++;
  }
  const whole = i - wholeStart;
  if (whole === 0 || whole > MAX_WHOLE_DIGITS) return false;
  if (i === end) return true;
  if (text.charCodeAt(i) !== DOT) return false;
  const decimals = end - i - 1;
  return decimals >= 1 && decimals <= maxDecimals && isDigitsIn(text, i + 1, end);
}

/** Amounts: up to 2 decimals. */
export function isAmount(value: string): boolean {
  return isDecimalIn(value, 0, value.length, 2);
}

/** Quantities: up to 3 decimals. */
export function isQuantity(value: string): boolean {
  return isDecimalIn(value, 0, value.length, 3);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `CCYYMMDD`, a real (proleptic Gregorian) calendar date, years 0001-9999. */
export function isDate(value: string): boolean {
  return isDateIn(value, 0, value.length);
}

export function isDateIn(text: string, start: number, end: number): boolean {
  if (end - start !== 8 || !isDigitsIn(text, start, end)) return false;
  const year =
    (text.charCodeAt(start) - ZERO) * 1000 +
    (text.charCodeAt(start + 1) - ZERO) * 100 +
    (text.charCodeAt(start + 2) - ZERO) * 10 +
    (text.charCodeAt(start + 3) - ZERO);
  const month = (text.charCodeAt(start + 4) - ZERO) * 10 + (text.charCodeAt(start + 5) - ZERO);
  const day = (text.charCodeAt(start + 6) - ZERO) * 10 + (text.charCodeAt(start + 7) - ZERO);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `20260312` -> `2026-03-12` (the project's IsoDate); call only on a valid date. */
export function toIsoDate(ccyymmdd: string): string {
  return `${ccyymmdd.slice(0, 4)}-${ccyymmdd.slice(4, 6)}-${ccyymmdd.slice(6, 8)}`;
}

/** Values quoted in problems are cut to about 60 characters. */
export const MAX_QUOTED_VALUE = 60;

export function truncateValue(value: string, max = MAX_QUOTED_VALUE): string {
  return value.length <= max ? value : `${value.slice(0, max)}...`;
}
