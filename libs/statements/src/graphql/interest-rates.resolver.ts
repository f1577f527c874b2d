import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentActor, Role, type Actor } from '@lib/common';
import { InterestRatesService } from '../interest-rates.service';
import { InterestRateModel, toInterestRateModel } from './statement.model';
import { SetInterestRateInput } from './statements.inputs';
import { STATEMENT_READERS } from './statements.resolver';

@Resolver(() => InterestRateModel)
export class InterestRatesResolver {
  constructor(private readonly rates: InterestRatesService) {}

  @Allow(...STATEMENT_READERS)
  @Query(() => [InterestRateModel], {
    description: 'The table of annual interest rates on late undisputed amounts, oldest first.',
  })
  async interestRates(@CurrentActor() actor: Actor): Promise<InterestRateModel[]> {
    return (await this.rates.list(actor)).map(toInterestRateModel);
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => InterestRateModel, {
    description:
      'Set the annual interest rate in force from a date (closes the open-ended period the day before); only after the latest rate and not in the past.',
  })
  async setInterestRate(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetInterestRateInput,
  ): Promise<InterestRateModel> {
    return toInterestRateModel(await this.rates.set(actor, { ...input, note: input.note ?? '' }));
  }
}
