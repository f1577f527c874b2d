import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
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
  CachedRead,
} from '@lib/common';
import type { LedgerEntryEntity } from '@lib/ledger';
import type { EpisodeEntity } from '../episode.entity';
import { EpisodesService } from '../episodes.service';
import {
  EpisodeArgs,
  EpisodeConnection,
  type EpisodeDisclosure,
  EpisodeFilterInput,
  EpisodeModel,
  LedgerEntryConnection,
  LedgerEntryFilterInput,
  LedgerEntryModel,
  toEpisodeModel,
  toLedgerEntryModel,
} from './episode.model';

const READERS = [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF];
const LEDGER_OF_EPISODE = Symbol('ledgerEntriesOfEpisode');
const EPISODE_BY_ID = Symbol('episodeById');

@Resolver(() => EpisodeModel)
export class EpisodesResolver {
  constructor(private readonly episodesService: EpisodesService) {}

  @Allow(...READERS)
  @CachedRead()
  @Query(() => EpisodeConnection, {
    description:
      'Treatment episodes by administration date (state staff: their state; manufacturers: their products, without beneficiary ids).',
  })
  async episodes(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: EpisodeFilterInput,
  ): Promise<ConnectionShape<EpisodeModel>> {
    const connection = await this.episodesService.listEpisodes(actor, filter ?? {}, page);
    return mapConnection(connection, (e) => toEpisodeModel(e, this.disclosure(actor, e)));
  }

  @Allow(...READERS)
  @CachedRead()
  @Query(() => EpisodeModel, { description: 'One episode by its reference.' })
  async episode(@CurrentActor() actor: Actor, @Args() args: EpisodeArgs): Promise<EpisodeModel> {
    const episode = await this.episodesService.episodeByRef(actor, args.episodeRef);
    return toEpisodeModel(episode, this.disclosure(actor, episode));
  }

  /** What of this episode the actor sees (README "Security"). */
  private disclosure(actor: Actor, episode: EpisodeEntity): EpisodeDisclosure {
    return {
      beneficiary: this.episodesService.mayReadBeneficiary(actor, episode),
      claimDetail: mayReadClaimDetail(actor, episode.stateCode),
    };
  }

  @ResolveField(() => [LedgerEntryModel], { description: 'Every ledger entry of this episode, oldest first.' })
  async ledgerEntries(@Parent() episode: EpisodeModel, @Context() ctx: GraphqlContext): Promise<LedgerEntryModel[]> {
    const loader = loaderFor(
      ctx,
      LEDGER_OF_EPISODE,
      () =>
        new DataLoader<string, LedgerEntryEntity[]>(async (ids) =>
          alignToKeys(ids, await this.episodesService.ledgerEntriesOfEpisodes(ids), []),
        ),
    );
    return (await loader.load(episode.id)).map(toLedgerEntryModel);
  }
}

@Resolver(() => LedgerEntryModel)
export class LedgerEntriesResolver {
  constructor(private readonly episodesService: EpisodesService) {}

  @Allow(...READERS)
  @CachedRead()
  @Query(() => LedgerEntryConnection, {
    description: 'Rebate ledger entries in the order they were made (scoped like episodes).',
  })
  async ledgerEntries(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: LedgerEntryFilterInput,
  ): Promise<ConnectionShape<LedgerEntryModel>> {
    return mapConnection(await this.episodesService.listLedgerEntries(actor, filter ?? {}, page), toLedgerEntryModel);
  }

  @ResolveField(() => String, { description: 'Reference of the episode the entry belongs to.' })
  async episodeRef(@Parent() entry: LedgerEntryModel, @Context() ctx: GraphqlContext): Promise<string> {
    const loader = loaderFor(
      ctx,
      EPISODE_BY_ID,
      () =>
        new DataLoader<string, EpisodeEntity | undefined>(async (ids) =>
          alignToKeys(ids, await this.episodesService.episodesByIds(ids), undefined),
        ),
    );
    const episode = await loader.load(entry.episodeId);
    if (!episode) throw new Error(`Ledger entry ${entry.id} names a missing episode`);
    return episode.episodeRef;
  }
}
