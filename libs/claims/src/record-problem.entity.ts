import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from './claim-submission.entity';

/** A record-level problem of a submission (profile "What is wrong"): the record was skipped. */
@Entity('record_problem')
export class RecordProblemEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  submissionId!: string;

  /** Record position in the file (non-blank lines from 1; the file header is 1). */
  @Column({ type: 'bigint', transformer: bigintNumber })
  position!: number;

  /** Physical line number (blank lines counted); null when found in SQL after the read. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  line!: number | null;

  @Column({ type: 'text', nullable: true })
  recordId!: string | null;

  /** RECORD-NUMBER as sent, when it was a whole number. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  recordNumber!: number | null;

  @Column({ type: 'text', nullable: true })
  icnOrig!: string | null;

  @Column({ type: 'int', nullable: true })
  fieldNumber!: number | null;

  @Column({ type: 'text', nullable: true })
  fieldName!: string | null;

  /** Excerpt of the value as sent; MSIS ids are withheld by the reader. */
  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  message!: string;
}
