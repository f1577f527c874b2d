export * from './rules';
export * from './entities';
export { STATEMENT_ENTITIES } from './statement-entities';
export { StatementStatusStore } from './statement-status.store';
export { StatementsModule } from './statements.module';
export { StatementsWorkerModule } from './statements-worker.module';
export * from './statements.errors';
export * from './disputes/disputes.module';
export * from './disputes/disputes.service';
export * from './disputes/dispute-resolution.service';
export * from './disputes/dispute-queries.service';
export { DisputesGraphqlModule } from './graphql/disputes-graphql.module';
export { StatementReader, toDispute, toPayment, toRatePeriod } from './statement-reader';
export { BalanceFactsReader, type StoredBalanceFacts } from './balance-facts.reader';
export { StatementsService, type StatementFilter, type StatementAccount } from './statements.service';
export { StatementWorkflowService, type IssueQuarterCommand } from './statement-workflow.service';
export { StatementPaymentsService, type RecordPaymentCommand } from './statement-payments.service';
export { InterestRatesService, type SetInterestRateCommand } from './interest-rates.service';
export { StatementSummaryService, type StatementSummary } from './statement-summary.service';
export {
  StatementExportsService,
  STATEMENT_FORMATS,
  STATEMENT_CONTENT_TYPES,
  isStatementFormat,
  type StatementFormat,
} from './statement-exports.service';
export * from './documents';
export { StatementsGraphqlModule } from './graphql/statements-graphql.module';
export {
  ProgramDashboardService,
  type DashboardFilter,
  type DashboardRow,
} from './dashboard/program-dashboard.service';
export { DashboardGraphqlModule } from './dashboard/graphql/dashboard-graphql.module';
export { STATEMENT_FILE_ROUTES } from './http/statement-files.routes';
