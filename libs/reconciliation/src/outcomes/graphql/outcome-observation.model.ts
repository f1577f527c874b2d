import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Connection, DateScalar } from '@lib/common';
import type { OutcomeObservationEntity } from '../outcome-observation.entity';
import { EVIDENCE_REF_MAX, eventMonthOf, evidenceCategory, NAMED_EVENT_CODES } from '../observation-rules';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EPISODE_REF = /^EP-[0-9A-F-]{19}$/;

@ObjectType('OutcomeObservation', {
  description:
    'An outcome event a state reported for an episode (e.g. a registry-confirmed crisis or a death), with its evidence reference. REPORTED_EVENT benchmarks are evaluated from the observations that are not withdrawn.',
})
export class OutcomeObservationModel {
  @Field(() => ID, { description: 'Id of the observation (the cause id of the ledger entries it brought about).' })
  id!: string;

  @Field({ description: 'Reference of the episode (never the beneficiary id).' })
  episodeRef!: string;

  @Field({ description: 'USPS code of the reporting state.' })
  stateCode!: string;

  @Field({ description: 'Month of the observed event, e.g. 2026-05. Shown to every reader.' })
  eventMonth!: string;

  @Field({
    description:
      'The named event reported (CRISIS, DEATH, ...) or REPORTED_DIAGNOSIS for an ICD-10-CM code. Shown to every reader.',
  })
  evidenceCategory!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Date of the observed event: only for coordinators, auditors and the reporting state (null for manufacturers, who see eventMonth).',
  })
  eventDate!: string | null;

  @Field(() => String, {
    nullable: true,
    description: `${NAMED_EVENT_CODES.join(', ')}, or an ICD-10-CM code without the dot: only for coordinators, auditors and the reporting state (manufacturers see evidenceCategory).`,
  })
  eventCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Where the evidence is (registry record, death certificate number, chart reference), as the state typed it: only for coordinators, auditors and the reporting state.',
  })
  evidenceRef!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Free-text note of the reporter: only for coordinators, auditors and the reporting state.',
  })
  note!: string | null;

  @Field(() => Date, { description: 'When it was reported.' })
  reportedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn; null while it counts.' })
  withdrawnAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was withdrawn (free text): only for coordinators, auditors and the reporting state.',
  })
  withdrawReason!: string | null;
}

/**
 * `claimDetail` (mayReadClaimDetail: coordinators, auditors, the reporting state) decides whether
 * the exact date, the code and the state's free text leave (README "Security").
 */
export function toOutcomeObservationModel(o: OutcomeObservationEntity, claimDetail: boolean): OutcomeObservationModel {
  return {
    id: o.id,
    episodeRef: o.episodeRef,
    stateCode: o.stateCode,
    eventMonth: eventMonthOf(o.eventDate),
    evidenceCategory: evidenceCategory('OBSERVATION', o.eventCode),
    eventDate: claimDetail ? o.eventDate : null,
    eventCode: claimDetail ? o.eventCode : null,
    evidenceRef: claimDetail ? o.evidenceRef : null,
    note: claimDetail ? o.note : null,
    reportedAt: o.reportedAt,
    withdrawnAt: o.withdrawnAt,
    withdrawReason: claimDetail ? o.withdrawReason : null,
  };
}

export const OutcomeObservationConnection = Connection(OutcomeObservationModel, 'OutcomeObservation');

@InputType({
  description:
    'Report an outcome event of an episode (state staff of its state, or a coordinator). Give exactly one of episodeId and episodeRef.',
})
export class ReportOutcomeObservationInput {
  @Field(() => ID, { nullable: true, description: 'The episode by its internal id.' })
  @IsOptional()
  @IsUUID()
  episodeId?: string | null;

  @Field(() => String, { nullable: true, description: 'The episode by its reference, e.g. EP-1A2B-3C4D-5E6F-7081.' })
  @IsOptional()
  @Matches(EPISODE_REF, { message: 'episodeRef must look like EP-XXXX-XXXX-XXXX-XXXX' })
  episodeRef?: string | null;

  @Field(() => DateScalar, {
    description: 'Date of the event: on or after the administration date, not in the future.',
  })
  @Matches(ISO_DATE)
  eventDate!: string;

  @Field({ description: `${NAMED_EVENT_CODES.join(', ')}, or an ICD-10-CM code (e.g. D5700).` })
  @IsString()
  @Length(1, 40)
  eventCode!: string;

  @Field({ description: 'Reference to the evidence (required).' })
  @IsString()
  @Length(1, EVIDENCE_REF_MAX)
  evidenceRef!: string;

  @Field(() => String, { nullable: true, description: 'Optional note.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'Withdraw an outcome observation (once), with the reason.' })
export class WithdrawOutcomeObservationInput {
  @Field(() => ID, { description: 'The observation.' })
  @IsUUID()
  observationId!: string;

  @Field({ description: 'Why it no longer holds.' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

@ArgsType()
export class OutcomeObservationFilterArgs {
  @Field({ nullable: true, description: 'Only this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  stateCode?: string;

  @Field({ nullable: true, description: 'Only observations of this episode.' })
  @IsOptional()
  @Matches(EPISODE_REF)
  episodeRef?: string;

  @Field({ nullable: true, description: 'Include withdrawn observations (default false).' })
  @IsOptional()
  @IsBoolean()
  includeWithdrawn?: boolean;
}
