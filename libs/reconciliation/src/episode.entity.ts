import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer, type Dec } from '@lib/common';
import type { BenchmarkResult, DesiredAmount } from './rules';

export type StoredEpisodeStatus = 'ELIGIBLE' | 'INELIGIBLE' | 'VOIDED';

/** A treatment episode as the rules last computed it (rebate-rules sections 3-5). */
@Entity('episode')
export class EpisodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Contains the beneficiary id: never leaves the service layer. */
  @Column({ type: 'text' })
  episodeKey!: string;

  @Column({ type: 'text' })
  episodeRef!: string;

  @Column({ type: 'char', length: 2 })
  stateCode!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'char', length: 5 })
  labelerCode!: string;

  /** Protected health information: coordinators and the owning state only. */
  @Column({ type: 'text', nullable: true })
  msisId!: string | null;

  @Column({ type: 'text' })
  indexIcn!: string;

  @Column({ type: 'bigint', nullable: true })
  indexClaimVersionId!: string | null;

  @Column({ type: 'date' })
  administrationDate!: string;

  @Column({ type: 'char', length: 11, nullable: true })
  ndc11!: string | null;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  paid!: Dec;

  @Column({ type: 'text' })
  status!: StoredEpisodeStatus;

  @Column({ type: 'char', length: 1, nullable: true })
  ineligibleCode!: string | null;

  @Column({ type: 'text', nullable: true })
  ineligibleReason!: string | null;

  @Column({ type: 'text', array: true })
  warnings!: string[];

  @Column({ type: 'uuid', nullable: true })
  agreementId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  termsVersionId!: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: decimalTransformer })
  wac!: Dec | null;

  @Column({ type: 'numeric', nullable: true, transformer: decimalTransformer })
  guaranteedRebatePct!: Dec | null;

  @Column({ type: 'numeric', nullable: true, transformer: decimalTransformer })
  capAmount!: Dec | null;

  /** BenchmarkResult[] as JSON (decimals as strings). */
  @Column({ type: 'jsonb' })
  benchmarks!: StoredJson<BenchmarkResult[]>;

  /** DesiredAmount[] as JSON (decimals as strings). */
  @Column({ type: 'jsonb' })
  desired!: StoredJson<DesiredAmount[]>;

  /** What the rules last produced, compactly: an unchanged episode is not rewritten. */
  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ type: 'text' })
  createdByCause!: string;

  @Column({ type: 'text' })
  updatedByCause!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** What a value looks like after a JSON round trip: decimals become strings. */
export type StoredJson<T> = T extends Dec
  ? string
  : T extends (infer U)[]
    ? StoredJson<U>[]
    : T extends object
      ? { [K in keyof T]: StoredJson<T[K]> }
      : T;
