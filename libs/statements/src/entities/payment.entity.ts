import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer, type Dec } from '@lib/common';

/** A manufacturer's remittance against a statement (append-only). */
@Entity('statement_payment')
export class StatementPaymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  statementId!: string;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  amount!: Dec;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * The excess of a payment recorded as an overpayment (README "Statements and payments"): a credit of the labeler
 * in that state for the next statement, so no statement's outstanding goes below zero (append-only).
 */
@Entity('statement_credit')
export class StatementCreditEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The statement whose payment carried the excess. */
  @Column({ type: 'uuid' })
  statementId!: string;

  /** The payment row of the applied part; null when nothing was outstanding (all of it is credit). */
  @Column({ type: 'uuid', nullable: true })
  paymentId!: string | null;

  @Column({ type: 'char', length: 5 })
  labelerCode!: string;

  @Column({ type: 'char', length: 2 })
  stateCode!: string;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  amount!: Dec;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}

/** An annual interest rate in force over a period (coordinator-managed). */
@Entity('interest_rate')
export class InterestRateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'date', nullable: true })
  effectiveTo!: string | null;

  @Column({ type: 'numeric', transformer: decimalTransformer })
  annualRate!: Dec;

  @Column({ type: 'text' })
  note!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
