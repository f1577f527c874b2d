import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { DateScalar, DecimalInput, DecimalScalar, MoneyScalar, PageArgs, type Dec } from '@lib/common';
import { StatementStatusValue } from './statement.model';

const QUARTER = /^\d{4}Q[1-4]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'Filters for statements; all optional, combined with AND.' })
export class StatementFilterInput {
  @Field({ nullable: true, description: 'Only this statement quarter, e.g. 2026Q1.' })
  @IsOptional()
  @Matches(QUARTER, { message: 'must be a quarter such as 2026Q1' })
  quarter?: string;

  @Field({ nullable: true, description: 'Only this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a USPS state code' })
  stateCode?: string;

  @Field({ nullable: true, description: 'Only this labeler code.' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'must be a 5-digit labeler code' })
  labelerCode?: string;

  @Field(() => StatementStatusValue, { nullable: true, description: 'Only statements in this status.' })
  @IsOptional()
  @IsEnum(StatementStatusValue)
  status?: StatementStatusValue;
}

@ArgsType()
export class StatementsArgs extends PageArgs {
  @Field(() => StatementFilterInput, { nullable: true, description: 'Filters.' })
  @IsOptional()
  filter?: StatementFilterInput;
}

@ArgsType()
export class StatementByNumberArgs {
  @Field({ description: 'The statement number, e.g. CGT-NY-51167-2026Q1.' })
  @Matches(/^CGT-[A-Z]{2}-\d{5}-\d{4}Q[1-4](-\d+)?$/, { message: 'must be a statement number' })
  number!: string;
}

@ArgsType()
export class StatementSummaryArgs {
  @Field(() => StatementFilterInput, { nullable: true, description: 'Which statements to summarise.' })
  @IsOptional()
  filter?: StatementFilterInput;

  @Field(() => DateScalar, { nullable: true, description: 'Balances and interest as of this day (default today).' })
  @IsOptional()
  @Matches(ISO_DATE)
  asOf?: string;
}

@InputType({ description: 'Issue every DRAFT statement of a quarter, optionally of one state or labeler code.' })
export class IssueStatementsInput {
  @Field({ description: 'The quarter, e.g. 2026Q1; it must have ended.' })
  @Matches(QUARTER, { message: 'must be a quarter such as 2026Q1' })
  quarter!: string;

  @Field({ nullable: true, description: 'Only this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a USPS state code' })
  stateCode?: string;

  @Field({ nullable: true, description: 'Only this labeler code.' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'must be a 5-digit labeler code' })
  labelerCode?: string;
}

@InputType({ description: 'A remittance received against an issued statement.' })
export class RecordStatementPaymentInput {
  @Field(() => ID, { description: 'The statement paid.' })
  @IsUUID()
  statementId!: string;

  @Field(() => MoneyScalar, {
    description:
      'Amount received, greater than 0 and at most 10000000000.00, e.g. "100000.00"; more than the outstanding amount only with overpayment: true.',
  })
  @DecimalInput()
  amount!: Dec;

  @Field(() => DateScalar, { description: 'The day it was received (not in the future, not before issue).' })
  @Matches(ISO_DATE)
  receivedOn!: string;

  @Field({ description: "The remitter's reference (wire or check number); unique per statement." })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference!: string;

  @Field({
    nullable: true,
    description:
      'True to accept an amount above what is outstanding: the excess is kept as a statement credit for the next statement (default false: refused).',
  })
  @IsOptional()
  @IsBoolean()
  overpayment?: boolean;
}

@InputType({ description: 'A new annual interest rate in force from a date until the next one.' })
export class SetInterestRateInput {
  @Field(() => DateScalar, { description: 'First day in force; after the latest rate, and not in the past.' })
  @Matches(ISO_DATE)
  effectiveFrom!: string;

  @Field(() => DecimalScalar, { description: 'Annual rate as a fraction, e.g. "0.05" for 5 %.' })
  @DecimalInput()
  annualRate!: Dec;

  @Field({ nullable: true, description: 'Why or where from (e.g. the published source).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
