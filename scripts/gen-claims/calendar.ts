/** Calendar arithmetic on day numbers (days since 1970-01-01, UTC), formatted as CCYYMMDD. */

export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

/** `2026-03` -> { year: 2026, month: 3 }. */
export function parseYearMonth(text: string): YearMonth {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) throw new RangeError(`month must look like 2026-03, got "${text}"`);
  return { year: Number(match[1]), month };
}

export function formatYearMonth(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, '0')}`;
}

/** Months since year 0: consecutive months differ by 1. */
export function monthIndex(ym: YearMonth): number {
  return ym.year * 12 + ym.month - 1;
}

export function fromMonthIndex(index: number): YearMonth {
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function addMonths(ym: YearMonth, months: number): YearMonth {
  return fromMonthIndex(monthIndex(ym) + months);
}

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function firstDay(ym: YearMonth): number {
  return dayNumber(ym.year, ym.month, 1);
}

export function lastDay(ym: YearMonth): number {
  return dayNumber(ym.year, ym.month + 1, 1) - 1;
}

/** Day number -> `20260312`. */
export function ccyymmdd(day: number): string {
  const date = new Date(day * 86_400_000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${y}${m < 10 ? '0' : ''}${m}${d < 10 ? '0' : ''}${d}`;
}

/** Formats day numbers in a window quickly (the generator formats millions of dates). */
export class DateFormatter {
  private readonly cache: string[] = [];

  constructor(private readonly from: number) {}

  format(day: number): string {
    const i = day - this.from;
    if (i < 0 || i > 5000) return ccyymmdd(day);
    let text = this.cache[i];
    if (text === undefined) {
      text = ccyymmdd(day);
      this.cache[i] = text;
    }
    return text;
  }
}
