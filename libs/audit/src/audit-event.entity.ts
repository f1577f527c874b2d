import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One change to the platform's state: append-only (a database trigger refuses UPDATE/DELETE). */
@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'text' })
  actorRole!: string;

  @Column({ type: 'text' })
  actorLabel!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entityType!: string;

  @Column({ type: 'text' })
  entityId!: string;

  @Column({ type: 'char', length: 2, nullable: true })
  stateCode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  manufacturerId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;
}
