import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { Connection, DateScalar, DecimalScalar, Dec, MoneyScalar, plainLabel } from '@lib/common';
import type { LedgerEntryEntity } from '@lib/ledger';
import type { EpisodeEntity } from '../episode.entity';
import { eventMonthOf, evidenceCategory } from '../outcomes/observation-rules';

export enum EpisodeStatusValue {
  ELIGIBLE = 'ELIGIBLE',
  INELIGIBLE = 'INELIGIBLE',
  VOIDED = 'VOIDED',
}
registerEnumType(EpisodeStatusValue, {
  name: 'EpisodeStatus',
  description: 'Where an episode stands under the rules (rebate-rules section 4).',
  valuesMap: {
    ELIGIBLE: { description: 'Earns rebates under its agreement.' },
    INELIGIBLE: { description: 'Failed an eligibility check (see ineligibleCode); desires nothing.' },
    VOIDED: { description: 'Its index claim was voided or superseded; earlier entries are reversed.' },
  },
});

@ObjectType('OutcomeEvent', {
  description: 'The event that decided a benchmark: an inpatient claim or a reported observation.',
})
export class OutcomeEventModel {
  @Field({ description: 'CLAIM (an inpatient claim with a crisis diagnosis) or OBSERVATION (reported by the state).' })
  source!: string;

  @Field({
    description:
      'What kind of evidence decided it: INPATIENT_ADMISSION (a claim), the named event a state reported (CRISIS, DEATH, ...) or REPORTED_DIAGNOSIS (a reported ICD-10-CM code). Shown to every reader.',
  })
  evidenceCategory!: string;

  @Field({ description: 'Month of the event, e.g. 2026-05. Shown to every reader.' })
  eventMonth!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Admission date of the claim, or date of the observed event: only for coordinators, auditors and the owning state (null for manufacturers, who see eventMonth).',
  })
  eventDate!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'ICN-ORIG of the inpatient claim (CLAIM events): only for coordinators, auditors and the owning state.',
  })
  icn!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The matching diagnosis code, or the observation event code: only for coordinators, auditors and the owning state (manufacturers see evidenceCategory).',
  })
  code!: string | null;

  @Field(() => ID, { nullable: true, description: 'The reported observation (OBSERVATION events).' })
  observationId!: string | null;

  @Field({ description: 'months(administration date, event date) (rebate-rules section 5).' })
  months!: number;

  @Field({ description: 'The tier that applies: the first with months < throughMonth.' })
  tierThroughMonth!: number;

  @Field(() => DecimalScalar, { description: "The tier's rebate percentage (a fraction)." })
  rebatePct!: Dec;

  @Field(() => MoneyScalar, { description: 'round(WAC x rebatePct) before the cap.' })
  uncappedAmount!: Dec;

  @Field(() => MoneyScalar, { description: 'The amount after the supplemental cap.' })
  amount!: Dec;
}

@ObjectType('BenchmarkStatus', { description: 'One outcome benchmark of an episode and where it stands.' })
export class BenchmarkStatusModel {
  @Field({ description: 'Benchmark code, e.g. VOE12.' })
  code!: string;

  @Field({ description: 'The benchmark in plain words, e.g. "VOE within 12 months".' })
  label!: string;

  @Field({ description: 'VOE_HOSPITALIZATION or REPORTED_EVENT.' })
  measure!: string;

  @Field({ description: 'The measure in plain words, e.g. "Hospitalization for a vaso-occlusive event".' })
  measureLabel!: string;

  @Field({ description: 'PENDING, MET or NOT_MET.' })
  status!: string;

  @Field({ description: 'The status in plain words, e.g. "Benchmark missed".' })
  statusLabel!: string;

  @Field(() => DateScalar, { description: 'Administration date + window months: when the window ends.' })
  windowEnd!: string;

  @Field(() => OutcomeEventModel, { nullable: true, description: 'The deciding event (NOT_MET only).' })
  event!: OutcomeEventModel | null;
}

@ObjectType('DesiredAmount', {
  description: 'What an episode component should have accrued in total, as the rules now say.',
})
export class DesiredAmountModel {
  @Field({ description: 'GUARANTEED, VOLUME or OUTCOME:<benchmark>.' })
  component!: string;

  @Field({ description: 'The component in plain words, e.g. "Guaranteed rebate".' })
  componentLabel!: string;

  @Field(() => MoneyScalar, { description: 'The desired total.' })
  amount!: Dec;
}

@ObjectType('Episode', {
  description: 'A gene-therapy treatment episode: one beneficiary, one product, one index administration.',
})
export class EpisodeModel {
  @Field(() => ID, { description: 'Internal id.' })
  id!: string;

  @Field({ description: 'Stable pseudonymous reference (keyed hash): what manufacturers and statements show.' })
  episodeRef!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The beneficiary's MSIS id: only for federal coordinators and staff of the owning state; null for everyone else.",
  })
  beneficiaryId!: string | null;

  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field(() => ID, { description: 'The product administered.' })
  productId!: string;

  @Field({ description: 'Labeler code of the product.' })
  labelerCode!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'ICN-ORIG of the index administration claim: only for coordinators, auditors and the owning state (null for manufacturers).',
  })
  indexIcn!: string | null;

  @Field(() => DateScalar, { description: 'Date of the index administration.' })
  administrationDate!: string;

  @Field(() => String, { nullable: true, description: 'Catalog NDC-11 of the administration.' })
  ndc11!: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      'Medicaid paid amount of the administration: only for coordinators, auditors and the owning state (null for manufacturers).',
  })
  paid!: Dec | null;

  @Field(() => EpisodeStatusValue, { description: 'Eligibility as the rules last computed it.' })
  status!: EpisodeStatusValue;

  @Field(() => String, { nullable: true, description: 'O, K, U or J when INELIGIBLE (rebate-rules section 4).' })
  ineligibleCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The ineligibility code in plain words, e.g. "No state payment" (null when eligible).',
  })
  ineligibleLabel!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it is ineligible, in plain language (it cites claim lines and paid amounts): only for coordinators, auditors and the owning state; manufacturers see ineligibleCode.',
  })
  ineligibleReason!: string | null;

  @Field(() => [String], { description: 'Warnings: D (unit of measure) or P (paid above WAC).' })
  warnings!: string[];

  @Field(() => [String], { description: 'The warnings in plain words, in the order of warnings.' })
  warningLabels!: string[];

  @Field(() => ID, { nullable: true, description: 'The agreement whose terms apply.' })
  agreementId!: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'WAC of the schedule entry effective on the administration date.',
  })
  wac!: Dec | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Guaranteed rebate percentage that applies.' })
  guaranteedRebatePct!: Dec | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'round(WAC x supplementalCapPct): the most all supplemental rebates may reach.',
  })
  capAmount!: Dec | null;

  @Field(() => [BenchmarkStatusModel], { description: 'Each outcome benchmark and its status.' })
  benchmarks!: BenchmarkStatusModel[];

  @Field(() => [DesiredAmountModel], { description: 'What each component should total now.' })
  desired!: DesiredAmountModel[];
}

interface StoredEvent {
  source: string;
  eventDate: string;
  icn?: string;
  diagnosisCode?: string;
  eventCode?: string;
  observationId?: string;
  months: number;
  tierThroughMonth: number;
  rebatePct: string;
  uncappedAmount: string;
  amount: string;
}

/**
 * What of an episode a reader sees (style.md habit 2): the beneficiary id
 * (coordinators and the owning state) and the claim detail (mayReadClaimDetail: coordinators,
 * auditors and the owning state). Everyone else gets the minimum a rebate check needs.
 */
export interface EpisodeDisclosure {
  beneficiary: boolean;
  claimDetail: boolean;
}

export function toOutcomeEventModel(event: StoredEvent, claimDetail: boolean): OutcomeEventModel {
  const code = event.diagnosisCode ?? event.eventCode ?? null;
  return {
    source: event.source,
    evidenceCategory: evidenceCategory(event.source === 'CLAIM' ? 'CLAIM' : 'OBSERVATION', code),
    eventMonth: eventMonthOf(event.eventDate),
    eventDate: claimDetail ? event.eventDate : null,
    icn: claimDetail ? (event.icn ?? null) : null,
    code: claimDetail ? code : null,
    observationId: event.observationId ?? null,
    months: event.months,
    tierThroughMonth: event.tierThroughMonth,
    rebatePct: new Dec(event.rebatePct),
    uncappedAmount: new Dec(event.uncappedAmount),
    amount: new Dec(event.amount),
  };
}

export function toEpisodeModel(episode: EpisodeEntity, disclosure: EpisodeDisclosure): EpisodeModel {
  const detail = disclosure.claimDetail;
  return {
    id: episode.id,
    episodeRef: episode.episodeRef,
    beneficiaryId: disclosure.beneficiary ? episode.msisId : null,
    stateCode: episode.stateCode,
    productId: episode.productId,
    labelerCode: episode.labelerCode,
    indexIcn: detail ? episode.indexIcn : null,
    administrationDate: episode.administrationDate,
    ndc11: episode.ndc11,
    paid: detail ? episode.paid : null,
    status: episode.status as EpisodeStatusValue,
    ineligibleCode: episode.ineligibleCode,
    ineligibleLabel: episode.ineligibleCode === null ? null : plainLabel('exception', episode.ineligibleCode),
    ineligibleReason: detail ? episode.ineligibleReason : null,
    warnings: episode.warnings,
    warningLabels: episode.warnings.map((code) => plainLabel('exception', code)),
    agreementId: episode.agreementId,
    wac: episode.wac,
    guaranteedRebatePct: episode.guaranteedRebatePct,
    capAmount: episode.capAmount,
    benchmarks: episode.benchmarks.map((b) => {
      const event = b.event as unknown as StoredEvent | null;
      return {
        code: b.code,
        label: plainLabel('benchmark', b.code),
        measure: b.measure,
        measureLabel: plainLabel('benchmarkMeasure', b.measure),
        status: b.status,
        statusLabel: plainLabel('benchmarkStatus', b.status),
        windowEnd: b.windowEnd,
        event: event ? toOutcomeEventModel(event, detail) : null,
      };
    }),
    desired: episode.desired.map((d) => ({
      component: d.component,
      componentLabel: plainLabel('component', d.component),
      amount: new Dec(d.amount),
    })),
  };
}

@ObjectType('LedgerEntry', { description: 'One append-only rebate ledger entry (rebate-rules section 7).' })
export class LedgerEntryModel {
  @Field(() => ID, { description: 'Sequence number of the entry.' })
  id!: string;

  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field({ description: 'Labeler code of the product.' })
  labelerCode!: string;

  @Field(() => ID, { description: 'The product.' })
  productId!: string;

  @Field(() => DateScalar, { description: "The episode's administration date when the entry was made." })
  administrationDate!: string;

  @Field(() => String, { nullable: true, description: "The episode's NDC-11 when the entry was made." })
  ndc11!: string | null;

  @Field({ description: 'GUARANTEED, VOLUME or OUTCOME:<benchmark>.' })
  component!: string;

  @Field({ description: 'The component in plain words, e.g. "Outcome rebate: VOE within 12 months".' })
  componentLabel!: string;

  @Field(() => MoneyScalar, { description: 'Signed amount; negative for reversals.' })
  amount!: Dec;

  @Field({ description: "Quarter of the cause (a submission's START-OF-TIME-PERIOD, or the change)." })
  serviceQuarter!: string;

  @Field({ description: 'The statement the entry lands on: its service quarter or the next open one.' })
  statementQuarter!: string;

  @Field({ description: 'SUBMISSION, AMENDMENT, PARTICIPATION, YEAR_CLOSE, DISPUTE_RESOLUTION or OBSERVATION.' })
  causeType!: string;

  @Field({ description: 'The cause in plain words, e.g. "Dispute resolution".' })
  causeLabel!: string;

  @Field({ description: 'Id of the cause (e.g. the claim submission).' })
  causeId!: string;

  @Field(() => Date, { description: 'When the entry was made.' })
  createdAt!: Date;

  /** For the episodeRef field resolver. */
  episodeId!: string;
}

export function toLedgerEntryModel(entry: LedgerEntryEntity): LedgerEntryModel {
  return {
    ...entry,
    componentLabel: plainLabel('component', entry.component),
    causeLabel: plainLabel('cause', entry.causeType),
  };
}

export const EpisodeConnection = Connection(EpisodeModel, 'Episode');
export const LedgerEntryConnection = Connection(LedgerEntryModel, 'LedgerEntry');

@InputType({ description: 'Filters for episodes; combined with AND.' })
export class EpisodeFilterInput {
  @Field({ nullable: true, description: 'Only this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  stateCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only this product.' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @Field(() => EpisodeStatusValue, { nullable: true, description: 'Only episodes in this status.' })
  @IsOptional()
  @IsIn(Object.values(EpisodeStatusValue))
  status?: EpisodeStatusValue;
}

@InputType({ description: 'Filters for ledger entries; combined with AND.' })
export class LedgerEntryFilterInput {
  @Field({ nullable: true, description: 'Only this state (USPS code).' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  stateCode?: string;

  @Field({ nullable: true, description: 'Only this labeler code.' })
  @IsOptional()
  @Matches(/^\d{5}$/)
  labelerCode?: string;

  @Field({ nullable: true, description: 'Only entries on this statement quarter (e.g. 2026Q1).' })
  @IsOptional()
  @Matches(/^\d{4}Q[1-4]$/)
  statementQuarter?: string;

  @Field({ nullable: true, description: 'Only entries of this service quarter.' })
  @IsOptional()
  @Matches(/^\d{4}Q[1-4]$/)
  serviceQuarter?: string;

  @Field({ nullable: true, description: 'Only entries of this episode.' })
  @IsOptional()
  @Matches(/^EP-[0-9A-F-]{19}$/)
  episodeRef?: string;
}

@ArgsType()
export class EpisodeArgs {
  @Field({ description: 'The episode reference, e.g. EP-1A2B-3C4D-5E6F-7081.' })
  @Matches(/^EP-[0-9A-F-]{19}$/, { message: 'episodeRef must look like EP-XXXX-XXXX-XXXX-XXXX' })
  episodeRef!: string;
}
