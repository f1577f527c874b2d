import { sumDecimals, type Dec, type IsoDate } from '@lib/common';
import { statementBalances, type MoneyLine, type StatementBalances, type StatementMoney } from './balances';
import { statementInterest, type InterestResult } from './interest';
import { interestStartDate } from './statement-lifecycle';
import { type InterestRatePeriod } from './types';

/**
 * The few stored facts balances and interest depend on (docs/architecture.md "Fast reads"): the statement's total, the
 * amounts of the lines some dispute names, its disputes and its payments. Nothing else about the
 * lines matters to the rules: `heldBackOn` looks at a line only when a dispute names it, and
 * interest only at the sum. So a statement of thousands of lines is computed from a handful of
 * numbers read set-based (balance-facts.reader.ts), with the very same rules.
 */
export interface BalanceFacts {
  /** Sum of every line. */
  total: Dec;
  /** The lines of this statement a line dispute names (each once). */
  disputedLines: readonly MoneyLine[];
  disputes: StatementMoney['disputes'];
  payments: StatementMoney['payments'];
}

/** The id of the line that stands for every line no dispute names (never a ledger entry id). */
export const UNDISPUTED_REST_LINE_ID = '';

/** The facts of a statement known line by line (the randomized comparison uses this). */
export function balanceFactsOf(money: StatementMoney): BalanceFacts {
  const named = new Set(money.disputes.flatMap((d) => (d.scope.kind === 'LINE' ? [d.scope.lineId] : [])));
  return {
    total: sumDecimals(money.lines.map((l) => l.amount)),
    disputedLines: money.lines.filter((l) => named.has(l.lineId)),
    disputes: money.disputes,
    payments: money.payments,
  };
}

/**
 * The statement as the rules read it: the disputed lines, plus one line carrying the rest of the
 * total. Same total, same disputed amounts on every day, so the same balances and interest.
 */
export function moneyOfFacts(facts: BalanceFacts): StatementMoney {
  const rest = facts.total.minus(sumDecimals(facts.disputedLines.map((l) => l.amount)));
  return {
    lines: [...facts.disputedLines, { lineId: UNDISPUTED_REST_LINE_ID, amount: rest }],
    disputes: facts.disputes,
    payments: facts.payments,
  };
}

/** Balances and interest of one statement as of a day: what lists, summaries and documents show. */
export interface StatementBalanceView {
  asOf: IsoDate;
  balances: StatementBalances;
  /** Null for a DRAFT (nothing is due yet) or when the rate table has a gap (see interestProblem). */
  interest: InterestResult | null;
  /** The first day interest runs (day 38 after issue); null for a DRAFT. */
  interestStartsOn: IsoDate | null;
  interestProblem: string | null;
}

/** Balances (README "Statements and payments") and interest of a statement from its facts; `issuedOn` null for a DRAFT. */
export function balanceViewOf(
  facts: BalanceFacts,
  issuedOn: IsoDate | null,
  asOf: IsoDate,
  rates: readonly InterestRatePeriod[],
): StatementBalanceView {
  const money = moneyOfFacts(facts);
  let interest: InterestResult | null = null;
  let interestProblem: string | null = null;
  if (issuedOn !== null) {
    try {
      interest = statementInterest(money, issuedOn, asOf, rates);
    } catch (error) {
      // A gap in the coordinator's rate table: show the balances, name the missing rate.
      interestProblem = error instanceof Error ? error.message : String(error);
    }
  }
  return {
    asOf,
    balances: statementBalances(money, asOf),
    interest,
    interestStartsOn: issuedOn === null ? null : interestStartDate(issuedOn),
    interestProblem,
  };
}
