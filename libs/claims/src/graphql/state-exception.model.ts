import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, plainLabel } from '@lib/common';
import { ExceptionStatus, type ExceptionCauseRef } from '../exceptions/exception-status.rules';
import type { StateException, StateExceptionVersion } from '../exceptions/state-exceptions.service';

registerEnumType(ExceptionStatus, {
  name: 'ExceptionStatus',
  description: 'Whether an exception still stands.',
  valuesMap: {
    OPEN: { description: 'The current claims and terms still produce it.' },
    RESOLVED: {
      description: 'No longer produced (a repeat `R` is ignored on receipt, so it is resolved at once).',
    },
  },
});

@ObjectType('ExceptionCause', { description: 'What raised or resolved an exception: a submission or a change.' })
export class ExceptionCauseModel {
  @Field({ description: 'SUBMISSION, AMENDMENT, PARTICIPATION, YEAR_CLOSE, DISPUTE_RESOLUTION or OBSERVATION.' })
  type!: string;

  @Field({ description: 'The type in plain words, e.g. "Agreement amendment".' })
  label!: string;

  @Field({ description: 'Id of the submission, amendment, participation, close, dispute or observation.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The submission, when the cause is one.' })
  submissionId!: string | null;
}

@ObjectType('StateExceptionVersion', {
  description: 'One time the exception was raised on a version of the claim (its own status and dates).',
})
export class StateExceptionVersionModel {
  @Field(() => ID, { description: 'Id of this exception record (the id claimExceptions shows).' })
  exceptionId!: string;

  @Field(() => ID, { description: 'The submission the claim version came in.' })
  submissionId!: string;

  @Field(() => Float, { nullable: true, description: 'RECORD-NUMBER of the claim header in that submission.' })
  recordNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'ICN-ADJ of the version, when known.' })
  icnAdj!: string | null;

  @Field(() => String, { nullable: true, description: 'The field concerned, when one is.' })
  fieldName!: string | null;

  @Field({ description: 'The reason in plain language.' })
  reason!: string;

  @Field(() => ExceptionStatus, { description: 'OPEN or RESOLVED.' })
  status!: ExceptionStatus;

  @Field(() => Date, { description: 'When it was raised.' })
  raisedAt!: Date;

  @Field(() => ExceptionCauseModel, { nullable: true, description: 'What raised it.' })
  raisedBy!: ExceptionCauseModel | null;

  @Field(() => Date, { nullable: true, description: 'When it was resolved; null while open.' })
  resolvedAt!: Date | null;

  @Field(() => ExceptionCauseModel, { nullable: true, description: 'What resolved it; null while open.' })
  resolvedBy!: ExceptionCauseModel | null;
}

@ObjectType('StateException', {
  description:
    'A reconciliation exception of a state: one per (state, code, ICN-ORIG), with every claim version it was raised on.',
})
export class StateExceptionModel {
  @Field(() => ID, { description: 'Stable id (the id of its first exception record).' })
  id!: string;

  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field({ description: 'Exception code (rebate-rules), e.g. M, K, U or R.' })
  code!: string;

  @Field({ description: 'The code in plain words.' })
  codeLabel!: string;

  @Field(() => String, { nullable: true, description: 'ICN-ORIG of the claim concerned.' })
  icnOrig!: string | null;

  @Field(() => ExceptionStatus, { description: 'OPEN while any of its versions is open, else RESOLVED.' })
  status!: ExceptionStatus;

  @Field({ description: 'The reason of its latest version, in plain language.' })
  reason!: string;

  @Field(() => Date, { description: 'When it was first raised.' })
  raisedAt!: Date;

  @Field(() => ExceptionCauseModel, { nullable: true, description: 'What first raised it.' })
  raisedBy!: ExceptionCauseModel | null;

  @Field(() => Date, { nullable: true, description: 'When its last version was resolved; null while open.' })
  resolvedAt!: Date | null;

  @Field(() => ExceptionCauseModel, {
    nullable: true,
    description: 'The submission or change that resolved its last version; null while open.',
  })
  resolvedBy!: ExceptionCauseModel | null;

  @Field(() => [StateExceptionVersionModel], { description: 'Every time it was raised, oldest first.' })
  versions!: StateExceptionVersionModel[];
}

function toCauseModel(cause: ExceptionCauseRef | null): ExceptionCauseModel | null {
  if (!cause) return null;
  return {
    type: cause.type,
    label: plainLabel('cause', cause.type),
    id: cause.id,
    submissionId: cause.type === 'SUBMISSION' ? cause.id : null,
  };
}

function toVersionModel(v: StateExceptionVersion): StateExceptionVersionModel {
  return {
    exceptionId: v.exceptionId,
    submissionId: v.submissionId,
    recordNumber: v.recordNumber,
    icnAdj: v.icnAdj,
    fieldName: v.fieldName,
    reason: v.reason,
    status: v.status,
    raisedAt: v.raisedAt,
    raisedBy: toCauseModel(v.raisedBy),
    resolvedAt: v.resolvedAt,
    resolvedBy: toCauseModel(v.resolvedBy),
  };
}

export function toStateExceptionModel(e: StateException): StateExceptionModel {
  return {
    id: e.id,
    stateCode: e.stateCode,
    code: e.code,
    codeLabel: plainLabel('exception', e.code),
    icnOrig: e.icnOrig,
    status: e.status,
    reason: e.reason,
    raisedAt: e.raisedAt,
    raisedBy: toCauseModel(e.raisedBy),
    resolvedAt: e.resolvedAt,
    resolvedBy: toCauseModel(e.resolvedBy),
    versions: e.versions.map(toVersionModel),
  };
}

export const StateExceptionConnection = Connection(StateExceptionModel, 'StateException');
