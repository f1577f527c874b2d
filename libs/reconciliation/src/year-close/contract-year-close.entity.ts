import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer, type Dec } from '@lib/common';
import type { YearCloseStatus } from './year-close.rules';

/** One close of a contract year of an agreement (rebate-rules section 6); rows are never deleted. */
@Entity('contract_year_close')
export class ContractYearCloseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'int' })
  contractYear!: number;

  /** n: ELIGIBLE episodes of the agreement dated in the year, across all states, at the close. */
  @Column({ type: 'int' })
  eligibleEpisodes!: number;

  /** minTreatments of the tier reached; null when no tier was reached. */
  @Column({ type: 'int', nullable: true })
  tierMinTreatments!: number | null;

  /** p: the additional rebate of the tier reached (0 when none). */
  @Column({ type: 'numeric', transformer: decimalTransformer })
  tierPct!: Dec;

  @Column({ type: 'text' })
  status!: YearCloseStatus;

  @Column({ type: 'date' })
  closedOn!: string;

  @Column({ type: 'uuid', nullable: true })
  closedBy!: string | null;

  @Column({ type: 'text' })
  closedByLabel!: string;

  @Column({ type: 'timestamptz', nullable: true })
  reopenedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reopenedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  reopenReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  supersededBy!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
