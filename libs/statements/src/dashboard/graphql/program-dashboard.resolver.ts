import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentActor, Role, type Actor, CachedRead } from '@lib/common';
import { ProgramDashboardService } from '../program-dashboard.service';
import {
  ProgramDashboardFilterInput,
  ProgramDashboardRowModel,
  toProgramDashboardRowModel,
} from './program-dashboard.model';

@Resolver(() => ProgramDashboardRowModel)
export class ProgramDashboardResolver {
  constructor(private readonly dashboards: ProgramDashboardService) {}

  @Allow(Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF)
  @CachedRead()
  @Query(() => [ProgramDashboardRowModel], {
    description:
      'Program dashboard per state and product: treated and eligible episodes, outcome failures by benchmark, accrued amounts by component, open disputes (states: their state; manufacturers: their products).',
  })
  async programDashboard(
    @CurrentActor() actor: Actor,
    @Args('filter', { nullable: true }) filter?: ProgramDashboardFilterInput,
  ): Promise<ProgramDashboardRowModel[]> {
    return (await this.dashboards.dashboard(actor, filter ?? {})).map(toProgramDashboardRowModel);
  }
}
