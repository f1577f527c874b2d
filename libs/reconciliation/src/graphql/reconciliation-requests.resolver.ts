import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AgreementModel, StateParticipationModel } from '@lib/agreements';
import { Allow, CurrentActor, mapConnection, PageArgs, Role, type Actor, type ConnectionShape } from '@lib/common';
import { ReconciliationRequestsReader } from '../outbox/reconciliation-requests.reader';
import {
  ReconciliationRequestConnection,
  ReconciliationRequestFilterInput,
  ReconciliationRequestModel,
  toReconciliationRequestModel,
} from './reconciliation-request.model';

const RECORDED_DESCRIPTION =
  'The reconciliation requests the change answered here recorded (one per affected state), in the answer of the mutation that made it; null elsewhere (see reconciliationRequests(filter: {causeId})).';

/** The reconciliation outbox: `reconciliationRequests(filter)`. */
@Resolver(() => ReconciliationRequestModel)
export class ReconciliationRequestsResolver {
  constructor(private readonly requests: ReconciliationRequestsReader) {}

  @Allow(Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF)
  @Query(() => ReconciliationRequestConnection, {
    description:
      'Reconciliations asked for by joins, leaves, amendments and expiries, newest first, with whether and when each ran (state staff: their own state; coordinators and auditors: all).',
  })
  async reconciliationRequests(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: ReconciliationRequestFilterInput,
  ): Promise<ConnectionShape<ReconciliationRequestModel>> {
    return mapConnection(await this.requests.list(actor, filter ?? {}, page), toReconciliationRequestModel);
  }
}

/** `StateParticipation.reconciliationRequests`: what joinAgreement and leaveAgreement recorded. */
@Resolver(() => StateParticipationModel)
export class ParticipationRequestsResolver {
  constructor(private readonly requests: ReconciliationRequestsReader) {}

  @ResolveField(() => [ReconciliationRequestModel], { nullable: true, description: RECORDED_DESCRIPTION })
  async reconciliationRequests(
    @Parent() participation: StateParticipationModel,
    @CurrentActor() actor: Actor,
  ): Promise<ReconciliationRequestModel[] | null> {
    if (!participation.requestIds) return null;
    return (await this.requests.recorded(actor, participation.requestIds)).map(toReconciliationRequestModel);
  }
}

/** `Agreement.reconciliationRequests`: what acceptAgreementVersion (an amendment) and expireAgreement recorded. */
@Resolver(() => AgreementModel)
export class AgreementRequestsResolver {
  constructor(private readonly requests: ReconciliationRequestsReader) {}

  @ResolveField(() => [ReconciliationRequestModel], { nullable: true, description: RECORDED_DESCRIPTION })
  async reconciliationRequests(
    @Parent() agreement: AgreementModel,
    @CurrentActor() actor: Actor,
  ): Promise<ReconciliationRequestModel[] | null> {
    if (!agreement.requestIds) return null;
    return (await this.requests.recorded(actor, agreement.requestIds)).map(toReconciliationRequestModel);
  }
}
