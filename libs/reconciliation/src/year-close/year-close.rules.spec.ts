import {
  closeRefusal,
  contractYearBounds,
  reopenRefusal,
  yearHasEnded,
  type YearCloseStatus,
} from './year-close.rules';

describe('contract year bounds (rebate-rules section 6: calendar years)', () => {
  it.each([
    [2026, '2026-01-01', '2026-12-31'],
    [999, '0999-01-01', '0999-12-31'],
  ])('%s -> [%s, %s]', (year, from, to) => {
    expect(contractYearBounds(year)).toEqual({ from, to });
  });
});

describe('a year has ended once its 31 December has passed', () => {
  it.each([
    [2026, '2026-06-30', false],
    [2026, '2026-12-31', false],
    [2026, '2027-01-01', true],
    [2025, '2026-11-30', true],
    [2027, '2026-11-30', false],
  ])('year %s on %s -> %s', (year, today, ended) => {
    expect(yearHasEnded(year, today)).toBe(ended);
  });
});

describe('closing a year: refused before it ends and while a close is CLOSED', () => {
  it.each<[number, string, YearCloseStatus[], string | null]>([
    [2026, '2027-01-15', [], null],
    [2026, '2026-12-31', [], 'YEAR_NOT_ENDED'],
    [2027, '2027-01-15', [], 'YEAR_NOT_ENDED'],
    [2026, '2027-01-15', ['CLOSED'], 'YEAR_ALREADY_CLOSED'],
    [2026, '2027-01-15', ['SUPERSEDED', 'CLOSED'], 'YEAR_ALREADY_CLOSED'],
    [2026, '2027-01-15', ['REOPENED'], null],
    [2026, '2027-01-15', ['SUPERSEDED', 'REOPENED'], null],
    [2026, '2026-12-01', ['CLOSED'], 'YEAR_NOT_ENDED'],
  ])('year %s on %s after %j -> %s', (year, today, earlier, refusal) => {
    expect(closeRefusal(year, today, earlier)).toBe(refusal);
  });
});

describe('reopening a year: only a CLOSED close', () => {
  it.each<[YearCloseStatus[], string | null]>([
    [['CLOSED'], null],
    [['SUPERSEDED', 'CLOSED'], null],
    [[], 'YEAR_NOT_CLOSED'],
    [['REOPENED'], 'YEAR_NOT_CLOSED'],
    [['SUPERSEDED', 'REOPENED'], 'YEAR_NOT_CLOSED'],
  ])('after %j -> %s', (earlier, refusal) => {
    expect(reopenRefusal(earlier)).toBe(refusal);
  });
});
