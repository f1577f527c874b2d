import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
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
import { DecimalInput, IsBase64Text, MoneyScalar, PageArgs, type Dec } from '@lib/common';
import { DISPUTE_DOCUMENT_MAX_BYTES, DISPUTE_DOCUMENTS_PER_REQUEST } from '../disputes/dispute-documents';
import { DisputeOutcomeValue, DisputeStatusValue } from './disputes.model';

const NOTE_MAX = 4000;

@InputType({ description: 'A supporting document sent inline, base64-encoded.' })
export class DisputeDocumentInput {
  @Field({ description: 'File name, e.g. eligibility-letter.pdf.' })
  @IsString()
  @MaxLength(255)
  fileName!: string;

  @Field({ description: 'Media type, e.g. application/pdf.' })
  @IsString()
  @MaxLength(255)
  contentType!: string;

  @Field({ description: `The bytes, base64; at most ${DISPUTE_DOCUMENT_MAX_BYTES} bytes decoded.` })
  @IsString()
  @MaxLength(Math.ceil((DISPUTE_DOCUMENT_MAX_BYTES * 4) / 3) + 4)
  @IsBase64Text()
  contentBase64!: string;
}

@InputType({ description: 'Dispute a line of an issued statement, or the whole statement (MDRP codes).' })
export class OpenDisputeInput {
  @Field(() => ID, { description: 'The statement.' })
  @IsUUID()
  statementId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The disputed line: a ledger entry id of that statement. Omit to dispute the whole statement.',
  })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'must be a ledger entry id' })
  ledgerEntryId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Or the disputed line by its number on the statement (StatementLine.lineNumber, from 1). Give at most one of lineNumber and ledgerEntryId.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  lineNumber?: number | null;

  @Field({ description: 'MDRP dispute code: M, D, U, J, K or O (see disputeCodes).' })
  @IsString()
  @MaxLength(2)
  code!: string;

  @Field({ description: 'Why the line is disputed, in the manufacturer’s words.' })
  @IsString()
  @MaxLength(NOTE_MAX)
  note!: string;

  @Field(() => [DisputeDocumentInput], {
    nullable: true,
    description: `Supporting documents (at most ${DISPUTE_DOCUMENTS_PER_REQUEST}).`,
  })
  @IsOptional()
  @ArrayMaxSize(DISPUTE_DOCUMENTS_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => DisputeDocumentInput)
  documents?: DisputeDocumentInput[];
}

@InputType({ description: 'More supporting documents for an open dispute.' })
export class AddDisputeDocumentsInput {
  @Field(() => ID, { description: 'The dispute.' })
  @IsUUID()
  disputeId!: string;

  @Field(() => [DisputeDocumentInput], { description: `The documents (1 to ${DISPUTE_DOCUMENTS_PER_REQUEST}).` })
  @ArrayMinSize(1)
  @ArrayMaxSize(DISPUTE_DOCUMENTS_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => DisputeDocumentInput)
  documents!: DisputeDocumentInput[];
}

@InputType({ description: 'Resolve an open dispute (the statement’s state or a coordinator).' })
export class ResolveDisputeInput {
  @Field(() => ID, { description: 'The dispute.' })
  @IsUUID()
  disputeId!: string;

  @Field(() => DisputeOutcomeValue, { description: 'UPHELD or DENIED.' })
  @IsEnum(DisputeOutcomeValue)
  outcome!: DisputeOutcomeValue;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      'UPHELD only: what the disputed line should have been, 0 (the default) to the line amount; a whole statement is upheld at 0.',
  })
  @IsOptional()
  @DecimalInput()
  agreedAmount?: Dec | null;

  @Field({ description: 'Why, for the manufacturer and the record.' })
  @IsString()
  @MaxLength(NOTE_MAX)
  note!: string;
}

@InputType({ description: 'Filters for disputes; all optional, combined with AND.' })
export class DisputeFilterInput {
  @Field(() => DisputeStatusValue, { nullable: true, description: 'Only disputes in this status.' })
  @IsOptional()
  @IsEnum(DisputeStatusValue)
  status?: DisputeStatusValue;

  @Field(() => ID, { nullable: true, description: 'Only disputes of this statement.' })
  @IsOptional()
  @IsUUID()
  statementId?: string;

  @Field({ nullable: true, description: 'Only disputes with this MDRP code.' })
  @IsOptional()
  @Matches(/^[MDUJKO]$/, { message: 'must be an MDRP dispute code (M D U J K O)' })
  code?: string;

  @Field({ nullable: true, description: 'true: only open disputes past their due date.' })
  @IsOptional()
  @IsBoolean()
  overdueOnly?: boolean;
}

@ArgsType()
export class DisputesArgs extends PageArgs {
  @Field(() => DisputeFilterInput, { nullable: true, description: 'Filters.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisputeFilterInput)
  filter?: DisputeFilterInput;
}
