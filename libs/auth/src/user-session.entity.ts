import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One sign-in: every token (bearer or cookie) names its session, which sign-out ends. */
@Entity('user_session')
export class UserSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** The token's `exp`: the session ends then at the latest. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set by sign-out; the token is refused from then on by every API process. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
