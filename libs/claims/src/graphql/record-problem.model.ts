import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, plainLabel } from '@lib/common';
import type { RecordProblemEntity } from '../record-problem.entity';

@ObjectType('RecordProblem', {
  description: 'A record-level problem: the record was skipped, the rest of the file applied.',
})
export class RecordProblemModel {
  @Field(() => ID, { description: 'Stable id of the problem.' })
  id!: string;

  @Field(() => Float, { description: 'Position of the record (non-blank lines from 1; the file header is 1).' })
  position!: number;

  @Field(() => Float, { nullable: true, description: 'Physical line in the file (blank lines counted), when known.' })
  line!: number | null;

  @Field(() => String, { nullable: true, description: 'RECORD-ID as sent.' })
  recordId!: string | null;

  @Field(() => Float, { nullable: true, description: 'RECORD-NUMBER as sent.' })
  recordNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'ICN-ORIG as sent.' })
  icnOrig!: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of the offending field (1-based).' })
  fieldNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'T-MSIS element name of the offending field.' })
  fieldName!: string | null;

  @Field(() => String, { nullable: true, description: 'Excerpt of the value as sent (beneficiary ids withheld).' })
  value!: string | null;

  @Field({ description: 'Reason code, e.g. INVALID_DATE or ORPHAN.' })
  reason!: string;

  @Field({ description: 'The reason code in plain words, e.g. "Line or diagnosis without its claim header".' })
  reasonLabel!: string;

  @Field({ description: 'The reason in plain language.' })
  message!: string;
}

export function toRecordProblemModel(p: RecordProblemEntity): RecordProblemModel {
  return {
    id: p.id,
    position: p.position,
    line: p.line,
    recordId: p.recordId,
    recordNumber: p.recordNumber,
    icnOrig: p.icnOrig,
    fieldNumber: p.fieldNumber,
    fieldName: p.fieldName,
    value: p.value,
    reason: p.reason,
    reasonLabel: plainLabel('recordProblem', p.reason),
    message: p.message,
  };
}

export const RecordProblemConnection = Connection(RecordProblemModel, 'RecordProblem');
