import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from './claim-submission.entity';

/**
 * A reconciliation exception (rebate-rules; `R` = claim version already received). The loader
 * writes `R`; the reconcile step adds the others (M, L, K, O, U ...).
 */
@Entity('reconciliation_exception')
export class ReconciliationExceptionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  submissionId!: string;

  @Column({ type: 'char', length: 2 })
  stateCode!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  recordNumber!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  position!: number | null;

  @Column({ type: 'text', nullable: true })
  icnOrig!: string | null;

  @Column({ type: 'text', nullable: true })
  icnAdj!: string | null;

  @Column({ type: 'bigint', nullable: true })
  claimVersionId!: string | null;

  @Column({ type: 'text', nullable: true })
  fieldName!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
