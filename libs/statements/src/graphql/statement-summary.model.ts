import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar, MoneyScalar, plainLabel, type Dec } from '@lib/common';
import type { StatementSummary } from '../statement-summary.service';

@ObjectType('StatementSummaryAmount', { description: 'Ledger amounts of one quarter, state, product and component.' })
export class SummaryAmountModel {
  @Field({ description: 'Statement quarter.' })
  quarter!: string;

  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field({ description: 'Labeler code of the product.' })
  labelerCode!: string;

  @Field({ description: 'Product code.' })
  product!: string;

  @Field({ description: 'GUARANTEED, VOLUME or OUTCOME:<benchmark>.' })
  component!: string;

  @Field({ description: 'The component in plain words, e.g. "Outcome rebate: VOE within 12 months".' })
  componentLabel!: string;

  @Field(() => MoneyScalar, { description: 'Sum of the lines.' })
  amount!: Dec;

  @Field(() => Int, { description: 'How many lines.' })
  lineCount!: number;
}

@ObjectType('StatementSummaryBalance', { description: 'Money of the statements of one quarter and state.' })
export class SummaryBalanceModel {
  @Field({ description: 'Statement quarter.' })
  quarter!: string;

  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field(() => Int, { description: 'How many statements (one per labeler code).' })
  statements!: number;

  @Field(() => Int, { description: 'How many of them are issued.' })
  issued!: number;

  @Field(() => MoneyScalar, { description: 'What the statements bill.' })
  billed!: Dec;

  @Field(() => MoneyScalar, { description: 'Payments received.' })
  paid!: Dec;

  @Field(() => MoneyScalar, { description: 'Under open disputes.' })
  disputed!: Dec;

  @Field(() => MoneyScalar, { description: 'billed - paid.' })
  outstanding!: Dec;

  @Field(() => MoneyScalar, { description: 'Unpaid undisputed amounts.' })
  outstandingUndisputed!: Dec;

  @Field(() => MoneyScalar, { description: 'Interest owed as of the summary date.' })
  interestOwed!: Dec;
}

@ObjectType('StatementSummary', {
  description: 'Cross-state summary of statements: per quarter, state, product and component, with balances.',
})
export class StatementSummaryModel {
  @Field(() => DateScalar, { description: 'Balances and interest are as of this day.' })
  asOf!: string;

  @Field(() => MoneyScalar, { description: 'Sum of every amount row.' })
  total!: Dec;

  @Field(() => MoneyScalar, { description: 'Sum of outstanding balances.' })
  outstanding!: Dec;

  @Field(() => MoneyScalar, { description: 'Sum of interest owed.' })
  interestOwed!: Dec;

  @Field(() => [SummaryAmountModel], { description: 'Amounts by quarter, state, product and component.' })
  amounts!: SummaryAmountModel[];

  @Field(() => [SummaryBalanceModel], { description: 'Balances by quarter and state.' })
  balances!: SummaryBalanceModel[];
}

export function toStatementSummaryModel(summary: StatementSummary): StatementSummaryModel {
  return {
    ...summary,
    amounts: summary.amounts.map((a) => ({ ...a, componentLabel: plainLabel('component', a.component) })),
  };
}
