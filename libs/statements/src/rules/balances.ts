import { compareDates, maxDec, minDec, sumDecimals, ZERO, type Dec, type IsoDate } from '@lib/common';
import { type Dispute, type Payment, type StatementLine } from './types';
import { type PaymentState } from './statement-lifecycle';

/** What balances and interest read of a line: which one, and its amount. */
export type MoneyLine = Pick<StatementLine, 'lineId' | 'amount'>;

/** What balances and interest read of a statement. */
export interface StatementMoney {
  lines: readonly MoneyLine[];
  disputes: readonly Dispute[];
  payments: readonly Payment[];
}

export interface StatementBalances {
  /** Sum of the lines: what the statement bills (issued statements never change). */
  total: Dec;
  /** Payments received on or before the as-of date. */
  paid: Dec;
  /** Amounts under disputes still open on the as-of date. */
  disputed: Dec;
  /**
   * Amounts of disputes UPHELD by the as-of date (line - agreed amount): not owed in substance, so
   * they bear no interest; but they stay in `outstanding`, because the correction itself is the
   * ledger entry that lands on the next open statement (rebate-rules section 8).
   */
  upheld: Dec;
  /** total - disputed - upheld: what must be paid by the due date. */
  undisputed: Dec;
  /** Payments go to the undisputed amount first, then to the rest. */
  paidToUndisputed: Dec;
  /** total - paid; negative when overpaid (a credit). */
  outstanding: Dec;
  /** max(0, undisputed - paid): the amount interest runs on after the due date. */
  outstandingUndisputed: Dec;
}

/** A line's amount a dispute can hold back: a credit line (negative) holds back nothing. */
function disputable(amount: Dec): Dec {
  return maxDec(amount, ZERO);
}

type DisputeState = 'NONE' | 'OPEN' | 'UPHELD';

/**
 * How a dispute counts on `day`, seen from `asOf`. Our choice (the rules are silent): an UPHELD
 * amount was never owed, so it is held back on every day; an open one from the day it was opened;
 * a DENIED one never (MDRP practice: interest on an amount found owed runs from day 38 as if it
 * had not been disputed). Disputes opened after `asOf` do not exist yet.
 */
function disputeStateOn(dispute: Dispute, day: IsoDate, asOf: IsoDate): DisputeState {
  if (compareDates(dispute.openedOn, asOf) > 0) return 'NONE';
  const r = dispute.resolution;
  if (r !== null && compareDates(r.resolvedOn, asOf) <= 0) return r.outcome === 'UPHELD' ? 'UPHELD' : 'NONE';
  return compareDates(dispute.openedOn, day) <= 0 ? 'OPEN' : 'NONE';
}

/**
 * The amounts held back by disputes on `day`. A whole-statement dispute holds back the whole
 * (positive) total; the sum never exceeds max(0, total), open disputes taking precedence.
 */
export function heldBackOn(money: StatementMoney, day: IsoDate, asOf: IsoDate): { disputed: Dec; upheld: Dec } {
  const total = sumDecimals(money.lines.map((l) => l.amount));
  const cap = disputable(total);
  const perLine = new Map<string, DisputeState>();
  const agreed = new Map<string, Dec>();
  let statementState: DisputeState = 'NONE';
  const stronger = (a: DisputeState, b: DisputeState): DisputeState =>
    a === 'OPEN' || b === 'OPEN' ? 'OPEN' : a === 'UPHELD' || b === 'UPHELD' ? 'UPHELD' : 'NONE';
  for (const d of money.disputes) {
    const state = disputeStateOn(d, day, asOf);
    if (d.scope.kind === 'STATEMENT') statementState = stronger(statementState, state);
    else {
      perLine.set(d.scope.lineId, stronger(perLine.get(d.scope.lineId) ?? 'NONE', state));
      if (state === 'UPHELD' && d.resolution?.outcome === 'UPHELD')
        agreed.set(d.scope.lineId, d.resolution.agreedAmount);
    }
  }
  if (statementState !== 'NONE') {
    return statementState === 'OPEN' ? { disputed: cap, upheld: ZERO } : { disputed: ZERO, upheld: cap };
  }
  let open = ZERO;
  let upheld = ZERO;
  for (const l of money.lines) {
    const state = perLine.get(l.lineId) ?? 'NONE';
    if (state === 'OPEN') open = open.plus(disputable(l.amount));
    // The agreed amount is what the component owes from then on (section 8); when the disputed
    // line is the component's entry (the usual case) the part not owed is line - agreed.
    if (state === 'UPHELD') upheld = upheld.plus(disputable(l.amount.minus(agreed.get(l.lineId) ?? ZERO)));
  }
  const disputed = minDec(open, cap);
  return { disputed, upheld: minDec(upheld, cap.minus(disputed)) };
}

/** Payments received strictly before `day` (a payment stops interest from the next day). */
export function paidBefore(payments: readonly Payment[], day: IsoDate): Dec {
  return sumDecimals(payments.filter((p) => compareDates(p.receivedOn, day) < 0).map((p) => p.amount));
}

/** Paid, disputed and outstanding balances as of the end of `asOf` (README "Statements and payments"). */
export function statementBalances(money: StatementMoney, asOf: IsoDate): StatementBalances {
  const total = sumDecimals(money.lines.map((l) => l.amount));
  const paid = sumDecimals(money.payments.filter((p) => compareDates(p.receivedOn, asOf) <= 0).map((p) => p.amount));
  const { disputed, upheld } = heldBackOn(money, asOf, asOf);
  const undisputed = total.minus(disputed).minus(upheld);
  return {
    total,
    paid,
    disputed,
    upheld,
    undisputed,
    paidToUndisputed: minDec(paid, maxDec(undisputed, ZERO)),
    outstanding: total.minus(paid),
    outstandingUndisputed: maxDec(undisputed.minus(paid), ZERO),
  };
}

/**
 * Where payments stand, for the status transition (statement-lifecycle.ts): FULL once nothing is
 * outstanding (total - paid <= 0), NONE before any payment, PARTIAL in between.
 */
export function paymentStateOf(balances: StatementBalances): PaymentState {
  if (!balances.outstanding.greaterThan(0)) return 'FULL';
  return balances.paid.greaterThan(0) ? 'PARTIAL' : 'NONE';
}
