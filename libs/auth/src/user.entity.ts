import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@lib/common';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'char', length: 2, nullable: true })
  stateCode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  manufacturerId!: string | null;

  /** scrypt, salted; never leaves this library. */
  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
