import { addDays, compareDates, isIsoDate, quarterEnd, ZERO, type Dec, type IsoDate, type Quarter } from '@lib/common';
import { compareText } from './ordering';
import { type RuleResult, type StatementKey, type StatementStatus } from './types';

/** domain.md "Money rules": manufacturers pay within 37 days of issue; interest accrues from day 38. */
export const PAYMENT_TERM_DAYS = 37;

/** Day n after issue is `issuedOn + n` days, so the due date is day 37 (payment on it is on time). */
export function statementDueDate(issuedOn: IsoDate): IsoDate {
  return addDays(issuedOn, PAYMENT_TERM_DAYS);
}

/** The first day on which interest accrues: day 38 after issue. */
export function interestStartDate(issuedOn: IsoDate): IsoDate {
  return addDays(issuedOn, PAYMENT_TERM_DAYS + 1);
}

export type PaymentState = 'NONE' | 'PARTIAL' | 'FULL';

export type StatementEvent =
  | { type: 'ISSUE' }
  | { type: 'ACKNOWLEDGE' }
  | { type: 'DISPUTE' }
  /** Every dispute of the statement is resolved; `paid` says where payments stand. */
  | { type: 'DISPUTES_RESOLVED'; paid: PaymentState }
  | { type: 'PAYMENT_RECORDED'; paid: Exclude<PaymentState, 'NONE'> };

function paidStatus(paid: PaymentState): StatementStatus {
  return paid === 'FULL' ? 'PAID' : paid === 'PARTIAL' ? 'PARTIALLY_PAID' : 'ACKNOWLEDGED';
}

/**
 * README "Statements and payments": DRAFT -> ISSUED -> ACKNOWLEDGED | DISPUTED -> PAID | PARTIALLY_PAID, and back from
 * DISPUTED when every dispute is resolved. Payments recorded while disputed keep it DISPUTED
 * (the undisputed part may be paid meanwhile). Resolution with nothing paid yet lands on
 * ACKNOWLEDGED: the amounts are then agreed. PAID is final.
 */
export function transitionStatement(from: StatementStatus, event: StatementEvent): RuleResult<StatementStatus> {
  const refuse = (why: string): RuleResult<StatementStatus> => ({
    ok: false,
    reason: `Cannot ${event.type} a ${from} statement: ${why}`,
  });
  const to = (status: StatementStatus): RuleResult<StatementStatus> => ({ ok: true, value: status });

  switch (event.type) {
    case 'ISSUE':
      return from === 'DRAFT' ? to('ISSUED') : refuse('only a DRAFT can be issued; an issued statement never changes');
    case 'ACKNOWLEDGE':
      return from === 'ISSUED' ? to('ACKNOWLEDGED') : refuse('only an ISSUED statement can be acknowledged');
    case 'DISPUTE':
      if (from === 'DRAFT') return refuse('it has not been issued');
      if (from === 'PAID') return refuse('it is fully paid');
      return to('DISPUTED');
    case 'DISPUTES_RESOLVED':
      return from === 'DISPUTED' ? to(paidStatus(event.paid)) : refuse('it has no disputes');
    case 'PAYMENT_RECORDED':
      if (from === 'DRAFT') return refuse('it has not been issued');
      if (from === 'PAID') return refuse('it is already fully paid');
      if (from === 'DISPUTED') return to('DISPUTED');
      return to(paidStatus(event.paid));
  }
}

/** rebate-rules section 8: issued statements never change; only a DRAFT takes new lines. */
export function acceptsNewLines(status: StatementStatus): boolean {
  return status === 'DRAFT';
}

/** The day an automatic quarter close issues the quarter's drafts (e.g. 60 days after quarter end). */
export function automaticIssueDate(quarter: Quarter, daysAfterQuarterEnd: number): IsoDate {
  if (!Number.isInteger(daysAfterQuarterEnd) || daysAfterQuarterEnd < 0) {
    throw new Error(`daysAfterQuarterEnd must be a whole number >= 0, got ${daysAfterQuarterEnd}`);
  }
  return addDays(quarterEnd(quarter), daysAfterQuarterEnd);
}

export interface DraftStatement extends StatementKey {
  status: StatementStatus;
}

/**
 * The DRAFT statements an automatic quarter close issues `today`: those whose quarter ended at
 * least `daysAfterQuarterEnd` days ago (on the day itself, they are due). Sorted by quarter, state,
 * labeler so the run is deterministic; drafts of older quarters that were missed are included.
 */
export function draftsDueForAutomaticIssue<T extends DraftStatement>(
  statements: readonly T[],
  today: IsoDate,
  daysAfterQuarterEnd: number,
): T[] {
  if (!isIsoDate(today)) throw new Error(`Not an ISO date: ${today}`);
  return statements
    .filter((s) => s.status === 'DRAFT' && compareDates(automaticIssueDate(s.quarter, daysAfterQuarterEnd), today) <= 0)
    .sort(
      (a, b) =>
        compareText(a.quarter, b.quarter) || compareText(a.state, b.state) || compareText(a.labelerCode, b.labelerCode),
    );
}

/** Whether an issued statement is past its due date with money still outstanding. */
export function isStatementOverdue(dueOn: IsoDate | null, asOf: IsoDate, outstanding: Dec): boolean {
  return dueOn !== null && compareDates(asOf, dueOn) > 0 && outstanding.greaterThan(ZERO);
}
