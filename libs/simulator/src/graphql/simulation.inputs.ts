import { Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TermSheetInput } from '@lib/agreements';
import { DateScalar } from '@lib/common';
import { LIMITS } from '../engine';

// Structure only; the rules live in the engine's validateSimulationSpec (one place).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const USPS = /^[A-Z]{2}$/;

export enum TreatedDistributionEnum {
  FIXED = 'FIXED',
  POISSON = 'POISSON',
  NEGATIVE_BINOMIAL = 'NEGATIVE_BINOMIAL',
}
registerEnumType(TreatedDistributionEnum, {
  name: 'TreatedDistribution',
  description: 'FIXED: exactly the (rounded) count; POISSON: a rate; NEGATIVE_BINOMIAL: a rate with uncertainty.',
});

@InputType({ description: 'What to simulate: an agreement version, or an unsaved term sheet for a product.' })
export class SimulationSubjectInput {
  @Field(() => ID, { nullable: true, description: 'An agreement you may read.' })
  @IsOptional()
  @IsUUID()
  agreementId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Its version; the latest you may read when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  versionNumber?: number | null;

  @Field(() => ID, { nullable: true, description: 'Unsaved terms: the product.' })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @Field(() => TermSheetInput, {
    nullable: true,
    description: 'Unsaved terms (coordinators, the product’s manufacturer).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TermSheetInput)
  terms?: TermSheetInput | null;
}

@InputType({ description: 'Treated patients per year of participation.' })
export class TreatedModelInput {
  @Field(() => TreatedDistributionEnum, { description: 'FIXED, POISSON or NEGATIVE_BINOMIAL.' })
  @IsEnum(TreatedDistributionEnum)
  distribution!: TreatedDistributionEnum;

  @Field(() => Float, { description: 'Mean patients per full year (FIXED: the count).' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMITS.maxPerYear)
  perYear!: number;

  @Field(() => Float, { nullable: true, description: 'NEGATIVE_BINOMIAL only: variance = mean + mean^2 / dispersion.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  dispersion?: number | null;
}

@InputType({ description: 'From this month since administration (months(A, E), rebate-rules section 5) on.' })
export class HazardPieceInput {
  @Field(() => Int, { description: 'From this month since administration on.' })
  @IsInt()
  @Min(0)
  @Max(600)
  fromMonth!: number;

  @Field(() => Float, { description: 'Probability of a first qualifying event in each such month, given none before.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  monthlyProbability!: number;
}

@InputType({ description: 'A failure model for one benchmark: a piecewise-constant monthly hazard.' })
export class FailureModelInput {
  @Field({ description: 'Outcome benchmark code (e.g. VOE12).' })
  @IsString()
  @MaxLength(40)
  benchmarkCode!: string;

  @Field(() => [HazardPieceInput], { description: 'Piecewise-constant monthly hazard.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => HazardPieceInput)
  hazard!: HazardPieceInput[];
}

@InputType({ description: 'Assumptions for one state; what is left out comes from the defaults.' })
export class StateAssumptionInput {
  @Field({ description: 'USPS code.' })
  @Matches(USPS)
  stateCode!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day its administrations count.' })
  @IsOptional()
  @Matches(ISO_DATE)
  participationFrom?: string | null;

  @Field(() => TreatedModelInput, { nullable: true, description: 'Treated patients per year.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TreatedModelInput)
  treated?: TreatedModelInput | null;

  @Field(() => [Float], { nullable: true, description: 'Multiplier of the rate per year; the last holds after.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.maxHorizonYears)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  uptakeRamp?: number[] | null;

  @Field(() => [FailureModelInput], { nullable: true, description: 'Failure model per benchmark.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FailureModelInput)
  failure?: FailureModelInput[] | null;
}

@InputType({ description: 'Patients of states outside the results that count toward the pooled volume tier.' })
export class VolumePoolInput {
  @Field(() => TreatedModelInput, { description: 'Treated patients per year.' })
  @ValidateNested()
  @Type(() => TreatedModelInput)
  treated!: TreatedModelInput;

  @Field(() => [Float], { nullable: true, description: 'Multiplier of the yearly rate per simulated year.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.maxHorizonYears)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  uptakeRamp?: number[] | null;
}

@InputType({ description: 'An event of a fixed patient.' })
export class FixedEventInput {
  @Field({ description: 'Outcome benchmark code (e.g. VOE12).' })
  @IsString()
  @MaxLength(40)
  benchmarkCode!: string;

  @Field(() => DateScalar, { description: 'Date of the event.' })
  @Matches(ISO_DATE)
  eventDate!: string;
}

@InputType({ description: 'One administration with fixed events instead of draws (one trial).' })
export class FixedPatientInput {
  @Field({ description: 'USPS code of the state; null for all states together.' })
  @Matches(USPS)
  stateCode!: string;

  @Field(() => DateScalar, { description: 'Administration date.' })
  @Matches(ISO_DATE)
  administrationDate!: string;

  @Field(() => [FixedEventInput], { description: 'Events of this patient.' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FixedEventInput)
  events!: FixedEventInput[];
}

@InputType({ description: 'A term-sheet simulation (or a comparison of two term sheets).' })
export class SimulateTermSheetInput {
  @Field(() => SimulationSubjectInput, { description: 'What to simulate (A).' })
  @ValidateNested()
  @Type(() => SimulationSubjectInput)
  subject!: SimulationSubjectInput;

  @Field(() => SimulationSubjectInput, { nullable: true, description: 'B of a comparison (A is the subject).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SimulationSubjectInput)
  compareWith?: SimulationSubjectInput | null;

  @Field(() => String, { nullable: true, description: 'Free label.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'First contract year; defaults to this year within the enrollment window.',
  })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  startYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Years of administrations (default 5).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.maxHorizonYears)
  horizonYears?: number | null;

  @Field(() => Int, { nullable: true, description: 'Trials (default 10,000).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.maxTrials)
  trials?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Seed (0 to 4294967295); a random one is drawn and stored when omitted.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4294967295)
  seed?: number | null;

  @Field(() => Int, { nullable: true, description: 'Comparisons: trials of each sensitivity run (default 2,000).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.maxTrials)
  sensitivityTrials?: number | null;

  @Field(() => [StateAssumptionInput], { nullable: true, description: 'Listed states only, each over its defaults.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.maxStates)
  @ValidateNested({ each: true })
  @Type(() => StateAssumptionInput)
  states?: StateAssumptionInput[] | null;

  @Field(() => VolumePoolInput, {
    nullable: true,
    description: 'Patients outside the results that count toward the volume tier.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => VolumePoolInput)
  volumePool?: VolumePoolInput | null;

  @Field(() => [FixedPatientInput], { nullable: true, description: 'A fixed scenario instead of draws.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => FixedPatientInput)
  fixedPatients?: FixedPatientInput[] | null;
}
