import { isPriorPeriodAdjustment, statementQuarterOf } from './statement-quarter';

describe('statement quarter of an entry (rebate-rules section 8)', () => {
  it.each<[string, string[], string]>([
    ['2026Q1', [], '2026Q1'],
    ['2026Q1', ['2025Q4'], '2026Q1'],
    ['2026Q1', ['2026Q2'], '2026Q1'],
    ['2026Q1', ['2026Q1'], '2026Q2'],
    ['2026Q1', ['2026Q1', '2026Q2'], '2026Q3'],
    ['2026Q1', ['2026Q1', '2026Q3'], '2026Q2'],
    ['2026Q4', ['2026Q4'], '2027Q1'],
    ['2026Q4', ['2026Q4', '2027Q1', '2027Q2'], '2027Q3'],
    ['2026Q3', ['2026Q1', '2026Q2'], '2026Q3'],
    ['2027Q2', ['2026Q1', '2026Q4', '2027Q1'], '2027Q2'],
  ])('service %s, issued %j -> %s', (service, issued, expected) => {
    expect(statementQuarterOf(service, issued)).toBe(expected);
  });

  it('accepts any iterable of issued quarters', () => {
    expect(statementQuarterOf('2026Q1', new Set(['2026Q1']))).toBe('2026Q2');
  });

  it.each(['2026Q5', '2026-Q1', ''])('refuses a malformed service quarter %j', (q) => {
    expect(() => statementQuarterOf(q, [])).toThrow('Not a quarter');
  });

  it.each<[string, string, boolean]>([
    ['2026Q4', '2027Q1', true],
    ['2027Q1', '2027Q1', false],
    ['2025Q4', '2026Q1', true],
    ['2026Q1', '2026Q2', true],
  ])('service %s on statement %s: prior-period %s', (service, statement, expected) => {
    expect(isPriorPeriodAdjustment(service, statement)).toBe(expected);
  });
});
