/**
 * Which closed years of a state's digests merge into one partition each (migration
 * 1765500000000; the merge itself: digest-years.sql.ts).
 * A family that starts to matter has its earlier versions copied from every partition of its
 * state, one probe each: with a partition a month that grows with every month of history
 * (docs/architecture.md); with closed years merged it is one probe per closed year and per month
 * of the open ones.
 */

/** A partition of a state's digests: the months it covers, counted from January 2000, `monthTo` exclusive. */
export interface DigestPartition {
  readonly monthFrom: number;
  readonly monthTo: number;
}

/**
 * A year is closed once the state has digests adjudicated this many months into the next year.
 * A monthly file is adjudicated in its own month, so by then the year's last files are in; a
 * later header of a closed year is still taken (the year partition covers all its months), by
 * one probe and insertion into the year's key instead of a month table built from its rows.
 */
export const DIGEST_YEAR_CLOSES_AFTER_MONTHS = 3;

/**
 * While claim files are loading a closed year waits (the merge's copy would compete with the
 * loads for the machine's cores: README "Closed years of digests"), until the state has digests
 * this many months into the next year; then it merges whatever runs. The job runs hourly, so a
 * year waits only if every run of three months found a load going or starting.
 */
export const DIGEST_YEAR_OVERDUE_AFTER_MONTHS = 6;

/** The calendar year of a month counted from January 2000. */
export const yearOfMonth = (month: number): number => 2000 + Math.floor(month / 12);

/**
 * The years to merge, oldest first: closed years (see DIGEST_YEAR_CLOSES_AFTER_MONTHS) that hold
 * two partitions or more (one partition is one probe already). Only month partitions can share a
 * year: a merged year covers all of its months, so no new partition falls inside it.
 */
export function yearsToRollUp(
  partitions: readonly DigestPartition[],
  closesAfterMonths = DIGEST_YEAR_CLOSES_AFTER_MONTHS,
): number[] {
  if (partitions.length === 0) return [];
  const latest = Math.max(...partitions.map((p) => p.monthTo - 1));
  const perYear = new Map<number, number>();
  for (const p of partitions) {
    const year = yearOfMonth(p.monthFrom);
    const firstOfNextYear = (year + 1 - 2000) * 12;
    if (p.monthTo > firstOfNextYear || latest < firstOfNextYear + closesAfterMonths) continue;
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  return [...perYear]
    .filter(([, count]) => count > 1)
    .map(([year]) => year)
    .sort((a, b) => a - b);
}

/** The closed years of a state partition to merge in this run, and those that wait for a quiet one. */
export interface YearsToMergeNow {
  readonly merge: number[];
  readonly waiting: number[];
  /**
   * Whether the merge gives way to a claim file that starts loading during its copy (and waits
   * for a later run): so it does unless a year it merges is overdue, which then takes the others
   * of its state partition along rather than wait with them.
   */
  readonly givesWay: boolean;
}

/**
 * Splits the years due (yearsToRollUp) by whether claim files are loading: with no load running
 * every year due merges; with loads running only the overdue ones (DIGEST_YEAR_OVERDUE_AFTER_MONTHS)
 * do, the others wait for a later run.
 */
export function yearsToMergeNow(partitions: readonly DigestPartition[], loadsRunning: boolean): YearsToMergeNow {
  const due = yearsToRollUp(partitions);
  const overdue = new Set(yearsToRollUp(partitions, DIGEST_YEAR_OVERDUE_AFTER_MONTHS));
  const merge = loadsRunning ? due.filter((y) => overdue.has(y)) : due;
  return {
    merge,
    waiting: due.filter((y) => !merge.includes(y)),
    givesWay: merge.length > 0 && !merge.some((y) => overdue.has(y)),
  };
}
