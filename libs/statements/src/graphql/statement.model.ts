import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, DateScalar, DecimalScalar, MoneyScalar, plainLabel, type Dec } from '@lib/common';
import type { InterestRateEntity, StatementCreditEntity, StatementPaymentEntity } from '../entities/payment.entity';
import type { StatementEntity } from '../entities/statement.entity';
import {
  isPriorPeriodAdjustment,
  isStatementOverdue,
  type StatementBalanceView,
  type StatementLine,
  type StatementTotals,
} from '../rules';

export enum StatementStatusValue {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  DISPUTED = 'DISPUTED',
  PAID = 'PAID',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
}
registerEnumType(StatementStatusValue, {
  name: 'StatementStatus',
  description: 'Where a rebate statement stands.',
  valuesMap: {
    DRAFT: { description: 'Its quarter can still change: lines are live.' },
    ISSUED: { description: 'Issued: its lines never change; later entries land on the next statement.' },
    ACKNOWLEDGED: { description: 'The manufacturer has acknowledged it.' },
    DISPUTED: { description: 'At least one dispute of it is open.' },
    PAID: { description: 'Nothing is outstanding.' },
    PARTIALLY_PAID: { description: 'Some payment is recorded; an amount is still outstanding.' },
  },
});

@ObjectType('StatementLine', {
  description: 'One ledger entry on a statement (episode reference only, never an MSIS id).',
})
export class StatementLineModel {
  @Field(() => Int, {
    description:
      'Position of the line in statement order, from 1 (the order of the CSV and the printed statement): the line number a dispute refers to. Fixed once the statement is issued.',
  })
  lineNumber!: number;

  @Field(() => ID, { description: 'The ledger entry id: what a line dispute names.' })
  lineId!: string;

  @Field({ description: 'Product code, e.g. CASGEVY.' })
  product!: string;

  @Field({ description: 'NDC-11 of the administration, 11 digits without hyphens (empty when unknown).' })
  ndc11!: string;

  @Field({ description: 'Stable pseudonymous episode reference.' })
  episodeRef!: string;

  @Field(() => DateScalar, { description: 'Date of the index administration.' })
  administrationDate!: string;

  @Field({ description: 'GUARANTEED, VOLUME or OUTCOME:<benchmark>.' })
  component!: string;

  @Field({ description: 'The component in plain words, e.g. "Outcome rebate: VOE within 12 months".' })
  componentLabel!: string;

  @Field({ description: 'The quarter the entry belongs to by its cause, e.g. 2026Q1.' })
  serviceQuarter!: string;

  @Field({
    description: 'True when the service quarter is before the statement quarter (a late correction, rebate-rules 8).',
  })
  priorPeriodAdjustment!: boolean;

  @Field({ description: 'What made the entry: CLAIMS, DISPUTE_RESOLUTION, AMENDMENT, PARTICIPATION_CHANGE, ...' })
  cause!: string;

  @Field({ description: 'The cause in plain words, e.g. "Dispute resolution".' })
  causeLabel!: string;

  @Field(() => MoneyScalar, { description: 'Signed amount; negative for reversals.' })
  amount!: Dec;
}

@ObjectType('StatementComponentTotal', { description: 'The total of one component on a statement.' })
export class ComponentTotalModel {
  @Field({ description: 'GUARANTEED, VOLUME or OUTCOME:<benchmark>.' })
  component!: string;

  @Field({ description: 'The component in plain words, e.g. "Guaranteed rebate".' })
  label!: string;

  @Field(() => MoneyScalar, { description: 'Sum of the lines of that component.' })
  amount!: Dec;
}

@ObjectType('StatementCauseTotal', { description: 'The total of one cause on a statement.' })
export class CauseTotalModel {
  @Field({ description: 'CLAIMS, DISPUTE_RESOLUTION, AMENDMENT, PARTICIPATION_CHANGE, YEAR_CLOSE or OBSERVATION.' })
  cause!: string;

  @Field({ description: 'The cause in plain words, e.g. "Dispute resolution".' })
  label!: string;

  @Field(() => MoneyScalar, { description: 'Sum of the lines of that cause (zero when none).' })
  amount!: Dec;
}

@ObjectType('StatementServiceQuarterTotal', { description: 'Prior-period adjustments of one service quarter.' })
export class ServiceQuarterTotalModel {
  @Field({ description: 'The service quarter.' })
  serviceQuarter!: string;

  @Field(() => MoneyScalar, { description: 'Sum of the adjustments for it.' })
  amount!: Dec;
}

@ObjectType('StatementTotals', { description: 'Exact totals of a statement: by component, cause and period.' })
export class StatementTotalsModel {
  @Field(() => MoneyScalar, { description: 'Sum of every line.' })
  total!: Dec;

  @Field(() => MoneyScalar, { description: 'Lines whose service quarter is the statement quarter.' })
  currentPeriod!: Dec;

  @Field(() => MoneyScalar, { description: 'Prior-period adjustments (earlier service quarters).' })
  priorPeriod!: Dec;

  @Field(() => Int, { description: 'How many lines.' })
  lineCount!: number;

  @Field(() => [ComponentTotalModel], { description: 'GUARANTEED, VOLUME, then each OUTCOME benchmark present.' })
  byComponent!: ComponentTotalModel[];

  @Field(() => [CauseTotalModel], { description: 'Every cause, in a fixed order.' })
  byCause!: CauseTotalModel[];

  @Field(() => [ServiceQuarterTotalModel], {
    description: 'Prior-period adjustments per service quarter, oldest first.',
  })
  priorPeriodByServiceQuarter!: ServiceQuarterTotalModel[];
}

@ObjectType('StatementPayment', { description: 'A remittance recorded against a statement.' })
export class StatementPaymentModel {
  @Field(() => ID, { description: 'Internal id.' })
  id!: string;

  @Field(() => MoneyScalar, { description: 'Amount received.' })
  amount!: Dec;

  @Field(() => DateScalar, { description: 'The day it was received; interest stops counting on it from the next day.' })
  receivedOn!: string;

  @Field({ description: "The remitter's reference, unique per statement." })
  reference!: string;

  @Field({ description: 'When it was recorded.' })
  recordedAt!: Date;
}

@ObjectType('StatementCredit', {
  description: 'The excess of a payment recorded as an overpayment: a credit for the next statement.',
})
export class StatementCreditModel {
  @Field(() => ID, { description: 'Internal id.' })
  id!: string;

  @Field(() => MoneyScalar, { description: 'The excess over what was outstanding.' })
  amount!: Dec;

  @Field(() => DateScalar, { description: 'The day the payment was received.' })
  receivedOn!: string;

  @Field({ description: "The remitter's reference of the payment." })
  reference!: string;

  @Field({ description: 'When it was recorded.' })
  recordedAt!: Date;
}

@ObjectType('StatementBalances', {
  description: 'Paid, disputed and outstanding amounts and interest owed, as of a date.',
})
export class StatementBalancesModel {
  @Field(() => DateScalar, { description: 'The day the balances are computed for (end of day).' })
  asOf!: string;

  @Field({
    description: 'Issued, past its due date on the as-of day, and money still outstanding (the portal’s overdue flag).',
  })
  overdue!: boolean;

  @Field(() => MoneyScalar, { description: 'What the statement bills (sum of its lines).' })
  total!: Dec;

  @Field(() => MoneyScalar, { description: 'Payments received on or before asOf.' })
  paid!: Dec;

  @Field(() => MoneyScalar, { description: 'Amounts under disputes still open.' })
  disputed!: Dec;

  @Field(() => MoneyScalar, { description: 'Amounts of upheld disputes (credited on a later statement, no interest).' })
  upheld!: Dec;

  @Field(() => MoneyScalar, { description: 'total - disputed - upheld.' })
  undisputed!: Dec;

  @Field(() => MoneyScalar, { description: 'total - paid (negative when overpaid).' })
  outstanding!: Dec;

  @Field(() => MoneyScalar, { description: 'The unpaid undisputed amount: what interest runs on after the due date.' })
  outstandingUndisputed!: Dec;

  @Field(() => DateScalar, { nullable: true, description: 'Day 38 after issue: the first day interest accrues.' })
  interestStartsOn!: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Simple daily interest owed through asOf (actual/365, rounded once); null for a DRAFT.',
  })
  interestOwed!: Dec | null;

  @Field(() => String, { nullable: true, description: 'Why interest could not be computed (a gap in the rate table).' })
  interestProblem!: string | null;
}

@ObjectType('Statement', {
  description: 'A rebate statement: one labeler code, one state, one quarter (rebate-rules 8).',
})
export class StatementModel {
  @Field(() => ID, { description: 'Internal id.' })
  id!: string;

  @Field({ description: 'Unique number, e.g. CGT-NY-51167-2026Q1.' })
  number!: string;

  @Field({ description: 'Labeler code of the manufacturer billed.' })
  labelerCode!: string;

  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field({ description: 'Statement quarter, e.g. 2026Q1.' })
  quarter!: string;

  @Field(() => StatementStatusValue, { description: 'Lifecycle status.' })
  status!: StatementStatusValue;

  @Field({ description: 'The status in plain words, e.g. "Partly paid".' })
  statusLabel!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Issue date; null while DRAFT.' })
  issuedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Due date: issue + 37 days.' })
  dueOn!: string | null;

  @Field({ description: 'True when the automatic quarter close issued it.' })
  issuedAutomatically!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the manufacturer acknowledged it.' })
  acknowledgedAt!: Date | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Total frozen at issue; null while DRAFT (see totals).' })
  issuedTotal!: Dec | null;

  @Field(() => Int, { nullable: true, description: 'Line count frozen at issue; null while DRAFT.' })
  issuedLineCount!: number | null;
}

export const StatementConnection = Connection(StatementModel, 'Statement');

@ObjectType('InterestRate', { description: 'An annual interest rate in force over a period (coordinator-managed).' })
export class InterestRateModel {
  @Field(() => ID, { description: 'Internal id.' })
  id!: string;

  @Field(() => DateScalar, { description: 'First day in force.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in force; null while open-ended.' })
  effectiveTo!: string | null;

  @Field(() => DecimalScalar, { description: 'Annual rate as a fraction, e.g. "0.05".' })
  annualRate!: Dec;

  @Field({ description: 'Why or where from (e.g. the published source).' })
  note!: string;
}

export function toStatementModel(s: StatementEntity): StatementModel {
  return {
    id: s.id,
    number: s.number,
    labelerCode: s.labelerCode,
    stateCode: s.stateCode,
    quarter: s.quarter,
    status: s.status as StatementStatusValue,
    statusLabel: plainLabel('statementStatus', s.status),
    issuedOn: s.issuedOn,
    dueOn: s.dueOn,
    issuedAutomatically: s.issuedAutomatically,
    acknowledgedAt: s.acknowledgedAt,
    issuedTotal: s.total,
    issuedLineCount: s.lineCount,
  };
}

/** `lineNumber` is the 1-based position in statement order (the caller passes the lines sorted). */
export function toLineModel(line: StatementLine, statementQuarter: string, lineNumber: number): StatementLineModel {
  return {
    ...line,
    lineNumber,
    componentLabel: plainLabel('component', line.component),
    causeLabel: plainLabel('cause', line.cause),
    priorPeriodAdjustment: isPriorPeriodAdjustment(line.serviceQuarter, statementQuarter),
  };
}

export function toTotalsModel(totals: StatementTotals): StatementTotalsModel {
  return {
    ...totals,
    byComponent: totals.byComponent.map((c) => ({ ...c, label: plainLabel('component', c.component) })),
    byCause: totals.byCause.map((c) => ({ ...c, label: plainLabel('cause', c.cause) })),
  };
}

export function toPaymentModel(p: StatementPaymentEntity): StatementPaymentModel {
  return { id: p.id, amount: p.amount, receivedOn: p.receivedOn, reference: p.reference, recordedAt: p.createdAt };
}

export function toCreditModel(c: StatementCreditEntity): StatementCreditModel {
  return { id: c.id, amount: c.amount, receivedOn: c.receivedOn, reference: c.reference, recordedAt: c.createdAt };
}

export function toBalancesModel(account: StatementBalanceView, dueOn: string | null): StatementBalancesModel {
  const b = account.balances;
  return {
    asOf: account.asOf,
    overdue: isStatementOverdue(dueOn, account.asOf, b.outstanding),
    total: b.total,
    paid: b.paid,
    disputed: b.disputed,
    upheld: b.upheld,
    undisputed: b.undisputed,
    outstanding: b.outstanding,
    outstandingUndisputed: b.outstandingUndisputed,
    interestStartsOn: account.interestStartsOn,
    interestOwed: account.interest?.interest ?? null,
    interestProblem: account.interestProblem,
  };
}

export function toInterestRateModel(r: InterestRateEntity): InterestRateModel {
  return {
    id: r.id,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    annualRate: r.annualRate,
    note: r.note,
  };
}
