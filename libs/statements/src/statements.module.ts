import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lib/audit';
import { STATEMENT_ENTITIES } from './statement-entities';
import { StatementStatusStore } from './statement-status.store';

/** Rebate statements, disputes, payments and interest rates (issue 5). */
@Module({
  imports: [TypeOrmModule.forFeature(STATEMENT_ENTITIES), AuditModule],
  providers: [StatementStatusStore],
  exports: [StatementStatusStore],
})
export class StatementsModule {}
