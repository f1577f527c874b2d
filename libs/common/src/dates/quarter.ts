import { dateParts, toIsoDate, type IsoDate } from './business-date';

/** A calendar quarter written the MDRP way: `2026Q1`. */
export type Quarter = string;

const QUARTER = /^(\d{4})Q([1-4])$/;

export function isQuarter(value: string): boolean {
  return QUARTER.test(value);
}

export function quarterOf(date: IsoDate): Quarter {
  const { year, month } = dateParts(date);
  return `${year}Q${Math.floor((month - 1) / 3) + 1}`;
}

export function quarterParts(quarter: Quarter): { year: number; q: number } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`Not a quarter: ${quarter}`);
  return { year: Number(m[1]), q: Number(m[2]) };
}

export function nextQuarter(quarter: Quarter): Quarter {
  const { year, q } = quarterParts(quarter);
  return q === 4 ? `${year + 1}Q1` : `${year}Q${q + 1}`;
}

export function quarterStart(quarter: Quarter): IsoDate {
  const { year, q } = quarterParts(quarter);
  return toIsoDate(year, (q - 1) * 3 + 1, 1);
}

export function quarterEnd(quarter: Quarter): IsoDate {
  const { year, q } = quarterParts(quarter);
  const month = q * 3;
  return toIsoDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

/** Quarters sort as text: `2026Q4` < `2027Q1`. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
