import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer, type Dec } from '@lib/common';
import type { DisputeCode, DisputeStatus } from '../rules';

/** A manufacturer's dispute of a statement line or a whole statement (MDRP codes). */
@Entity('dispute')
export class DisputeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  statementId!: string;

  @Column({ type: 'text' })
  scope!: 'LINE' | 'STATEMENT';

  /** The disputed line (a ledger entry id) when scope is LINE. */
  @Column({ type: 'bigint', nullable: true })
  ledgerEntryId!: string | null;

  @Column({ type: 'char', length: 1 })
  code!: DisputeCode;

  @Column({ type: 'text' })
  note!: string;

  /** What the dispute holds back when opened: the line amount, or the statement total. */
  @Column({ type: 'numeric', transformer: decimalTransformer })
  disputedAmount!: Dec;

  @Column({ type: 'date' })
  openedOn!: string;

  @Column({ type: 'uuid' })
  openedBy!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'text' })
  status!: DisputeStatus;

  @Column({ type: 'date', nullable: true })
  resolvedOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  resolutionNote!: string | null;

  /** UPHELD only: what the disputed line should have been. */
  @Column({ type: 'numeric', nullable: true, transformer: decimalTransformer })
  agreedAmount!: Dec | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A supporting document attached to a dispute. */
@Entity('dispute_document')
export class DisputeDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  disputeId!: string;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  contentType!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @Column({ type: 'timestamptz' })
  uploadedAt!: Date;
}

/** rebate-rules section 8: what an episode's component owes from an UPHELD dispute on (append-only). */
@Entity('episode_override')
export class EpisodeOverrideEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  episodeId!: string;

  @Column({ type: 'text' })
  component!: string;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  amount!: Dec;

  @Column({ type: 'uuid' })
  disputeId!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
