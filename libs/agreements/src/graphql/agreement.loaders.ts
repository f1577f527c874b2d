import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { alignToKeys, loaderFor, type Actor, type GraphqlContext } from '@lib/common';
import type { AgreementVersionEntity, NegotiationStepEntity, StateParticipationEntity } from '../agreement.entities';
import { AgreementsService } from '../agreements.service';
import type { TermSheet } from '../term-sheet';

/**
 * Per-request DataLoaders for agreement relations (style.md habit 4). Each is built for the
 * request's actor, so scope filtering happens once per batch in the service.
 */
@Injectable()
export class AgreementLoaders {
  constructor(private readonly agreements: AgreementsService) {}

  versions(ctx: GraphqlContext, actor: Actor): DataLoader<string, AgreementVersionEntity[]> {
    return loaderFor(
      ctx,
      'agreements.versions',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          alignToKeys(ids, await this.agreements.versionsOf(actor, ids), []),
        ),
    );
  }

  /** Term sheets by version id (ids come from the scope-filtered `versions`). */
  terms(ctx: GraphqlContext): DataLoader<string, TermSheet | null> {
    return loaderFor(
      ctx,
      'agreements.terms',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          alignToKeys(ids, await this.agreements.termsByVersionIds(ids), null),
        ),
    );
  }

  steps(ctx: GraphqlContext, actor: Actor): DataLoader<string, NegotiationStepEntity[]> {
    return loaderFor(
      ctx,
      'agreements.steps',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          alignToKeys(ids, await this.agreements.stepsOf(actor, ids), []),
        ),
    );
  }

  participations(ctx: GraphqlContext, actor: Actor): DataLoader<string, StateParticipationEntity[]> {
    return loaderFor(
      ctx,
      'agreements.participations',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          alignToKeys(ids, await this.agreements.participationsOf(actor, ids), []),
        ),
    );
  }
}
