/**
 * Business dates are calendar dates without a time zone, carried as `YYYY-MM-DD` strings (the
 * same text Postgres `date` columns return), so that nothing shifts across time zones.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CCYYMMDD = /^(\d{4})(\d{2})(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function toIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `20260310` -> `2026-03-10`; null when it is not a real calendar date (T-MSIS dates). */
export function parseCcyymmdd(value: string): IsoDate | null {
  const m = CCYYMMDD.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? toIsoDate(year, month, day) : null;
}

export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`Not an ISO date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return toIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return toIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * rebate-rules section 5: months(A, E) = (yearE - yearA) x 12 + (monthE - monthA),
 * minus 1 if dayE < dayA.
 */
export function monthsBetween(a: IsoDate, e: IsoDate): number {
  const pa = dateParts(a);
  const pe = dateParts(e);
  return (pe.year - pa.year) * 12 + (pe.month - pa.month) - (pe.day < pa.day ? 1 : 0);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const pa = dateParts(a);
  const pb = dateParts(b);
  return Math.round((Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000);
}

export function firstOfMonth(date: IsoDate): IsoDate {
  const { year, month } = dateParts(date);
  return toIsoDate(year, month, 1);
}

export function lastOfMonth(date: IsoDate): IsoDate {
  const { year, month } = dateParts(date);
  return toIsoDate(year, month, daysInMonth(year, month));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** The UTC calendar date of an instant. */
export function isoDateOf(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}
