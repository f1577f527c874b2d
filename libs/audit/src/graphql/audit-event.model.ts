import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { IsDate, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Connection } from '@lib/common';
import type { AuditEventEntity } from '../audit-event.entity';

@ObjectType('AuditEvent', {
  description: 'One recorded change: who did what to which entity, with the state before and after.',
})
export class AuditEventModel {
  @Field(() => ID, { description: 'Sequence number of the event (ascending in time).' })
  id!: string;

  @Field(() => Date, { description: 'When the change was committed.' })
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'User who made the change; null for the platform itself.' })
  actorUserId!: string | null;

  @Field({ description: 'Role of the actor (or SYSTEM).' })
  actorRole!: string;

  @Field({ description: 'Email of the actor, or the name of the platform process.' })
  actorLabel!: string;

  @Field({ description: 'What happened, e.g. "agreement.version.proposed".' })
  action!: string;

  @Field({ description: 'Kind of entity changed, e.g. "Agreement".' })
  entityType!: string;

  @Field({ description: 'Id of the entity changed.' })
  entityId!: string;

  @Field(() => String, { nullable: true, description: 'State the change concerns, if any.' })
  stateCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Manufacturer the change concerns, if any.' })
  manufacturerId!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The entity before the change (JSON).' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The entity after the change (JSON).' })
  after!: unknown;

  @Field(() => String, { nullable: true, description: 'Comment the actor gave.' })
  comment!: string | null;

  @Field(() => String, { nullable: true, description: 'Request or job id, to find the matching log lines.' })
  requestId!: string | null;
}

export function toAuditEventModel(e: AuditEventEntity): AuditEventModel {
  return { ...e };
}

export const AuditEventConnection = Connection(AuditEventModel, 'AuditEvent');

@InputType({ description: 'Filters for the audit trail; all optional, combined with AND.' })
export class AuditFilterInput {
  @Field({ nullable: true, description: 'Only this kind of entity, e.g. "Agreement".' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @Field({ nullable: true, description: 'Only this entity id.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @Field({ nullable: true, description: 'Only this action, e.g. "user.created".' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field(() => ID, { nullable: true, description: 'Only changes by this user.' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @Field({ nullable: true, description: 'Only changes concerning this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  stateCode?: string;

  @Field(() => Date, { nullable: true, description: 'Only changes at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Only changes before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}
