// The statement, dispute, payment and interest rules (rebate-rules.md section 8) as
// pure functions: no Nest, no TypeORM, no I/O, no clock.
export * from './types';
export { statementQuarterOf, isPriorPeriodAdjustment } from '@lib/ledger';
export {
  PAYMENT_TERM_DAYS,
  statementDueDate,
  interestStartDate,
  transitionStatement,
  acceptsNewLines,
  automaticIssueDate,
  isStatementOverdue,
  draftsDueForAutomaticIssue,
  type PaymentState,
  type StatementEvent,
  type DraftStatement,
} from './statement-lifecycle';
export { statementNumber, parseStatementNumber, type StatementNumberParts } from './statement-number';
export {
  statementTotals,
  type StatementTotals,
  type ComponentTotal,
  type CauseTotal,
  type ServiceQuarterTotal,
} from './statement-totals';
export { STATEMENT_CSV_COLUMNS, statementCsv, compareStatementLines, type StatementCsvInput } from './statement-csv';
export {
  DISPUTE_CODES,
  DEFAULT_DISPUTE_RESOLUTION_DAYS,
  isDisputeCode,
  disputeCodeInfo,
  disputeStatus,
  disputeDueDate,
  disputeAgeDays,
  disputeAgingBucket,
  disputeAgingLabel,
  DISPUTE_AGING_BUCKETS,
  type DisputeAgingBucket,
  isDisputeOverdue,
  disputeViolations,
  openDispute,
  resolveDispute,
  overridesOf,
  type DisputeCodeInfo,
  type OpenDisputeInput,
  type DisputedStatement,
  type ResolveDisputeInput,
  type OverrideRequest,
} from './disputes';
export {
  statementBalances,
  heldBackOn,
  paidBefore,
  paymentStateOf,
  type StatementBalances,
  type StatementMoney,
  type MoneyLine,
} from './balances';
export {
  balanceFactsOf,
  moneyOfFacts,
  balanceViewOf,
  UNDISPUTED_REST_LINE_ID,
  type BalanceFacts,
  type StatementBalanceView,
} from './balance-facts';
export {
  INTEREST_DAY_COUNT_BASIS,
  statementInterest,
  rateOn,
  type InterestResult,
  type InterestSegment,
} from './interest';
export { MAX_PAYMENT_AMOUNT, paymentAmountViolation, splitPayment, type PaymentSplit } from './payment-split';
