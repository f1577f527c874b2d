import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComparisonResult, SimulationResult, SimulationSpecJson, TermSheetJson } from './engine';

export type SimulationKind = 'SINGLE' | 'COMPARISON';
export type SimulationStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** What a run depends on, stored as is (migration 1764700000000). */
export interface StoredSimulationSpec {
  base: SimulationSpecJson;
  /** The second term sheet of a comparison (the first is `base.terms`). */
  compareTerms: TermSheetJson | null;
  /** Trials of each run of the sensitivity table (comparisons). */
  sensitivityTrials: number | null;
}

export type StoredSimulationResult =
  { kind: 'SINGLE'; result: SimulationResult } | { kind: 'COMPARISON'; comparison: ComparisonResult };

/** One term-sheet simulation run; the spec is frozen by a trigger, the result written once. */
@Entity('term_sheet_simulation')
export class TermSheetSimulationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: SimulationKind;

  @Column({ type: 'text' })
  status!: SimulationStatus;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'uuid', nullable: true })
  agreementId!: string | null;

  @Column({ type: 'int', nullable: true })
  versionNumber!: number | null;

  @Column({ type: 'uuid', nullable: true })
  compareAgreementId!: string | null;

  @Column({ type: 'int', nullable: true })
  compareVersionNumber!: number | null;

  @Column({ type: 'text' })
  ownerRole!: string;

  @Column({ type: 'char', length: 2, nullable: true })
  ownerStateCode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerManufacturerId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'text' })
  createdByLabel!: string;

  @Column({ type: 'jsonb' })
  spec!: StoredSimulationSpec;

  @Column({ type: 'text' })
  specSha256!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seed!: number;

  @Column({ type: 'int' })
  trials!: number;

  @Column({ type: 'text' })
  engineVersion!: string;

  @Column({ type: 'uuid', nullable: true })
  reproduces!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: StoredSimulationResult | null;

  @Column({ type: 'text', nullable: true })
  failureReason!: string | null;

  @Column({ type: 'int', nullable: true })
  elapsedMs!: number | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
