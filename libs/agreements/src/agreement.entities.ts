import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer, type Dec } from '@lib/common';
import type { BenchmarkMeasure } from './term-sheet';

export enum AgreementStatus {
  NEGOTIATING = 'NEGOTIATING',
  EXECUTED = 'EXECUTED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}

export enum VersionStatus {
  PROPOSED = 'PROPOSED',
  SUPERSEDED = 'SUPERSEDED',
  EXECUTED = 'EXECUTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** The two parties of a negotiation. */
export enum NegotiationSide {
  COORDINATOR = 'COORDINATOR',
  MANUFACTURER = 'MANUFACTURER',
}

export enum NegotiationAction {
  DRAFTED = 'DRAFTED',
  PROPOSED = 'PROPOSED',
  AMENDMENT_PROPOSED = 'AMENDMENT_PROPOSED',
  ACCEPTED = 'ACCEPTED',
  EXECUTED = 'EXECUTED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}

/** One manufacturer's agreement for one product. Never deleted. */
@Entity('agreement')
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  manufacturerId!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  status!: AgreementStatus;

  @Column({ type: 'timestamptz', nullable: true })
  executedAt!: Date | null;

  /**
   * The enrollment window the agreement governs once executed (earliest start to latest end of
   * its executed versions); null before. No two EXECUTED agreements of a product share a date
   * (exclusion constraint agreement_one_governing).
   */
  @Column({ type: 'date', nullable: true })
  enrollmentStart!: string | null;

  @Column({ type: 'date', nullable: true })
  enrollmentEnd!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/**
 * One version of the term sheet. Versions of the original negotiation have amendmentNumber 0;
 * amendment N's versions carry N and the date its terms take effect. Frozen once EXECUTED.
 */
@Entity('agreement_version')
export class AgreementVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'int' })
  versionNumber!: number;

  @Column({ type: 'int' })
  amendmentNumber!: number;

  @Column({ type: 'date', nullable: true })
  amendmentEffectiveFrom!: string | null;

  @Column({ type: 'text' })
  status!: VersionStatus;

  @Column({ type: 'text' })
  proposedBySide!: NegotiationSide;

  @Column({ type: 'text' })
  proposedByLabel!: string;

  @Column({ type: 'date' })
  enrollmentStart!: string;

  @Column({ type: 'date' })
  enrollmentEnd!: string;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  supplementalCapPct!: Dec;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  executedAt!: Date | null;
}

@Entity('price_schedule_entry')
export class PriceScheduleEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'date', nullable: true })
  effectiveTo!: string | null;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  wac!: Dec;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  guaranteedRebatePct!: Dec;
}

@Entity('outcome_benchmark')
export class OutcomeBenchmarkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  measure!: BenchmarkMeasure;

  @Column({ type: 'int' })
  washoutDays!: number;

  @Column({ type: 'text', array: true })
  diagnosisPrefixes!: string[];
}

@Entity('outcome_benchmark_tier')
export class OutcomeBenchmarkTierEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  benchmarkId!: string;

  @Column({ type: 'int' })
  throughMonth!: number;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  rebatePct!: Dec;
}

@Entity('volume_tier')
export class VolumeTierEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'int' })
  minTreatments!: number;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  additionalRebatePct!: Dec;
}

/** Who did what in a negotiation, when, with an optional comment. Append-only. */
@Entity('negotiation_step')
export class NegotiationStepEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'identity' })
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'uuid', nullable: true })
  versionId!: string | null;

  @Column({ type: 'text' })
  action!: NegotiationAction;

  @Column({ type: 'text', nullable: true })
  side!: NegotiationSide | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'text' })
  actorLabel!: string;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}

/** A state's participation in an agreement over [effectiveFrom, effectiveTo]. */
@Entity('state_participation')
export class StateParticipationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'char', length: 2 })
  stateCode!: string;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'date', nullable: true })
  effectiveTo!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

export const AGREEMENT_ENTITIES = [
  AgreementEntity,
  AgreementVersionEntity,
  PriceScheduleEntryEntity,
  OutcomeBenchmarkEntity,
  OutcomeBenchmarkTierEntity,
  VolumeTierEntity,
  NegotiationStepEntity,
  StateParticipationEntity,
];
