import { Module } from '@nestjs/common';
import { ProgramDashboardService } from '../program-dashboard.service';
import { ProgramDashboardResolver } from './program-dashboard.resolver';

/**
 * The program dashboard over GraphQL; only apps/api imports it. It lives with statements, the
 * library on top of the tables it groups (episodes, ledger entries, statements and disputes).
 */
@Module({
  providers: [ProgramDashboardService, ProgramDashboardResolver],
  exports: [ProgramDashboardService],
})
export class DashboardGraphqlModule {}
