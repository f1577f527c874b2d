import type { IsoDate } from '@lib/common';

/** Where a close of one (agreement, contract year) stands (migration 1764000008000). */
export type YearCloseStatus = 'CLOSED' | 'REOPENED' | 'SUPERSEDED';

/** rebate-rules section 6: a contract year is the calendar year of the administration date. */
export function contractYearBounds(year: number): { from: IsoDate; to: IsoDate } {
  const y = String(year).padStart(4, '0');
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** A year can be closed only once its last day has passed (`today` is after 31 December). */
export function yearHasEnded(year: number, today: IsoDate): boolean {
  return today > contractYearBounds(year).to;
}

export type CloseRefusal = 'YEAR_NOT_ENDED' | 'YEAR_ALREADY_CLOSED';
export type ReopenRefusal = 'YEAR_NOT_CLOSED';

/**
 * Whether closing (agreement, year) is refused, given the statuses of its earlier closes: a
 * year that has not ended, or one whose close is still CLOSED (reopen it first). REOPENED and
 * SUPERSEDED closes do not stand in the way.
 */
export function closeRefusal(year: number, today: IsoDate, earlier: readonly YearCloseStatus[]): CloseRefusal | null {
  if (!yearHasEnded(year, today)) return 'YEAR_NOT_ENDED';
  if (earlier.includes('CLOSED')) return 'YEAR_ALREADY_CLOSED';
  return null;
}

/** Only a CLOSED close can be reopened (a reopened one waits for its replacement). */
export function reopenRefusal(earlier: readonly YearCloseStatus[]): ReopenRefusal | null {
  return earlier.includes('CLOSED') ? null : 'YEAR_NOT_CLOSED';
}
