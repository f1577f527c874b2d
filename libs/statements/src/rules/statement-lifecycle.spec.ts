import {
  acceptsNewLines,
  automaticIssueDate,
  draftsDueForAutomaticIssue,
  interestStartDate,
  statementDueDate,
  transitionStatement,
  type DraftStatement,
  type StatementEvent,
} from './statement-lifecycle';
import { type StatementStatus } from './types';

describe('due date and interest start (domain.md: pay within 37 days, interest from day 38)', () => {
  it.each([
    ['2026-05-15', '2026-06-21', '2026-06-22'],
    ['2026-01-01', '2026-02-07', '2026-02-08'],
    ['2026-12-20', '2027-01-26', '2027-01-27'],
    ['2028-02-01', '2028-03-09', '2028-03-10'], // leap year
    ['2027-02-01', '2027-03-10', '2027-03-11'],
  ])('issued %s -> due %s, interest from %s', (issued, due, interest) => {
    expect(statementDueDate(issued)).toBe(due);
    expect(interestStartDate(issued)).toBe(interest);
  });
});

describe('status transitions (README "Statements and payments")', () => {
  const all: StatementStatus[] = ['DRAFT', 'ISSUED', 'ACKNOWLEDGED', 'DISPUTED', 'PAID', 'PARTIALLY_PAID'];
  const table: [StatementStatus, StatementEvent, StatementStatus | null][] = [
    ['DRAFT', { type: 'ISSUE' }, 'ISSUED'],
    ['ISSUED', { type: 'ACKNOWLEDGE' }, 'ACKNOWLEDGED'],
    ['ISSUED', { type: 'DISPUTE' }, 'DISPUTED'],
    ['ACKNOWLEDGED', { type: 'DISPUTE' }, 'DISPUTED'],
    ['PARTIALLY_PAID', { type: 'DISPUTE' }, 'DISPUTED'],
    ['DISPUTED', { type: 'DISPUTE' }, 'DISPUTED'],
    ['ISSUED', { type: 'PAYMENT_RECORDED', paid: 'FULL' }, 'PAID'],
    ['ISSUED', { type: 'PAYMENT_RECORDED', paid: 'PARTIAL' }, 'PARTIALLY_PAID'],
    ['ACKNOWLEDGED', { type: 'PAYMENT_RECORDED', paid: 'FULL' }, 'PAID'],
    ['ACKNOWLEDGED', { type: 'PAYMENT_RECORDED', paid: 'PARTIAL' }, 'PARTIALLY_PAID'],
    ['PARTIALLY_PAID', { type: 'PAYMENT_RECORDED', paid: 'PARTIAL' }, 'PARTIALLY_PAID'],
    ['PARTIALLY_PAID', { type: 'PAYMENT_RECORDED', paid: 'FULL' }, 'PAID'],
    ['DISPUTED', { type: 'PAYMENT_RECORDED', paid: 'PARTIAL' }, 'DISPUTED'],
    ['DISPUTED', { type: 'PAYMENT_RECORDED', paid: 'FULL' }, 'DISPUTED'],
    ['DISPUTED', { type: 'DISPUTES_RESOLVED', paid: 'NONE' }, 'ACKNOWLEDGED'],
    ['DISPUTED', { type: 'DISPUTES_RESOLVED', paid: 'PARTIAL' }, 'PARTIALLY_PAID'],
    ['DISPUTED', { type: 'DISPUTES_RESOLVED', paid: 'FULL' }, 'PAID'],
    // refusals
    ['ISSUED', { type: 'ISSUE' }, null],
    ['PAID', { type: 'ISSUE' }, null],
    ['DRAFT', { type: 'ACKNOWLEDGE' }, null],
    ['ACKNOWLEDGED', { type: 'ACKNOWLEDGE' }, null],
    ['DISPUTED', { type: 'ACKNOWLEDGE' }, null],
    ['DRAFT', { type: 'DISPUTE' }, null],
    ['PAID', { type: 'DISPUTE' }, null],
    ['DRAFT', { type: 'PAYMENT_RECORDED', paid: 'PARTIAL' }, null],
    ['PAID', { type: 'PAYMENT_RECORDED', paid: 'FULL' }, null],
    ['ISSUED', { type: 'DISPUTES_RESOLVED', paid: 'NONE' }, null],
    ['PAID', { type: 'DISPUTES_RESOLVED', paid: 'FULL' }, null],
  ];
  it.each(table)('%s + %j -> %s', (from, event, expected) => {
    const result = transitionStatement(from, event);
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(`Cannot ${event.type} a ${from} statement`);
    } else {
      expect(result).toEqual({ ok: true, value: expected });
    }
  });

  it('never re-issues: ISSUE is refused from every status but DRAFT', () => {
    for (const from of all) expect(transitionStatement(from, { type: 'ISSUE' }).ok).toBe(from === 'DRAFT');
  });

  it.each(all.map((s) => [s, s === 'DRAFT'] as const))('%s accepts new lines: %s', (status, expected) => {
    expect(acceptsNewLines(status)).toBe(expected);
  });
});

describe('automatic quarter close', () => {
  it.each<[string, number, string]>([
    ['2026Q1', 60, '2026-05-30'],
    ['2026Q2', 60, '2026-08-29'],
    ['2026Q4', 60, '2027-03-01'],
    ['2027Q4', 60, '2028-02-29'],
    ['2026Q1', 0, '2026-03-31'],
    ['2026Q3', 45, '2026-11-14'],
  ])('%s + %i days -> %s', (quarter, days, expected) => {
    expect(automaticIssueDate(quarter, days)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %p days', (days) => {
    expect(() => automaticIssueDate('2026Q1', days)).toThrow('whole number');
  });

  const s = (state: string, labelerCode: string, quarter: string, status: StatementStatus): DraftStatement => ({
    state,
    labelerCode,
    quarter,
    status,
  });
  const statements = [
    s('NY', '51167', '2026Q1', 'DRAFT'),
    s('CA', '51167', '2026Q1', 'DRAFT'),
    s('NY', '00001', '2026Q1', 'ISSUED'),
    s('NY', '51167', '2026Q2', 'DRAFT'),
    s('TX', '51167', '2025Q4', 'DRAFT'),
  ];
  it.each<[string, string[]]>([
    ['2026-05-29', ['2025Q4/TX']],
    ['2026-05-30', ['2025Q4/TX', '2026Q1/CA', '2026Q1/NY']],
    ['2026-08-28', ['2025Q4/TX', '2026Q1/CA', '2026Q1/NY']],
    ['2026-08-29', ['2025Q4/TX', '2026Q1/CA', '2026Q1/NY', '2026Q2/NY']],
    ['2026-02-27', []],
  ])('today %s issues %j', (today, expected) => {
    expect(draftsDueForAutomaticIssue(statements, today, 60).map((d) => `${d.quarter}/${d.state}`)).toEqual(expected);
  });

  it('refuses a malformed today', () => {
    expect(() => draftsDueForAutomaticIssue(statements, '2026-13-01', 60)).toThrow('Not an ISO date');
  });
});
