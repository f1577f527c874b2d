import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Connection, plainLabel } from '@lib/common';
import type { ReconciliationExceptionEntity } from '../reconciliation-exception.entity';

@ObjectType('ClaimException', {
  description: 'A reconciliation exception of a submission, e.g. R (claim version already received).',
})
export class ClaimExceptionModel {
  @Field(() => ID, { description: 'Stable id of the exception.' })
  id!: string;

  @Field({ description: 'Exception code (rebate-rules).' })
  code!: string;

  @Field({ description: 'The code in plain words, e.g. "Duplicate administration on the same date".' })
  codeLabel!: string;

  @Field(() => Float, { nullable: true, description: 'RECORD-NUMBER of the claim header concerned.' })
  recordNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'ICN-ORIG of the claim concerned.' })
  icnOrig!: string | null;

  @Field(() => String, { nullable: true, description: 'ICN-ADJ of the claim concerned.' })
  icnAdj!: string | null;

  @Field(() => String, { nullable: true, description: 'The field concerned, when one is.' })
  fieldName!: string | null;

  @Field({ description: 'The reason in plain language.' })
  reason!: string;

  @Field(() => Date, { description: 'When the exception was recorded.' })
  createdAt!: Date;
}

export function toClaimExceptionModel(e: ReconciliationExceptionEntity): ClaimExceptionModel {
  return {
    id: e.id,
    code: e.code,
    codeLabel: plainLabel('exception', e.code),
    recordNumber: e.recordNumber,
    icnOrig: e.icnOrig,
    icnAdj: e.icnAdj,
    fieldName: e.fieldName,
    reason: e.reason,
    createdAt: e.createdAt,
  };
}

export const ClaimExceptionConnection = Connection(ClaimExceptionModel, 'ClaimException');
