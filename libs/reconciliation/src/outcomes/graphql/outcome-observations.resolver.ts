import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import {
  Allow,
  CurrentActor,
  alignToKeys,
  loaderFor,
  mapConnection,
  mayReadClaimDetail,
  PageArgs,
  Role,
  type Actor,
  type ConnectionShape,
  type GraphqlContext,
} from '@lib/common';
import { EpisodeModel, OutcomeEventModel } from '../../graphql/episode.model';
import type { OutcomeObservationEntity } from '../outcome-observation.entity';
import { OutcomeObservationsService } from '../outcome-observations.service';
import {
  OutcomeObservationConnection,
  OutcomeObservationFilterArgs,
  OutcomeObservationModel,
  ReportOutcomeObservationInput,
  toOutcomeObservationModel,
  WithdrawOutcomeObservationInput,
} from './outcome-observation.model';

const READERS = [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF];
const REPORTERS = [Role.FEDERAL_COORDINATOR, Role.STATE_STAFF];
const OBSERVATIONS_OF_EPISODE = Symbol('observationsOfEpisode');
const OBSERVATION_BY_ID = Symbol('observationById');

/** An observation as this actor may see it (claim detail for coordinators, auditors, the reporting state). */
const toModel = (actor: Actor, o: OutcomeObservationEntity): OutcomeObservationModel =>
  toOutcomeObservationModel(o, mayReadClaimDetail(actor, o.stateCode));

@Resolver(() => OutcomeObservationModel)
export class OutcomeObservationsResolver {
  constructor(private readonly observations: OutcomeObservationsService) {}

  @Allow(...READERS)
  @Query(() => OutcomeObservationConnection, {
    description:
      'Outcome observations, latest report last (scoped like episodes: state staff their state, manufacturers their products).',
  })
  async outcomeObservations(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args() filter: OutcomeObservationFilterArgs,
  ): Promise<ConnectionShape<OutcomeObservationModel>> {
    return mapConnection(await this.observations.list(actor, filter, page), (o) => toModel(actor, o));
  }

  @Allow(...REPORTERS)
  @Mutation(() => OutcomeObservationModel, {
    description:
      "Report an outcome event of an episode (state staff of the episode's state, or a coordinator); the state is reconciled at once.",
  })
  async reportOutcomeObservation(
    @CurrentActor() actor: Actor,
    @Args('input') input: ReportOutcomeObservationInput,
  ): Promise<OutcomeObservationModel> {
    return toModel(actor, await this.observations.report(actor, input));
  }

  @Allow(...REPORTERS)
  @Mutation(() => OutcomeObservationModel, {
    description: 'Withdraw an outcome observation with a reason; the state is reconciled at once (entries reverse).',
  })
  async withdrawOutcomeObservation(
    @CurrentActor() actor: Actor,
    @Args('input') input: WithdrawOutcomeObservationInput,
  ): Promise<OutcomeObservationModel> {
    return toModel(actor, await this.observations.withdraw(actor, input));
  }
}

/** The observations of an episode the caller can already see, withdrawn ones included. */
@Resolver(() => EpisodeModel)
export class EpisodeObservationsResolver {
  constructor(private readonly service: OutcomeObservationsService) {}

  @ResolveField(() => [OutcomeObservationModel], {
    description: 'Outcome observations reported for this episode, withdrawn ones included (see withdrawnAt).',
  })
  async observations(
    @CurrentActor() actor: Actor,
    @Parent() episode: EpisodeModel,
    @Context() ctx: GraphqlContext,
  ): Promise<OutcomeObservationModel[]> {
    const loader = loaderFor(
      ctx,
      OBSERVATIONS_OF_EPISODE,
      () =>
        new DataLoader<string, OutcomeObservationEntity[]>(async (ids) =>
          alignToKeys(ids, await this.service.ofEpisodes(ids), []),
        ),
    );
    return (await loader.load(episode.id)).map((o) => toModel(actor, o));
  }
}

/** The evidence of a NOT_MET benchmark decided by a reported observation. */
@Resolver(() => OutcomeEventModel)
export class OutcomeEventObservationResolver {
  constructor(private readonly observations: OutcomeObservationsService) {}

  @ResolveField(() => OutcomeObservationModel, {
    nullable: true,
    description: 'The observation (with its evidence reference) for OBSERVATION events; null for claim events.',
  })
  async observation(
    @CurrentActor() actor: Actor,
    @Parent() event: OutcomeEventModel,
    @Context() ctx: GraphqlContext,
  ): Promise<OutcomeObservationModel | null> {
    if (!event.observationId) return null;
    const loader = loaderFor(
      ctx,
      OBSERVATION_BY_ID,
      () =>
        new DataLoader<string, OutcomeObservationEntity | null>(async (ids) =>
          alignToKeys(ids, await this.observations.byIds(ids), null),
        ),
    );
    const observation = await loader.load(event.observationId);
    return observation ? toModel(actor, observation) : null;
  }
}
