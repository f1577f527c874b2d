import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { Connection, plainLabel } from '@lib/common';
import type { ReconciliationRequestView } from '../outbox/reconciliation-requests.reader';

/** reconciliation_request.cause_type (an agreement's expiry is recorded as AMENDMENT, cause id the agreement). */
export enum ReconciliationRequestCause {
  AMENDMENT = 'AMENDMENT',
  PARTICIPATION = 'PARTICIPATION',
}

registerEnumType(ReconciliationRequestCause, {
  name: 'ReconciliationRequestCause',
  description: 'Which change asked for a reconciliation.',
  valuesMap: {
    AMENDMENT: { description: 'An executed amendment (cause id: the version), or an expiry (the agreement).' },
    PARTICIPATION: { description: 'A state joined or left an agreement (cause id: the participation).' },
  },
});

@ObjectType('ReconciliationRequest', {
  description:
    'A reconciliation of one state that a change of terms or participation asked for (the outbox), and whether it has run.',
})
export class ReconciliationRequestModel {
  @Field(() => ID, { description: 'Stable id of the request.' })
  id!: string;

  @Field({ description: 'USPS code of the state to reconcile.' })
  stateCode!: string;

  @Field(() => ReconciliationRequestCause, { description: 'Which change asked for it.' })
  cause!: ReconciliationRequestCause;

  @Field({ description: 'The cause in plain words.' })
  causeLabel!: string;

  @Field(() => ID, { description: 'The amendment version, agreement or participation that changed.' })
  causeId!: string;

  @Field(() => Date, { description: 'When the change recorded it (in the change’s own transaction).' })
  requestedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its current attempt was put on the queue; null if not yet.' })
  enqueuedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the reconciliation ran (in the reconciliation’s transaction); null while pending.',
  })
  completedAt!: Date | null;

  @Field({ description: 'True until the reconciliation has run.' })
  pending!: boolean;

  @Field(() => Int, { description: 'Enqueue attempts so far (1 after the change; the sweep adds one per retry).' })
  attempts!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last enqueue failed (coordinators and auditors only; null for others or when none failed).',
  })
  lastError!: string | null;
}

export function toReconciliationRequestModel(r: ReconciliationRequestView): ReconciliationRequestModel {
  return {
    id: r.id,
    stateCode: r.stateCode,
    cause: r.causeType as ReconciliationRequestCause,
    causeLabel: plainLabel('cause', r.causeType),
    causeId: r.causeId,
    requestedAt: r.requestedAt,
    enqueuedAt: r.enqueuedAt,
    completedAt: r.completedAt,
    pending: r.completedAt === null,
    attempts: r.attempts,
    lastError: r.lastError,
  };
}

export const ReconciliationRequestConnection = Connection(ReconciliationRequestModel, 'ReconciliationRequest');

@InputType({ description: 'Filters for reconciliation requests; all optional, combined with AND.' })
export class ReconciliationRequestFilterInput {
  @Field({ nullable: true, description: 'Only this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a USPS state code' })
  stateCode?: string;

  @Field(() => ReconciliationRequestCause, { nullable: true, description: 'Only requests of this cause.' })
  @IsOptional()
  @IsEnum(ReconciliationRequestCause)
  cause?: ReconciliationRequestCause;

  @Field(() => ID, {
    nullable: true,
    description: 'Only requests of this amendment version, agreement or participation.',
  })
  @IsOptional()
  @IsUUID()
  causeId?: string;

  @Field({ nullable: true, description: 'true: only those not run yet; false: only those that have run.' })
  @IsOptional()
  @IsBoolean()
  pending?: boolean;
}
