import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { Connection } from '@lib/common';
import {
  specFromJson,
  type ComparisonResult,
  type FailureModel,
  type ScopeResult,
  type SimulationResult,
  type StateAssumptions,
  type Stats,
  type TreatedModel,
  type VolumePool,
  type YearResult,
} from '../engine';
import type { TermSheetSimulationEntity } from '../simulation.entity';
import type { ResolvedDefaults } from '../simulations.service';

@ObjectType('SimulationStats', { description: 'Mean and P5 / P50 / P95 over trials (money in dollars, 2 decimals).' })
export class StatsModel {
  @Field({ description: 'Mean over trials.' }) mean!: string;
  @Field({ description: '5th percentile over trials.' }) p5!: string;
  @Field({ description: 'Median over trials.' }) p50!: string;
  @Field({ description: '95th percentile over trials.' }) p95!: string;
}

@ObjectType('SimulationBenchmarkAmount', { description: 'Simulation benchmark amount.' })
export class BenchmarkAmountModel {
  @Field({ description: 'Outcome benchmark code (e.g. VOE12).' }) benchmarkCode!: string;
  @Field(() => StatsModel, { description: 'Outcome rebates of this benchmark.' }) amount!: Stats;
}

@ObjectType('SimulationScopeResult', { description: 'A state, or all states (stateCode null), over the whole run.' })
export class ScopeResultModel {
  @Field(() => String, { nullable: true, description: 'USPS code of the state; null for all states together.' })
  stateCode!: string | null;
  @Field(() => StatsModel, { description: 'Treated patients per trial.' }) treatedPatients!: Stats;
  @Field(() => StatsModel, { description: 'Gross spend at WAC.' }) gross!: Stats;
  @Field(() => StatsModel, { description: 'GUARANTEED rebates.' }) guaranteed!: Stats;
  @Field(() => StatsModel, { description: 'VOLUME rebates (pooled volume tier at each year close).' }) volume!: Stats;
  @Field(() => StatsModel, { description: 'OUTCOME rebates, all benchmarks.' }) outcome!: Stats;
  @Field(() => [BenchmarkAmountModel], { description: 'OUTCOME rebates per benchmark.' })
  outcomeByBenchmark!: BenchmarkAmountModel[];
  @Field(() => StatsModel, { description: 'All supplemental rebates.' }) rebates!: Stats;
  @Field(() => StatsModel, { description: 'Gross spend minus supplemental rebates.' }) net!: Stats;
  @Field(() => StatsModel, {
    nullable: true,
    description: 'Net spend per treated patient (null when no trial treated anyone).',
  })
  netPricePerPatient!: Stats | null;
  @Field(() => Float, { description: 'Share of treated patients whose rebates the cap cut.' })
  capBindsPatientShare!: number;
  @Field(() => Float, { description: 'Share of trials in which the cap cut some patient’s rebates.' })
  capBindsTrialProbability!: number;
}

@ObjectType('SimulationYearResult', { description: 'Money booked in one calendar year (stateCode null: all states).' })
export class YearResultModel {
  @Field(() => Int, { description: 'Calendar year.' }) year!: number;
  @Field(() => String, { nullable: true, description: 'USPS code of the state; null for all states together.' })
  stateCode!: string | null;
  @Field({ description: 'Mean patients treated (administered) in the year.' }) treatedPatientsMean!: string;
  @Field({ description: 'Mean gross spend (WAC) booked in the year.' }) grossMean!: string;
  @Field({ description: 'Mean rebates booked in the year.' }) rebatesMean!: string;
  @Field(() => String, { nullable: true, description: 'All states only: mean GUARANTEED booked in the year.' })
  guaranteedMean!: string | null;
  @Field(() => String, { nullable: true, description: 'All states only: mean VOLUME booked in the year.' })
  volumeMean!: string | null;
  @Field(() => String, { nullable: true, description: 'All states only: mean OUTCOME booked in the year.' })
  outcomeMean!: string | null;
  @Field(() => StatsModel, { description: 'Net spend (gross minus rebates).' }) net!: Stats;
}

@ObjectType('SimulationQuarterTiming', { description: 'Expected rebates in the quarter the ledger would stamp them.' })
export class QuarterTimingModel {
  @Field({ description: 'Quarter like 2027Q1.' }) quarter!: string;
  @Field({ description: 'GUARANTEED rebates.' }) guaranteed!: string;
  @Field({ description: 'VOLUME rebates (pooled volume tier at each year close).' }) volume!: string;
  @Field({ description: 'OUTCOME rebates, all benchmarks.' }) outcome!: string;
}

@ObjectType('SimulationMonthsToRebate', {
  description: 'Dollar-weighted mean months from administration to the entry.',
})
export class MonthsToRebateModel {
  @Field(() => Float, { nullable: true, description: 'GUARANTEED rebates.' }) guaranteed!: number | null;
  @Field(() => Float, { nullable: true, description: 'VOLUME rebates (pooled volume tier at each year close).' })
  volume!: number | null;
  @Field(() => Float, { nullable: true, description: 'OUTCOME rebates, all benchmarks.' }) outcome!: number | null;
  @Field(() => Float, { nullable: true, description: 'All components together.' }) all!: number | null;
}

@ObjectType('SimulationTiming', { description: 'Simulation timing.' })
export class TimingModel {
  @Field(() => [QuarterTimingModel], { description: 'Quarters with expected rebates, in order.' })
  quarters!: QuarterTimingModel[];
  @Field(() => MonthsToRebateModel, { description: 'When the money comes back, on average.' })
  meanMonthsToRebate!: MonthsToRebateModel;
}

@ObjectType('SimulationResult', { description: 'Simulation result.' })
export class SimulationResultModel {
  @Field({ description: 'Version of the simulation engine.' }) engineVersion!: string;
  @Field(() => Int, { description: 'Trials run.' }) trials!: number;
  @Field(() => Float, { description: 'Seed of the pseudo-random streams.' }) seed!: number;
  @Field(() => Int, { description: 'First contract year simulated.' }) startYear!: number;
  @Field(() => Int, { description: 'Years of administrations simulated.' }) horizonYears!: number;
  @Field(() => [Int], { description: 'Calendar years money is booked in.' }) years!: number[];
  @Field(() => ScopeResultModel, { description: 'All states together.' }) total!: ScopeResult;
  @Field(() => [ScopeResultModel], { description: 'Per state.' }) states!: ScopeResult[];
  @Field(() => [YearResultModel], { description: 'Per booking year: all states (stateCode null) and each state.' })
  yearly!: YearResult[];
  @Field(() => TimingModel, { description: 'Expected rebate timing.' }) timing!: SimulationResult['timing'];
  @Field(() => String, { nullable: true, description: 'Mean patients of the volume pool per trial.' })
  volumePoolPatientsMean!: string | null;
  @Field(() => [String], { description: 'Facts about the inputs worth knowing.' }) notes!: string[];
  @Field(() => Int, { description: 'Milliseconds the simulation took.' }) elapsedMs!: number;
}

@ObjectType('SimulationScopeDifference', { description: 'A and B side by side (B - A) for a state or all states.' })
export class ScopeDifferenceModel {
  @Field(() => String, { nullable: true, description: 'USPS code of the state; null for all states together.' })
  stateCode!: string | null;
  @Field({ description: 'Mean net spend under A.' }) netSpendA!: string;
  @Field({ description: 'Mean net spend under B.' }) netSpendB!: string;
  @Field({ description: 'B minus A.' }) netSpendDifference!: string;
  @Field(() => String, { nullable: true, description: 'Net price per patient under A.' }) netPricePerPatientA!:
    string | null;
  @Field(() => String, { nullable: true, description: 'Net price per patient under B.' }) netPricePerPatientB!:
    string | null;
  @Field(() => String, { nullable: true, description: 'B minus A.' }) netPricePerPatientDifference!: string | null;
  @Field({ description: 'Mean rebates under A.' }) rebatesA!: string;
  @Field({ description: 'Mean rebates under B.' }) rebatesB!: string;
}

@ObjectType('SimulationLowHigh', { description: 'Simulation low high.' })
export class LowHighModel {
  @Field(() => String, { nullable: true, description: 'At the low value.' }) low!: string | null;
  @Field(() => String, { nullable: true, description: 'At the high value.' }) high!: string | null;
}

@ObjectType('SimulationSensitivityRow', { description: 'One assumption moved low and high, all else as given.' })
export class SensitivityRowModel {
  @Field({ description: 'The assumption moved.' }) assumption!: string;
  @Field({ description: 'Its low value.' }) lowLabel!: string;
  @Field({ description: 'Its high value.' }) highLabel!: string;
  @Field(() => LowHighModel, { description: 'Net price per patient under A.' }) netPricePerPatientA!: LowHighModel;
  @Field(() => LowHighModel, { description: 'Net price per patient under B.' }) netPricePerPatientB!: LowHighModel;
  @Field(() => String, { nullable: true, description: 'B minus A at the low value.' }) differenceLow!: string | null;
  @Field(() => String, { nullable: true, description: 'B minus A at the high value.' }) differenceHigh!: string | null;
  @Field({ description: 'How far this assumption moves the difference in net price per patient.' }) swing!: string;
}

@ObjectType('SimulationTreatedModel', { description: 'Simulation treated model.' })
export class TreatedModelModel {
  @Field({ description: 'FIXED, POISSON or NEGATIVE_BINOMIAL.' }) distribution!: string;
  @Field(() => Float, { description: 'Mean treated patients per full year.' }) perYear!: number;
  @Field(() => Float, { nullable: true, description: 'Negative binomial size (variance = mean + mean^2 / size).' })
  dispersion!: number | null;
  @Field({ description: 'USER, PLATFORM_DATA or ASSUMED.' }) source!: string;
  @Field({ description: 'What the figure is based on.' }) note!: string;
}

@ObjectType('SimulationHazardPiece', { description: 'Simulation hazard piece.' })
export class HazardPieceModel {
  @Field(() => Int, { description: 'From this month since administration on.' }) fromMonth!: number;
  @Field(() => Float, { description: 'Monthly probability of a first qualifying event.' }) monthlyProbability!: number;
}

@ObjectType('SimulationFailureModel', { description: 'Simulation failure model.' })
export class FailureModelModel {
  @Field({ description: 'Outcome benchmark code (e.g. VOE12).' }) benchmarkCode!: string;
  @Field(() => [HazardPieceModel], { description: 'Piecewise-constant monthly hazard.' }) hazard!: HazardPieceModel[];
  @Field({ description: 'USER, PLATFORM_DATA or ASSUMED.' }) source!: string;
  @Field({ description: 'What the figure is based on.' }) note!: string;
}

@ObjectType('SimulationStateAssumption', { description: 'Simulation state assumption.' })
export class StateAssumptionModel {
  @Field({ description: 'USPS code of the state; null for all states together.' }) stateCode!: string;
  @Field(() => String, { nullable: true, description: 'First day the state’s administrations count.' })
  participationFrom!: string | null;
  @Field(() => TreatedModelModel, { description: 'Treated patients per year.' }) treated!: TreatedModel;
  @Field(() => [Float], { description: 'Multiplier of the yearly rate per simulated year.' }) uptakeRamp!: number[];
  @Field(() => [FailureModelModel], { description: 'Failure model per benchmark.' }) failure!: FailureModel[];
}

@ObjectType('SimulationVolumePool', { description: 'Simulation volume pool.' })
export class VolumePoolModel {
  @Field(() => TreatedModelModel, { description: 'Treated patients per year.' }) treated!: TreatedModel;
  @Field(() => [Float], { description: 'Multiplier of the yearly rate per simulated year.' }) uptakeRamp!: number[];
  @Field({ description: 'USER, PLATFORM_DATA or ASSUMED.' }) source!: string;
  @Field({ description: 'What the figure is based on.' }) note!: string;
}

@ObjectType('SimulationDefaults', { description: 'The assumptions a run gets unless given, labelled by source.' })
export class SimulationDefaultsModel {
  @Field(() => Int, { description: 'First contract year simulated.' }) startYear!: number;
  @Field(() => Int, { description: 'Years of administrations simulated.' }) horizonYears!: number;
  @Field(() => Int, { description: 'Trials run.' }) trials!: number;
  @Field(() => [StateAssumptionModel], { description: 'Per state.' }) states!: StateAssumptions[];
  @Field(() => VolumePoolModel, {
    nullable: true,
    description: 'Patients outside the results that count toward the volume tier.',
  })
  volumePool!: VolumePool | null;
}

@ObjectType('TermSheetSimulation', {
  description: 'One simulation run, its complete input and (once done) its result.',
})
export class TermSheetSimulationModel {
  @Field(() => ID, { description: 'Simulation id.' }) id!: string;
  @Field({ description: 'SINGLE or COMPARISON.' }) kind!: string;
  @Field({ description: 'QUEUED, RUNNING, COMPLETED or FAILED.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Free label.' }) label!: string | null;
  @Field(() => ID, { description: 'The product.' }) productId!: string;
  @Field(() => ID, { nullable: true, description: 'The agreement simulated (null for unsaved terms).' }) agreementId!:
    string | null;
  @Field(() => Int, { nullable: true, description: 'Its version.' }) versionNumber!: number | null;
  @Field(() => ID, { nullable: true, description: 'B of a comparison: the agreement.' }) compareAgreementId!:
    string | null;
  @Field(() => Int, { nullable: true, description: 'B of a comparison: the version.' }) compareVersionNumber!:
    number | null;
  @Field(() => Float, { description: 'Seed of the pseudo-random streams.' }) seed!: number;
  @Field(() => Int, { description: 'Trials run.' }) trials!: number;
  @Field(() => Int, { description: 'First contract year simulated.' }) startYear!: number;
  @Field(() => Int, { description: 'Years of administrations simulated.' }) horizonYears!: number;
  @Field({ description: 'Version of the simulation engine.' }) engineVersion!: string;
  @Field({ description: 'SHA-256 of the stored input: the same input gives the same result.' }) specSha256!: string;
  @Field(() => ID, { nullable: true, description: 'The run this one reproduces.' }) reproduces!: string | null;
  @Field({ description: 'Who asked for it.' }) createdByLabel!: string;
  @Field({ description: 'When it was asked for.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it finished.' }) completedAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Milliseconds the simulation took.' }) elapsedMs!: number | null;
  @Field(() => String, { nullable: true, description: 'Why it failed.' }) failureReason!: string | null;
  @Field(() => [StateAssumptionModel], { description: 'The assumptions used, by state, with their sources.' })
  assumptions!: StateAssumptions[];
  @Field(() => VolumePoolModel, {
    nullable: true,
    description: 'Patients outside the results that count toward the volume tier.',
  })
  volumePool!: VolumePool | null;
  @Field(() => GraphQLJSON, { description: 'The complete stored input (terms, assumptions, seed).' }) input!: unknown;
  @Field(() => SimulationResultModel, { nullable: true, description: 'The result (A of a comparison).' })
  result!: SimulationResult | null;
  @Field(() => SimulationResultModel, { nullable: true, description: 'B of a comparison.' })
  compareResult!: SimulationResult | null;
  @Field(() => [ScopeDifferenceModel], { nullable: true, description: 'Differences.' }) differences!:
    ComparisonResult['differences'] | null;
  @Field(() => [SensitivityRowModel], { nullable: true, description: 'Sensitivity.' }) sensitivity!:
    ComparisonResult['sensitivity'] | null;
}

export const TermSheetSimulationConnection = Connection(TermSheetSimulationModel, 'TermSheetSimulation');

export function toSimulationModel(row: TermSheetSimulationEntity): TermSheetSimulationModel {
  const spec = specFromJson(row.spec.base);
  const single = row.result?.kind === 'SINGLE' ? row.result.result : null;
  const comparison = row.result?.kind === 'COMPARISON' ? row.result.comparison : null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    label: row.label,
    productId: row.productId,
    agreementId: row.agreementId,
    versionNumber: row.versionNumber,
    compareAgreementId: row.compareAgreementId,
    compareVersionNumber: row.compareVersionNumber,
    seed: row.seed,
    trials: row.trials,
    startYear: spec.startYear,
    horizonYears: spec.horizonYears,
    engineVersion: row.engineVersion,
    specSha256: row.specSha256,
    reproduces: row.reproduces,
    createdByLabel: row.createdByLabel,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    elapsedMs: row.elapsedMs,
    failureReason: row.failureReason,
    assumptions: spec.states,
    volumePool: spec.volumePool,
    input: row.spec,
    result: single ?? comparison?.a ?? null,
    compareResult: comparison?.b ?? null,
    differences: comparison?.differences ?? null,
    sensitivity: comparison?.sensitivity ?? null,
  };
}

export function toDefaultsModel(d: ResolvedDefaults): SimulationDefaultsModel {
  return { ...d };
}
