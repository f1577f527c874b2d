import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { MoneyScalar, plainLabel, type Dec } from '@lib/common';
import type { DashboardRow } from '../program-dashboard.service';

const QUARTER = /^\d{4}Q[1-4]$/;

@ObjectType('BenchmarkFailureCount', { description: 'How many eligible episodes failed one outcome benchmark.' })
export class BenchmarkFailureCountModel {
  @Field({ description: 'Benchmark code, e.g. VOE12.' })
  benchmarkCode!: string;

  @Field({ description: 'The benchmark in plain words, e.g. "VOE within 12 months".' })
  benchmarkLabel!: string;

  @Field(() => Int, { description: 'Eligible episodes whose benchmark is NOT_MET.' })
  episodes!: number;
}

@ObjectType('AccruedAmount', { description: 'The sum of the ledger entries of one component.' })
export class AccruedAmountModel {
  @Field({ description: 'GUARANTEED, VOLUME or OUTCOME:<benchmark>.' })
  component!: string;

  @Field({ description: 'The component in plain words, e.g. "Guaranteed rebate".' })
  componentLabel!: string;

  @Field(() => MoneyScalar, { description: 'Sum of the signed entries.' })
  amount!: Dec;
}

@ObjectType('ProgramDashboardRow', {
  description: 'Program figures of one state and one product for the period (no beneficiary identity).',
})
export class ProgramDashboardRowModel {
  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field(() => ID, { description: 'The product.' })
  productId!: string;

  @Field({ description: 'Product code, e.g. CASGEVY.' })
  productCode!: string;

  @Field({ description: 'Labeler code of the product.' })
  labelerCode!: string;

  @Field(() => Int, { description: 'Episodes (not voided) administered in the period.' })
  treatedEpisodes!: number;

  @Field(() => Int, { description: 'Of those, the ELIGIBLE ones.' })
  eligibleEpisodes!: number;

  @Field(() => [BenchmarkFailureCountModel], { description: 'Eligible episodes of the period failing each benchmark.' })
  outcomeFailures!: BenchmarkFailureCountModel[];

  @Field(() => [AccruedAmountModel], { description: "Ledger accrued on the period's statements, by component." })
  accrued!: AccruedAmountModel[];

  @Field(() => MoneyScalar, { description: 'Sum of all components.' })
  accruedTotal!: Dec;

  @Field(() => Int, {
    description: "Open disputes on the period's statements of this state and the product's labeler.",
  })
  disputesOpen!: number;
}

@InputType({
  description:
    'Which period and slice a dashboard covers: episodes by administration quarter, ledger entries and disputes by statement quarter. All optional.',
})
export class ProgramDashboardFilterInput {
  @Field({ nullable: true, description: 'One quarter, e.g. 2026Q1 (instead of fromQuarter/toQuarter).' })
  @IsOptional()
  @Matches(QUARTER)
  quarter?: string;

  @Field({ nullable: true, description: 'First quarter of the period (inclusive).' })
  @IsOptional()
  @Matches(QUARTER)
  fromQuarter?: string;

  @Field({ nullable: true, description: 'Last quarter of the period (inclusive).' })
  @IsOptional()
  @Matches(QUARTER)
  toQuarter?: string;

  @Field({ nullable: true, description: 'Only this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  stateCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only this product.' })
  @IsOptional()
  @IsUUID()
  productId?: string;
}

export function toProgramDashboardRowModel(row: DashboardRow): ProgramDashboardRowModel {
  return {
    ...row,
    outcomeFailures: row.outcomeFailures.map((f) => ({
      ...f,
      benchmarkLabel: plainLabel('benchmark', f.benchmarkCode),
    })),
    accrued: row.accrued.map((a) => ({ ...a, componentLabel: plainLabel('component', a.component) })),
  };
}
