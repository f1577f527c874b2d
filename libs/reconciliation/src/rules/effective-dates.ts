import { dateParts, type IsoDate } from '@lib/common';

/**
 * Is `date` inside [from, to], both ends inclusive, `to` null meaning open-ended? Every
 * effective-dated fact of the rules reads this way (rebate-rules sections 1 and 4: schedule
 * entries, participation, enrollment windows, HCPCS codes). ISO dates compare as text.
 */
export function isEffectiveOn(date: IsoDate, from: IsoDate, to: IsoDate | null): boolean {
  return from <= date && (to === null || date <= to);
}

/** rebate-rules section 6: the contract year is the calendar year of the administration date. */
export function contractYearOf(date: IsoDate): number {
  return dateParts(date).year;
}

/** Ordinal (code-unit) text order, never locale order: ICN-ORIG tie-breaks must not vary by host. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
