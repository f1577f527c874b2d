import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentActor, mapConnection, PageArgs, Role, type Actor, type ConnectionShape } from '@lib/common';
import { AuditService } from '../audit.service';
import { AuditEventConnection, AuditEventModel, AuditFilterInput, toAuditEventModel } from './audit-event.model';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Allow(Role.FEDERAL_COORDINATOR, Role.AUDITOR)
  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first (coordinators and auditors).' })
  async auditEvents(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: AuditFilterInput,
  ): Promise<ConnectionShape<AuditEventModel>> {
    return mapConnection(await this.audit.list(actor, filter ?? {}, page), toAuditEventModel);
  }
}
