import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DateScalar, DecimalInput, DecimalScalar, MoneyScalar, type Dec } from '@lib/common';
import { AgreementStatus } from '../agreement.entities';
import type { TermSheet } from '../term-sheet';
import { BenchmarkMeasureEnum } from './agreement.model';

// Structure only; the rules of a term sheet live in term-sheet.validation.ts (one place).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'A price schedule entry.' })
export class PriceScheduleEntryInput {
  @Field(() => DateScalar, { description: 'First administration date it applies to.' })
  @Matches(ISO_DATE)
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last administration date; omit for open-ended.' })
  @IsOptional()
  @Matches(ISO_DATE)
  effectiveTo?: string | null;

  @Field(() => MoneyScalar, { description: 'WAC per treatment, e.g. "2200000.00".' })
  @DecimalInput()
  wac!: Dec;

  @Field(() => DecimalScalar, { description: 'Guaranteed rebate as a fraction, e.g. "0.10".' })
  @DecimalInput()
  guaranteedRebatePct!: Dec;
}

@InputType({ description: 'An outcome benchmark tier.' })
export class BenchmarkTierInput {
  @Field(() => Int, { description: 'Months after administration the tier reaches to.' })
  @IsInt()
  throughMonth!: number;

  @Field(() => DecimalScalar, { description: 'Rebate as a fraction of WAC.' })
  @DecimalInput()
  rebatePct!: Dec;
}

@InputType({ description: 'An outcome benchmark.' })
export class OutcomeBenchmarkInput {
  @Field({ description: 'Code, unique within the term sheet (e.g. "VOE12").' })
  @IsString()
  @MaxLength(40)
  code!: string;

  @Field(() => BenchmarkMeasureEnum, { description: 'What is measured.' })
  @IsEnum(BenchmarkMeasureEnum)
  measure!: BenchmarkMeasureEnum;

  @Field(() => Int, { description: 'Washout after administration, in days.' })
  @IsInt()
  washoutDays!: number;

  @Field(() => [String], { description: 'ICD-10-CM diagnosis code prefixes without the dot.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  diagnosisPrefixes!: string[];

  @Field(() => [BenchmarkTierInput], { description: 'Tiers in ascending throughMonth.' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BenchmarkTierInput)
  tiers!: BenchmarkTierInput[];
}

@InputType({ description: 'A volume tier.' })
export class VolumeTierInput {
  @Field(() => Int, { description: 'Treatments in a year from which it applies.' })
  @IsInt()
  minTreatments!: number;

  @Field(() => DecimalScalar, { description: 'Additional rebate as a fraction of WAC.' })
  @DecimalInput()
  additionalRebatePct!: Dec;
}

@InputType({ description: 'A complete term sheet (rebate-rules section 1).' })
export class TermSheetInput {
  @Field(() => DateScalar, { description: 'First administration date in the model.' })
  @Matches(ISO_DATE)
  enrollmentStart!: string;

  @Field(() => DateScalar, { description: 'Last administration date in the model.' })
  @Matches(ISO_DATE)
  enrollmentEnd!: string;

  @Field(() => DecimalScalar, { description: 'Supplemental cap as a fraction of WAC, e.g. "0.75".' })
  @DecimalInput()
  supplementalCapPct!: Dec;

  @Field(() => [PriceScheduleEntryInput], { description: 'Price schedule in effective-date order.' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PriceScheduleEntryInput)
  schedule!: PriceScheduleEntryInput[];

  @Field(() => [OutcomeBenchmarkInput], { description: 'Outcome benchmarks.' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OutcomeBenchmarkInput)
  benchmarks!: OutcomeBenchmarkInput[];

  @Field(() => [VolumeTierInput], { description: 'Volume tiers in ascending minTreatments.' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VolumeTierInput)
  volumeTiers!: VolumeTierInput[];
}

/** The pure TermSheet the services validate and store. */
export function toTermSheet(input: TermSheetInput): TermSheet {
  return {
    enrollmentStart: input.enrollmentStart,
    enrollmentEnd: input.enrollmentEnd,
    supplementalCapPct: input.supplementalCapPct,
    schedule: input.schedule.map((e) => ({
      effectiveFrom: e.effectiveFrom,
      effectiveTo: e.effectiveTo ?? null,
      wac: e.wac,
      guaranteedRebatePct: e.guaranteedRebatePct,
    })),
    benchmarks: input.benchmarks.map((b) => ({
      code: b.code,
      measure: b.measure,
      washoutDays: b.washoutDays,
      diagnosisPrefixes: b.diagnosisPrefixes,
      tiers: b.tiers.map((t) => ({ throughMonth: t.throughMonth, rebatePct: t.rebatePct })),
    })),
    volumeTiers: input.volumeTiers.map((t) => ({
      minTreatments: t.minTreatments,
      additionalRebatePct: t.additionalRebatePct,
    })),
  };
}

@InputType({ isAbstract: true })
abstract class CommentedInput {
  @Field(() => String, { nullable: true, description: 'Optional comment, kept with the step and in the audit trail.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string | null;
}

@InputType({ description: 'A new agreement drafted by a coordinator (version 1 of its terms).' })
export class DraftAgreementInput extends CommentedInput {
  @Field(() => ID, { description: 'The product; its manufacturer is the other party.' })
  @IsUUID()
  productId!: string;

  @Field(() => TermSheetInput, { description: 'The proposed terms.' })
  @ValidateNested()
  @Type(() => TermSheetInput)
  terms!: TermSheetInput;
}

@InputType({ description: 'A counter-offer: a new version of the terms under negotiation.' })
export class ProposeAgreementVersionInput extends CommentedInput {
  @Field(() => ID, { description: 'The agreement.' })
  @IsUUID()
  agreementId!: string;

  @Field(() => TermSheetInput, { description: 'The proposed terms (complete).' })
  @ValidateNested()
  @Type(() => TermSheetInput)
  terms!: TermSheetInput;

  @Field(() => DateScalar, { nullable: true, description: 'Amendments only: a new effective date.' })
  @IsOptional()
  @Matches(ISO_DATE)
  effectiveFrom?: string | null;
}

@InputType({ description: 'An amendment of an executed agreement.' })
export class ProposeAmendmentInput extends CommentedInput {
  @Field(() => ID, { description: 'The executed agreement.' })
  @IsUUID()
  agreementId!: string;

  @Field(() => DateScalar, { description: 'Administrations from this date fall under the amended terms.' })
  @Matches(ISO_DATE)
  effectiveFrom!: string;

  @Field(() => TermSheetInput, { description: 'The amended terms (complete).' })
  @ValidateNested()
  @Type(() => TermSheetInput)
  terms!: TermSheetInput;
}

@InputType({ description: 'Accept the version under negotiation.' })
export class AcceptAgreementVersionInput extends CommentedInput {
  @Field(() => ID, { description: 'The agreement.' })
  @IsUUID()
  agreementId!: string;

  @Field(() => Int, { description: 'The version accepted; must be the one under negotiation.' })
  @IsInt()
  @Min(1)
  versionNumber!: number;
}

@InputType({ description: 'A step on an agreement that needs only its id (withdraw, expire).' })
export class AgreementStepInput extends CommentedInput {
  @Field(() => ID, { description: 'The agreement.' })
  @IsUUID()
  agreementId!: string;
}

@InputType({ description: 'Opt a state into an executed agreement.' })
export class JoinAgreementInput extends CommentedInput {
  @Field(() => ID, { description: 'The executed agreement.' })
  @IsUUID()
  agreementId!: string;

  @Field({ description: 'USPS code of the state (state staff: their own).' })
  @Matches(/^[A-Za-z]{2}$/, { message: 'stateCode must be a two-letter USPS code' })
  stateCode!: string;

  @Field(() => DateScalar, { description: 'First day of participation (not before the enrollment start).' })
  @Matches(ISO_DATE)
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of participation; omit for open-ended.' })
  @IsOptional()
  @Matches(ISO_DATE)
  effectiveTo?: string | null;
}

@InputType({ description: 'Leave an agreement: sets the last day of a participation.' })
export class LeaveAgreementInput extends CommentedInput {
  @Field(() => ID, { description: 'The participation record.' })
  @IsUUID()
  participationId!: string;

  @Field(() => DateScalar, { description: 'Last day of participation.' })
  @Matches(ISO_DATE)
  effectiveTo!: string;
}

@ArgsType()
export class AgreementFilterArgs {
  @Field(() => AgreementStatus, { nullable: true, description: 'Only agreements in this status.' })
  @IsOptional()
  @IsEnum(AgreementStatus)
  status?: AgreementStatus;

  @Field(() => ID, { nullable: true, description: 'Only agreements for this product.' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @Field(() => ID, { nullable: true, description: 'Only agreements of this manufacturer.' })
  @IsOptional()
  @IsUUID()
  manufacturerId?: string;
}

@ArgsType()
export class ParticipationFilterArgs {
  @Field({ nullable: true, description: 'Only this state (state staff always see only their own).' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  stateCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only this agreement.' })
  @IsOptional()
  @IsUUID()
  agreementId?: string;
}

@ArgsType()
export class CompareVersionsArgs {
  @Field(() => ID, { description: 'The agreement.' })
  @IsUUID()
  agreementId!: string;

  @Field(() => Int, { description: 'The earlier version number.' })
  @IsInt()
  @Min(1)
  fromVersion!: number;

  @Field(() => Int, { description: 'The later version number.' })
  @IsInt()
  @Min(1)
  toVersion!: number;
}
