import { addDays, addMonths, daysBetween, isIsoDate, lastOfMonth, monthsBetween, parseCcyymmdd } from './business-date';
import { compareQuarters, nextQuarter, quarterEnd, quarterOf, quarterStart } from './quarter';

describe('business dates', () => {
  it.each([
    ['20260310', '2026-03-10'],
    ['20240229', '2024-02-29'],
    ['20250229', null],
    ['20261301', null],
    ['20260431', null],
    ['2026031', null],
    ['2026-03-10', null],
    ['00000101', null],
  ])('parseCcyymmdd(%s) = %s', (raw, expected) => {
    expect(parseCcyymmdd(raw)).toBe(expected);
  });

  it.each([
    ['2026-03-10', true],
    ['2026-02-29', false],
    ['2026-3-10', false],
  ])('isIsoDate(%s) = %s', (raw, expected) => {
    expect(isIsoDate(raw)).toBe(expected);
  });

  // rebate-rules section 5: months(A, E) = (yE - yA) x 12 + (mE - mA) - (dE < dA ? 1 : 0)
  it.each([
    ['2026-03-10', '2026-11-02', 7],
    ['2026-03-10', '2027-05-20', 14],
    ['2026-03-10', '2027-03-10', 12],
    ['2026-03-10', '2027-03-09', 11],
    ['2026-01-31', '2026-02-28', 0],
    ['2026-01-31', '2026-03-01', 1],
    ['2024-02-29', '2025-02-28', 11],
    ['2026-03-10', '2026-03-10', 0],
  ])('monthsBetween(%s, %s) = %d', (a, e, expected) => {
    expect(monthsBetween(a, e)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-10', 36, '2029-03-10'],
    ['2026-12-15', 1, '2027-01-15'],
  ])('addMonths(%s, %d) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('adds days across months and counts days between dates', () => {
    expect(addDays('2026-03-10', 30)).toBe('2026-04-09');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2026-02-07')).toBe(37);
    expect(lastOfMonth('2028-02-10')).toBe('2028-02-29');
  });

  it.each([
    ['2026-03-31', '2026Q1'],
    ['2026-04-01', '2026Q2'],
    ['2026-11-02', '2026Q4'],
  ])('quarterOf(%s) = %s', (date, quarter) => {
    expect(quarterOf(date)).toBe(quarter);
  });

  it('walks quarters', () => {
    expect(nextQuarter('2026Q4')).toBe('2027Q1');
    expect(quarterStart('2026Q2')).toBe('2026-04-01');
    expect(quarterEnd('2026Q1')).toBe('2026-03-31');
    expect(compareQuarters('2026Q4', '2027Q1')).toBeLessThan(0);
  });
});
