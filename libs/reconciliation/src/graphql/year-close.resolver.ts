import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentActor, Role, type Actor } from '@lib/common';
import { ContractYearCloseService } from '../year-close/contract-year-close.service';
import {
  CloseContractYearInput,
  ContractYearCloseModel,
  ContractYearCloseResultModel,
  ReopenContractYearInput,
  toContractYearCloseModel,
  toStateReconciledModel,
} from './year-close.model';

@Resolver(() => ContractYearCloseModel)
export class ContractYearCloseResolver {
  constructor(private readonly closes: ContractYearCloseService) {}

  @Allow(Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF)
  @Query(() => [ContractYearCloseModel], {
    description:
      'Every close of the contract years of an agreement, newest first, with what each appended per state ' +
      "(coordinators, auditors, the agreement's manufacturer, and states that participate in it).",
  })
  async contractYearCloses(
    @CurrentActor() actor: Actor,
    @Args('agreementId', { type: () => ID, description: 'The agreement.' }, ParseUUIDPipe) agreementId: string,
  ): Promise<ContractYearCloseModel[]> {
    const closes = await this.closes.history(actor, agreementId);
    const totals = await this.closes.totalsOf(
      actor,
      closes.map((c) => c.id),
    );
    return closes.map((c) => toContractYearCloseModel(c, totals.get(c.id) ?? []));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ContractYearCloseResultModel, {
    description:
      'Close a contract year of an agreement (coordinators; rebate-rules section 6): counts the eligible episodes ' +
      'of all states, sets the volume tier, and appends every episode’s VOLUME rebate at once.',
  })
  async closeContractYear(
    @CurrentActor() actor: Actor,
    @Args('input') input: CloseContractYearInput,
  ): Promise<ContractYearCloseResultModel> {
    const result = await this.closes.close(actor, { agreementId: input.agreementId, year: input.year });
    const totals = await this.closes.totalsOf(actor, [result.close.id]);
    return {
      close: toContractYearCloseModel(result.close, totals.get(result.close.id) ?? []),
      states: result.states.map(toStateReconciledModel),
    };
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => ContractYearCloseModel, {
    description:
      'Reopen a closed contract year (coordinators): its rate stays in force until the year is closed again, ' +
      'which recomputes the tier and appends only the differences.',
  })
  async reopenContractYear(
    @CurrentActor() actor: Actor,
    @Args('input') input: ReopenContractYearInput,
  ): Promise<ContractYearCloseModel> {
    const close = await this.closes.reopen(actor, {
      agreementId: input.agreementId,
      year: input.year,
      reason: input.reason,
    });
    const totals = await this.closes.totalsOf(actor, [close.id]);
    return toContractYearCloseModel(close, totals.get(close.id) ?? []);
  }
}
