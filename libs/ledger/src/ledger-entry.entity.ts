import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer, type Dec } from '@lib/common';

export type LedgerCauseType =
  'SUBMISSION' | 'AMENDMENT' | 'PARTICIPATION' | 'YEAR_CLOSE' | 'DISPUTE_RESOLUTION' | 'OBSERVATION';

/** One append-only rebate ledger entry (rebate-rules section 7); a trigger refuses changes. */
@Entity('ledger_entry')
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  episodeId!: string;

  @Column({ type: 'char', length: 2 })
  stateCode!: string;

  @Column({ type: 'char', length: 5 })
  labelerCode!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'date' })
  administrationDate!: string;

  @Column({ type: 'char', length: 11, nullable: true })
  ndc11!: string | null;

  @Column({ type: 'text' })
  component!: string;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  amount!: Dec;

  @Column({ type: 'char', length: 6 })
  serviceQuarter!: string;

  @Column({ type: 'char', length: 6 })
  statementQuarter!: string;

  @Column({ type: 'text' })
  causeType!: LedgerCauseType;

  @Column({ type: 'text' })
  causeId!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
