import { Column, Entity, PrimaryGeneratedColumn, VirtualColumn } from 'typeorm';

/** A state-reported outcome event of an episode ("Outcomes"); never deleted. */
@Entity('outcome_observation')
export class OutcomeObservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  episodeId!: string;

  /** The episode's pseudonymous reference (what every role may see), read with the row. */
  @VirtualColumn({ type: 'text', query: (alias) => `SELECT episode_ref FROM episode WHERE id = ${alias}.episode_id` })
  episodeRef!: string;

  @Column({ type: 'char', length: 2 })
  stateCode!: string;

  @Column({ type: 'date' })
  eventDate!: string;

  @Column({ type: 'text' })
  eventCode!: string;

  @Column({ type: 'text' })
  evidenceRef!: string;

  @Column({ type: 'text' })
  note!: string;

  @Column({ type: 'uuid', nullable: true })
  reportedBy!: string | null;

  @Column({ type: 'timestamptz' })
  reportedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy!: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawReason!: string | null;
}
