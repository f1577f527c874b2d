import { Column, Entity, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import type { RelevanceSnapshot } from './reread/relevance-widening.rules';

/** Submission lifecycle (README "Claim files"). */
export enum SubmissionStatus {
  RECEIVED = 'RECEIVED',
  VALIDATING = 'VALIDATING',
  RECONCILING = 'RECONCILING',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
}

/** Statuses after which nothing happens to a submission any more. */
export const FINAL_STATUSES: readonly SubmissionStatus[] = [
  SubmissionStatus.COMPLETED,
  SubmissionStatus.REJECTED,
  SubmissionStatus.FAILED,
];

/** Statuses of a submission a worker is loading: reading and staging, then applying and reconciling. */
export const LOADING_STATUSES: readonly SubmissionStatus[] = [
  SubmissionStatus.VALIDATING,
  SubmissionStatus.RECONCILING,
];

/**
 * A loading submission not updated for this long (its progress is written every few seconds
 * while it is read) is taken for lost, its worker dead: the sweep puts it back on the queue.
 */
export const SUBMISSION_STALLED_AFTER_MINUTES = 10;

/** bigint columns (counters well below 2^53) as numbers. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** What one submission produced (JSONB `counts`); the reconcile step fills the episode and ledger parts. */
export interface SubmissionCounts {
  /** Records after the file header (TOT-REC-CNT). */
  records: number;
  /** Records skipped for record-level problems, and the problems reported. */
  skippedRecords: number;
  problems: number;
  /** Valid claim headers in the file, new versions stored, and versions already received (`R`). */
  claimHeaders: number;
  claimVersions: number;
  repeats: number;
  denied: number;
  voids: number;
  replacements: number;
  cgtLines: number;
  relevantDiagnoses: number;
  episodesCreated: number;
  episodesChanged: number;
  exceptionsByCode: Record<string, number>;
  ledgerEntries: number;
  /** Sum of the ledger entries appended, exact decimal as text. */
  ledgerSum: string;
}

@Entity('claim_submission')
export class ClaimSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** USPS code of the submitting state. */
  @Column({ type: 'char', length: 2 })
  stateCode!: string;

  @Column({ type: 'char', length: 64, name: 'file_sha256' })
  fileSha256!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  byteSize!: number;

  @Column({ type: 'text', nullable: true })
  originalFileName!: string | null;

  /** Relative to STORAGE_DIR: `<sha[0:2]>/<sha>`. */
  @Column({ type: 'text' })
  storagePath!: string;

  @Column({ type: 'uuid', nullable: true })
  submittedBy!: string | null;

  /** Order of receipt across the platform (bigserial). */
  @Column({ type: 'bigint', transformer: bigintNumber, insert: false, update: false })
  receiptSeq!: number;

  @Column({ type: 'text' })
  status!: SubmissionStatus;

  @Column({ type: 'char', length: 3, nullable: true })
  fileType!: string | null;

  @Column({ type: 'date', nullable: true })
  periodStart!: string | null;

  @Column({ type: 'date', nullable: true })
  periodEnd!: string | null;

  @Column({ type: 'date', nullable: true })
  fileCreated!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  sequenceNumber!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  totalRecordCount!: number | null;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  recordsRead!: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  bytesRead!: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  totalBytes!: number;

  @Column({ type: 'jsonb', nullable: true })
  counts!: SubmissionCounts | null;

  /**
   * The relevance the file was loaded or last re-read with (design-notes "Keep only what matters,
   * but decide it correctly"); null until it is loaded.
   */
  @Column({ type: 'jsonb', nullable: true })
  loadedRelevance!: RelevanceSnapshot | null;

  /** Re-read for a wider relevance, its state not yet reconciled since. */
  @Column({ type: 'boolean', default: false })
  relevanceRereadPending!: boolean;

  @Column({ type: 'text', nullable: true })
  rejectionCode!: string | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ type: 'text', nullable: true })
  lastFailureReason!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
