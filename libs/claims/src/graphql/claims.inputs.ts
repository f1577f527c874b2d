import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsBase64Text, PageArgs } from '@lib/common';
import { SubmissionStatus } from '../claim-submission.entity';
import { ExceptionStatus } from '../exceptions/exception-status.rules';

/** The GraphQL upload is for small files; larger ones stream to POST /v1/states/{usps}/claim-files. */
export const GRAPHQL_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

@InputType({ description: 'Filters for claim submissions; all optional, combined with AND.' })
export class ClaimSubmissionFilterInput {
  @Field({ nullable: true, description: 'Only this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a USPS state code' })
  stateCode?: string;

  @Field(() => SubmissionStatus, { nullable: true, description: 'Only submissions in this status.' })
  @IsOptional()
  @IsEnum(SubmissionStatus)
  status?: SubmissionStatus;
}

@ArgsType()
export class RecordProblemsArgs extends PageArgs {
  @Field(() => ID, { description: 'The submission.' })
  @IsUUID()
  submissionId!: string;

  @Field({ nullable: true, description: 'Only problems with this reason code, e.g. ORPHAN.' })
  @IsOptional()
  @Matches(/^[A-Z_]{1,40}$/, { message: 'must be a reason code such as ORPHAN' })
  reason?: string;
}

@ArgsType()
export class ClaimExceptionsArgs extends PageArgs {
  @Field(() => ID, { description: 'The submission.' })
  @IsUUID()
  submissionId!: string;

  @Field({ nullable: true, description: 'Only exceptions with this code, e.g. R.' })
  @IsOptional()
  @Matches(/^[A-Z]$/, { message: 'must be a one-letter exception code' })
  code?: string;
}

@InputType({ description: 'A small claim file sent inline, base64-encoded (larger files: the HTTP endpoint).' })
export class SubmitClaimFileInput {
  @Field({ description: 'USPS code of the state the file is for.' })
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a USPS state code' })
  stateCode!: string;

  @Field({ nullable: true, description: 'Name of the file, for the submitter’s reference.' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;

  @Field({ description: `The file's bytes (text or gzip), base64; at most ${GRAPHQL_UPLOAD_MAX_BYTES} bytes decoded.` })
  @IsString()
  @MaxLength(Math.ceil((GRAPHQL_UPLOAD_MAX_BYTES * 4) / 3) + 4)
  @IsBase64Text()
  contentBase64!: string;
}

@InputType({
  description:
    'Filters for state-wide exceptions; all optional, combined with AND. Over HTTP (GET /v1/exceptions.csv) the same names are query parameters.',
})
export class StateExceptionFilterInput {
  @Field({ nullable: true, description: 'Only this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a USPS state code' })
  stateCode?: string;

  @Field({ nullable: true, description: 'Only this exception code, e.g. M.' })
  @IsOptional()
  @Matches(/^[A-Z]$/, { message: 'must be a one-letter exception code' })
  code?: string;

  @Field(() => ExceptionStatus, { nullable: true, description: 'Only open, or only resolved, exceptions.' })
  @IsOptional()
  @IsEnum(ExceptionStatus)
  status?: ExceptionStatus;

  @Field(() => ID, {
    nullable: true,
    description: 'Only exceptions with a version received in this submission, or raised or resolved by it.',
  })
  @IsOptional()
  @IsUUID()
  submissionId?: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Only exceptions with a version raised or resolved at or after this instant.',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Only exceptions with a version raised or resolved before this instant.',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}
