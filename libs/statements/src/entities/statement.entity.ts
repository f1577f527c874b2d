import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer, type Dec } from '@lib/common';
import type { StatementStatus } from '../rules';

/** A rebate statement: one per (labeler, state, quarter) (rebate-rules section 8). */
@Entity('statement')
export class StatementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `CGT-NY-51167-2026Q1` (statementNumber). */
  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'char', length: 5 })
  labelerCode!: string;

  @Column({ type: 'char', length: 2 })
  stateCode!: string;

  @Column({ type: 'char', length: 6 })
  quarter!: string;

  @Column({ type: 'text' })
  status!: StatementStatus;

  @Column({ type: 'date', nullable: true })
  issuedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  issuedBy!: string | null;

  @Column({ type: 'boolean' })
  issuedAutomatically!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  /** Frozen at issue. */
  @Column({ type: 'numeric', nullable: true, transformer: decimalTransformer })
  total!: Dec | null;

  @Column({ type: 'integer', nullable: true })
  lineCount!: number | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
