import {
  DIGEST_YEAR_CLOSES_AFTER_MONTHS,
  DIGEST_YEAR_OVERDUE_AFTER_MONTHS,
  yearOfMonth,
  yearsToMergeNow,
  yearsToRollUp,
  type DigestPartition,
} from './digest-years.rules';

/** Months counted from January 2000: `m(2025, 1)` is January 2025. */
const m = (year: number, month: number): number => (year - 2000) * 12 + month - 1;
const month = (year: number, mo: number): DigestPartition => ({ monthFrom: m(year, mo), monthTo: m(year, mo) + 1 });
const wholeYear = (year: number): DigestPartition => ({ monthFrom: m(year, 1), monthTo: m(year + 1, 1) });
const months = (year: number, from: number, to: number): DigestPartition[] =>
  Array.from({ length: to - from + 1 }, (_, i) => month(year, from + i));

describe('yearsToRollUp (which closed years of a state partition merge into one)', () => {
  it('counts months from January 2000, before 2000 too', () => {
    expect([
      yearOfMonth(0),
      yearOfMonth(11),
      yearOfMonth(12),
      yearOfMonth(-1),
      yearOfMonth(-12),
      yearOfMonth(-13),
    ]).toEqual([2000, 2000, 2001, 1999, 1999, 1998]);
  });

  it('closes a year once the state has digests three months into the next one, not before', () => {
    expect(DIGEST_YEAR_CLOSES_AFTER_MONTHS).toBe(3);
    const year2025 = months(2025, 1, 12);
    expect(yearsToRollUp([...year2025, ...months(2026, 1, 3)])).toEqual([]);
    expect(yearsToRollUp([...year2025, ...months(2026, 1, 4)])).toEqual([2025]);
    // Only the latest month counts, not how many months of the new year there are.
    expect(yearsToRollUp([...year2025, month(2026, 4)])).toEqual([2025]);
    expect(yearsToRollUp([...year2025, month(2026, 4)], 4)).toEqual([]);
    expect(yearsToRollUp([...year2025, month(2026, 5)], 4)).toEqual([2025]);
  });

  it('never merges the open year, whatever its months', () => {
    expect(yearsToRollUp(months(2026, 1, 12))).toEqual([]);
  });

  it('merges every closed year with two partitions or more, oldest first, and leaves a single month alone', () => {
    const partitions = [
      ...months(2026, 1, 6),
      ...months(2024, 3, 12),
      month(2019, 7),
      ...months(2025, 1, 12),
      month(2027, 2),
    ];
    expect(yearsToRollUp(partitions)).toEqual([2024, 2025]);
    expect(yearsToRollUp([...partitions, month(2027, 4)])).toEqual([2024, 2025, 2026]);
  });

  it('leaves a year already merged as it is, beside the months of later years', () => {
    expect(yearsToRollUp([wholeYear(2024), wholeYear(2025), ...months(2026, 1, 12), ...months(2027, 1, 4)])).toEqual([
      2026,
    ]);
    expect(yearsToRollUp([wholeYear(2024), wholeYear(2025), month(2026, 1)])).toEqual([]);
  });

  it('merges the months of years before 2000 as any others (negative months)', () => {
    expect(yearsToRollUp([month(1998, 1), month(1998, 12), month(1999, 6), month(2000, 1)])).toEqual([1998]);
  });

  it('has nothing to merge in a state without digests', () => {
    expect(yearsToRollUp([])).toEqual([]);
  });
});

describe('yearsToMergeNow (a closed year waits while claim files load, until it is overdue)', () => {
  it('merges every year due when no claim file is loading, giving way to one that starts unless a year is overdue', () => {
    expect(yearsToMergeNow([...months(2025, 1, 12), month(2026, 4)], false)).toEqual({
      merge: [2025],
      waiting: [],
      givesWay: true,
    });
    expect(yearsToMergeNow([...months(2025, 1, 12), month(2026, 7)], false)).toEqual({
      merge: [2025],
      waiting: [],
      givesWay: false,
    });
    // 2024 is overdue: 2025 merges along with it, whatever starts loading.
    expect(yearsToMergeNow([...months(2024, 1, 12), ...months(2025, 1, 12), month(2026, 4)], false)).toEqual({
      merge: [2024, 2025],
      waiting: [],
      givesWay: false,
    });
  });

  it('while files load, keeps a year closed less than six months back waiting, and merges it from the sixth', () => {
    expect(DIGEST_YEAR_OVERDUE_AFTER_MONTHS).toBe(6);
    const year2025 = months(2025, 1, 12);
    expect(yearsToMergeNow([...year2025, month(2026, 4)], true)).toEqual({
      merge: [],
      waiting: [2025],
      givesWay: false,
    });
    expect(yearsToMergeNow([...year2025, month(2026, 6)], true)).toEqual({
      merge: [],
      waiting: [2025],
      givesWay: false,
    });
    expect(yearsToMergeNow([...year2025, month(2026, 7)], true)).toEqual({
      merge: [2025],
      waiting: [],
      givesWay: false,
    });
    // An older year is overdue long since; the latest closed one may still wait.
    expect(yearsToMergeNow([...months(2024, 3, 9), ...months(2025, 1, 12), month(2026, 5)], true)).toEqual({
      merge: [2024],
      waiting: [2025],
      givesWay: false,
    });
  });

  it('has nothing to merge or wait for when no year is due, loads or not', () => {
    for (const loadsRunning of [false, true]) {
      const none = { merge: [], waiting: [], givesWay: false };
      expect(yearsToMergeNow([...months(2025, 1, 12), month(2026, 3)], loadsRunning)).toEqual(none);
      expect(yearsToMergeNow([], loadsRunning)).toEqual(none);
    }
  });
});
