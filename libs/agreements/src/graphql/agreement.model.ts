import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, DateScalar, DecimalScalar, MoneyScalar, type Dec } from '@lib/common';
import {
  AgreementStatus,
  NegotiationAction,
  NegotiationSide,
  VersionStatus,
  type AgreementEntity,
  type AgreementVersionEntity,
  type NegotiationStepEntity,
  type StateParticipationEntity,
} from '../agreement.entities';
import type { VersionComparison } from '../agreements.service';
import type { BenchmarkMeasure, TermSheet } from '../term-sheet';
import type { TermChange } from '../term-sheet.diff';

export enum BenchmarkMeasureEnum {
  VOE_HOSPITALIZATION = 'VOE_HOSPITALIZATION',
  REPORTED_EVENT = 'REPORTED_EVENT',
}

export enum TermChangeEnum {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
}

registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'Where an agreement stands. Nothing is ever deleted: withdrawal and expiry are states.',
  valuesMap: {
    NEGOTIATING: { description: 'Terms are being negotiated; visible to CMS and that manufacturer only.' },
    EXECUTED: { description: 'Both sides accepted the same version; states may opt in.' },
    WITHDRAWN: { description: 'The negotiation was abandoned before execution.' },
    EXPIRED: { description: 'The executed agreement has ended.' },
  },
});
registerEnumType(VersionStatus, {
  name: 'AgreementVersionStatus',
  description: 'Where a version of the term sheet stands.',
  valuesMap: {
    PROPOSED: { description: 'Under negotiation: either side may accept it or counter it.' },
    SUPERSEDED: { description: 'A later version replaced it.' },
    EXECUTED: { description: 'Both sides accepted it; it can never change.' },
    WITHDRAWN: { description: 'The negotiation it belonged to was withdrawn.' },
  },
});
registerEnumType(NegotiationSide, {
  name: 'NegotiationSide',
  description: 'A party to the negotiation.',
  valuesMap: {
    COORDINATOR: { description: 'CMS (federal coordinators).' },
    MANUFACTURER: { description: 'The manufacturer of the product.' },
  },
});
registerEnumType(NegotiationAction, {
  name: 'NegotiationAction',
  description: 'What happened at a step of the negotiation.',
  valuesMap: {
    DRAFTED: { description: 'A coordinator drafted the agreement (version 1).' },
    PROPOSED: { description: 'A side proposed a new version (a counter-offer).' },
    AMENDMENT_PROPOSED: { description: 'A side opened an amendment of the executed agreement.' },
    ACCEPTED: { description: 'A side accepted the version under negotiation.' },
    EXECUTED: { description: 'Both sides had accepted the version: it was executed.' },
    WITHDRAWN: { description: 'A side withdrew the negotiation (or the amendment).' },
    EXPIRED: { description: 'A coordinator marked the agreement expired.' },
  },
});
registerEnumType(BenchmarkMeasureEnum, {
  name: 'BenchmarkMeasure',
  description: 'What an outcome benchmark measures.',
  valuesMap: {
    VOE_HOSPITALIZATION: { description: 'An inpatient admission with a sickle-cell crisis diagnosis.' },
    REPORTED_EVENT: { description: 'An outcome event reported by the state (e.g. registry data).' },
  },
});
registerEnumType(TermChangeEnum, {
  name: 'TermChange',
  description: 'How a term differs between two versions.',
  valuesMap: {
    ADDED: { description: 'Only in the later version.' },
    REMOVED: { description: 'Only in the earlier version.' },
    CHANGED: { description: 'In both, with a different value.' },
  },
});

@ObjectType('PriceScheduleEntry', { description: 'Price and guaranteed rebate over a date range.' })
export class PriceScheduleEntryModel {
  @Field(() => DateScalar, { description: 'First administration date the entry applies to.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last administration date; null while open.' })
  effectiveTo!: string | null;

  @Field(() => MoneyScalar, { description: 'Wholesale acquisition cost per treatment.' })
  wac!: Dec;

  @Field(() => DecimalScalar, { description: 'Rebate owed at treatment, as a fraction of WAC (0.10 = 10%).' })
  guaranteedRebatePct!: Dec;
}

@ObjectType('BenchmarkTier', { description: 'Rebate owed when the benchmark is missed by this month.' })
export class BenchmarkTierModel {
  @Field(() => Int, { description: 'Months after the administration this tier reaches to.' })
  throughMonth!: number;

  @Field(() => DecimalScalar, { description: 'Rebate as a fraction of WAC.' })
  rebatePct!: Dec;
}

@ObjectType('OutcomeBenchmark', { description: 'An outcome the therapy promises, with rebates when missed.' })
export class OutcomeBenchmarkModel {
  @Field({ description: 'Code of the benchmark, unique within the term sheet (e.g. "VOE12").' })
  code!: string;

  @Field(() => BenchmarkMeasureEnum, { description: 'What is measured.' })
  measure!: BenchmarkMeasure;

  @Field(() => Int, { description: 'Days after the administration during which events do not count.' })
  washoutDays!: number;

  @Field(() => [String], { description: 'ICD-10-CM diagnosis code prefixes (no dot) that count as an event.' })
  diagnosisPrefixes!: string[];

  @Field(() => [BenchmarkTierModel], { description: 'Tiers in ascending throughMonth.' })
  tiers!: BenchmarkTierModel[];
}

@ObjectType('VolumeTier', { description: 'Additional rebate once treatments in a year reach a threshold.' })
export class VolumeTierModel {
  @Field(() => Int, { description: 'Treatments across all states in a year from which the tier applies.' })
  minTreatments!: number;

  @Field(() => DecimalScalar, { description: 'Additional rebate as a fraction of WAC.' })
  additionalRebatePct!: Dec;
}

@ObjectType('TermSheet', { description: 'The terms of one agreement version (rebate-rules section 1).' })
export class TermSheetModel {
  @Field(() => DateScalar, { description: 'First administration date in the model.' })
  enrollmentStart!: string;

  @Field(() => DateScalar, { description: 'Last administration date in the model.' })
  enrollmentEnd!: string;

  @Field(() => DecimalScalar, {
    description: 'Most all supplemental rebates of an episode may add up to, as a fraction of WAC.',
  })
  supplementalCapPct!: Dec;

  @Field(() => [PriceScheduleEntryModel], { description: 'Price schedule, in effective-date order.' })
  schedule!: PriceScheduleEntryModel[];

  @Field(() => [OutcomeBenchmarkModel], { description: 'Outcome benchmarks.' })
  benchmarks!: OutcomeBenchmarkModel[];

  @Field(() => [VolumeTierModel], { description: 'Volume tiers in ascending minTreatments.' })
  volumeTiers!: VolumeTierModel[];
}

export function toTermSheetModel(terms: TermSheet): TermSheetModel {
  return {
    ...terms,
    schedule: terms.schedule.map((e) => ({ ...e })),
    benchmarks: terms.benchmarks.map((b) => ({ ...b, tiers: b.tiers.map((t) => ({ ...t })) })),
    volumeTiers: terms.volumeTiers.map((t) => ({ ...t })),
  };
}

@ObjectType('AgreementVersion', { description: 'One version of an agreement’s term sheet.' })
export class AgreementVersionModel {
  @Field(() => ID, { description: 'Stable id of the version.' })
  id!: string;

  @Field(() => Int, { description: 'Number of the version within the agreement (1, 2, ...).' })
  versionNumber!: number;

  @Field(() => Int, { description: '0 for the original negotiation; N for amendment N.' })
  amendmentNumber!: number;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Amendments: administrations from this date fall under these terms once executed.',
  })
  amendmentEffectiveFrom!: string | null;

  @Field(() => VersionStatus, { description: 'Where the version stands.' })
  status!: VersionStatus;

  @Field(() => NegotiationSide, { description: 'The side that proposed the version.' })
  proposedBySide!: NegotiationSide;

  @Field({ description: 'Who proposed it.' })
  proposedByLabel!: string;

  @Field(() => Date, { description: 'When it was proposed.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was executed.' })
  executedAt!: Date | null;
}

export function toAgreementVersionModel(v: AgreementVersionEntity): AgreementVersionModel {
  return {
    id: v.id,
    versionNumber: v.versionNumber,
    amendmentNumber: v.amendmentNumber,
    amendmentEffectiveFrom: v.amendmentEffectiveFrom,
    status: v.status,
    proposedBySide: v.proposedBySide,
    proposedByLabel: v.proposedByLabel,
    createdAt: v.createdAt,
    executedAt: v.executedAt,
  };
}

@ObjectType('NegotiationStep', { description: 'One step of a negotiation: who did what, when, and why.' })
export class NegotiationStepModel {
  @Field(() => ID, { description: 'Sequence number of the step.' })
  id!: string;

  @Field(() => NegotiationAction, { description: 'What happened.' })
  action!: NegotiationAction;

  @Field(() => NegotiationSide, { nullable: true, description: 'The side that acted (null when both did).' })
  side!: NegotiationSide | null;

  @Field(() => ID, { nullable: true, description: 'The version concerned.' })
  versionId!: string | null;

  @Field({ description: 'Who acted.' })
  actorLabel!: string;

  @Field(() => String, { nullable: true, description: 'Comment given with the step.' })
  comment!: string | null;

  @Field(() => Date, { description: 'When.' })
  occurredAt!: Date;
}

export function toNegotiationStepModel(s: NegotiationStepEntity): NegotiationStepModel {
  return {
    id: s.id,
    action: s.action,
    side: s.side,
    versionId: s.versionId,
    actorLabel: s.actorLabel,
    comment: s.comment,
    occurredAt: s.occurredAt,
  };
}

@ObjectType('StateParticipation', { description: 'A state’s participation in an agreement over a date range.' })
export class StateParticipationModel {
  @Field(() => ID, { description: 'Stable id of the participation record.' })
  id!: string;

  @Field(() => ID, { description: 'The agreement.' })
  agreementId!: string;

  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field(() => DateScalar, { description: 'First day of participation.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of participation; null while open.' })
  effectiveTo!: string | null;

  @Field(() => Date, { description: 'When it was recorded.' })
  createdAt!: Date;

  /**
   * Not a field here: the reconciliation requests the mutation that answers this recorded (the
   * reconciliation library resolves `reconciliationRequests` from them).
   */
  requestIds?: string[];
}

export function toStateParticipationModel(p: StateParticipationEntity): StateParticipationModel {
  return {
    id: p.id,
    agreementId: p.agreementId,
    stateCode: p.stateCode,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo,
    createdAt: p.createdAt,
  };
}

@ObjectType('Agreement', { description: 'An outcomes-based agreement for one product of one manufacturer.' })
export class AgreementModel {
  @Field(() => ID, { description: 'Stable id of the agreement.' })
  id!: string;

  @Field(() => AgreementStatus, { description: 'Where the agreement stands.' })
  status!: AgreementStatus;

  @Field(() => ID, { description: 'The manufacturer.' })
  manufacturerId!: string;

  @Field(() => ID, { description: 'The product.' })
  productId!: string;

  @Field(() => Date, { description: 'When it was drafted.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its original terms were executed.' })
  executedAt!: Date | null;

  /** Not a field here: the reconciliation requests the mutation that answers this recorded. */
  requestIds?: string[];
}

export function toAgreementModel(a: AgreementEntity): AgreementModel {
  return {
    id: a.id,
    status: a.status,
    manufacturerId: a.manufacturerId,
    productId: a.productId,
    createdAt: a.createdAt,
    executedAt: a.executedAt,
  };
}

@ObjectType('TermDifference', { description: 'One difference between two versions of a term sheet.' })
export class TermDifferenceModel {
  @Field({
    description: 'The term, items named by key: "schedule[2025-01-01].wac", "benchmarks[VOE12].tiers[12].rebatePct".',
  })
  path!: string;

  @Field(() => TermChangeEnum, { description: 'Added, removed or changed.' })
  change!: TermChange;

  @Field(() => String, { nullable: true, description: 'Value in the earlier version (null when added).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'Value in the later version (null when removed).' })
  after!: string | null;
}

@ObjectType('AgreementVersionComparison', { description: 'Field-by-field differences between two versions.' })
export class AgreementVersionComparisonModel {
  @Field(() => ID, { description: 'The agreement.' })
  agreementId!: string;

  @Field(() => Int, { description: 'The earlier version compared.' })
  fromVersion!: number;

  @Field(() => Int, { description: 'The later version compared.' })
  toVersion!: number;

  @Field(() => [TermDifferenceModel], { description: 'Every difference; empty when the terms are equal.' })
  differences!: TermDifferenceModel[];
}

export function toComparisonModel(c: VersionComparison): AgreementVersionComparisonModel {
  return { ...c, differences: c.differences.map((d) => ({ ...d })) };
}

export const AgreementConnection = Connection(AgreementModel, 'Agreement');
export const AgreementVersionConnection = Connection(AgreementVersionModel, 'AgreementVersion');
export const NegotiationStepConnection = Connection(NegotiationStepModel, 'NegotiationStep');
export const StateParticipationConnection = Connection(StateParticipationModel, 'StateParticipation');
