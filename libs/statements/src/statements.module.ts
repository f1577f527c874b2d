import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lib/audit';
import { LedgerModule } from '@lib/ledger';
import { InterestRatesService } from './interest-rates.service';
import { STATEMENT_ENTITIES } from './statement-entities';
import { StatementExportsService } from './statement-exports.service';
import { StatementPaymentsService } from './statement-payments.service';
import { StatementReader } from './statement-reader';
import { BalanceFactsReader } from './balance-facts.reader';
import { StatementStatusStore } from './statement-status.store';
import { StatementSummaryService } from './statement-summary.service';
import { StatementWorkflowService } from './statement-workflow.service';
import { StatementsService } from './statements.service';
import { StatementsPortsModule } from './statements-ports.module';

const SERVICES = [
  StatementStatusStore,
  StatementReader,
  BalanceFactsReader,
  StatementsService,
  StatementWorkflowService,
  StatementPaymentsService,
  InterestRatesService,
  StatementSummaryService,
  StatementExportsService,
];

/** Rebate statements, disputes, payments and interest rates (README "Statements and payments"). */
@Module({
  imports: [TypeOrmModule.forFeature(STATEMENT_ENTITIES), AuditModule, LedgerModule, StatementsPortsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class StatementsModule {}
