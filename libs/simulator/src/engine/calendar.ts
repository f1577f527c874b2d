import { addDays, addMonths, dateParts, toIsoDate, type IsoDate } from '@lib/common';

/** Math's functions bound once, as in prng.ts: hot loops then never look up the global. */
const { floor, max, round } = Math;

/**
 * The simulation's calendar: month i (0-based) is month i of the run starting 1 January of the
 * start year; a simulated administration is dated the 15th of its month (every month has one, so
 * months(A, E) of rebate-rules section 5 never meets a clamped day). Days are counted from the
 * start date so the hot loop works on small integers, and each day knows its month and quarter.
 */
export class SimulationCalendar {
  readonly start: IsoDate;
  /** Booking months and quarters covered (administrations, the follow-up windows, the last close). */
  readonly months: number;
  readonly years: number;
  readonly days: number;
  private readonly dayMonth: Int16Array;

  constructor(
    readonly startYear: number,
    readonly horizonYears: number,
    maxWindowMonths: number,
  ) {
    this.start = toIsoDate(startYear, 1, 1);
    const lastMonth = horizonYears * 12 - 1 + maxWindowMonths;
    this.years = max(horizonYears + 1, floor(lastMonth / 12) + 1);
    this.months = this.years * 12;
    this.days = dayNumber(toIsoDate(startYear + this.years, 1, 1)) - dayNumber(this.start);
    this.dayMonth = new Int16Array(this.days);
    let day = 0;
    for (let m = 0; m < this.months; m += 1) {
      const next = dayNumber(addMonths(this.start, m + 1)) - dayNumber(this.start);
      for (; day < next; day += 1) this.dayMonth[day] = m;
    }
  }

  /** The administration date of a patient treated in month i. */
  administrationDate(month: number): IsoDate {
    return addDays(addMonths(this.start, month), 14);
  }

  dateOfDay(day: number): IsoDate {
    return addDays(this.start, day);
  }

  dayOf(date: IsoDate): number {
    return dayNumber(date) - dayNumber(this.start);
  }

  /** Month index of a day (a day past the calendar counts in its last month). */
  monthOfDay(day: number): number {
    return day < this.days ? this.dayMonth[day] : this.months - 1;
  }

  monthOfDate(date: IsoDate): number {
    const { year, month } = dateParts(date);
    return (year - this.startYear) * 12 + month - 1;
  }

  quarterLabel(quarter: number): string {
    return `${this.startYear + floor(quarter / 4)}Q${(quarter % 4) + 1}`;
  }
}

export function dayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  return round(Date.UTC(year, month - 1, day) / 86_400_000);
}
