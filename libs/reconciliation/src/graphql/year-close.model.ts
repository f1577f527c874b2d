import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DateScalar, DecimalScalar, MoneyScalar, type Dec } from '@lib/common';
import type { ContractYearCloseEntity } from '../year-close/contract-year-close.entity';
import type { CloseStateTotals, StateYearCloseResult } from '../year-close/contract-year-close.service';

export enum ContractYearCloseStatusValue {
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(ContractYearCloseStatusValue, {
  name: 'ContractYearCloseStatus',
  description: 'Where a close of a contract year stands (rebate-rules section 6).',
  valuesMap: {
    CLOSED: { description: 'Closed; its rate is in force.' },
    REOPENED: { description: 'Reopened by a coordinator; its rate stays in force until a new close replaces it.' },
    SUPERSEDED: { description: 'Replaced by a later close of the same year; kept as history.' },
  },
});

@InputType({ description: 'Which contract year of which agreement to close.' })
export class CloseContractYearInput {
  @Field(() => ID, { description: 'The executed agreement.' })
  @IsUUID()
  agreementId!: string;

  @Field(() => Int, { description: 'The contract year (calendar year of the administration dates), e.g. 2026.' })
  @IsInt()
  @Min(1900)
  @Max(9999)
  year!: number;
}

@InputType({ description: 'Which closed contract year to reopen, and why.' })
export class ReopenContractYearInput extends CloseContractYearInput {
  @Field({ description: 'Why the year is reopened (kept in the close history and the audit trail).' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

@ObjectType('ContractYearCloseStateTotal', {
  description: "What a close appended to one state's ledger (entries whose cause is the close).",
})
export class ContractYearCloseStateTotalModel {
  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field(() => MoneyScalar, { description: 'Sum of the VOLUME entries the close appended in the state.' })
  volume!: Dec;

  @Field(() => MoneyScalar, {
    description: 'Sum of every entry the close appended in the state (OUTCOME amounts the cap now limits included).',
  })
  total!: Dec;

  @Field(() => Int, { description: 'How many entries the close appended in the state.' })
  entries!: number;
}

@ObjectType('ContractYearClose', { description: 'One close of a contract year of an agreement (volume true-up).' })
export class ContractYearCloseModel {
  @Field(() => ID, { description: 'Id of the close; the ledger entries it caused name it (cause YEAR_CLOSE).' })
  id!: string;

  @Field(() => ID, { description: 'The agreement.' })
  agreementId!: string;

  @Field(() => Int, { description: 'The contract year (calendar year).' })
  contractYear!: number;

  @Field(() => Int, {
    description: 'n: ELIGIBLE episodes of the agreement dated in the year, in all states, at the close.',
  })
  eligibleEpisodes!: number;

  @Field(() => Int, { nullable: true, description: 'minTreatments of the volume tier reached; null when none.' })
  tierMinTreatments!: number | null;

  @Field(() => DecimalScalar, {
    description: 'p: the additional rebate (fraction of WAC) of the tier reached; 0 when none.',
  })
  tierPct!: Dec;

  @Field(() => ContractYearCloseStatusValue, { description: 'CLOSED, REOPENED or SUPERSEDED.' })
  status!: ContractYearCloseStatusValue;

  @Field({ description: 'Whether its rate is the one in force for the year (not superseded).' })
  inForce!: boolean;

  @Field(() => DateScalar, { description: 'Day of the close; its entries carry this quarter as service quarter.' })
  closedOn!: string;

  @Field({ description: 'Who closed it.' })
  closedBy!: string;

  @Field(() => Date, { nullable: true, description: 'When it was reopened.' })
  reopenedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was reopened.' })
  reopenReason!: string | null;

  @Field(() => ID, { nullable: true, description: 'The close that replaced it.' })
  supersededBy!: string | null;

  @Field(() => [ContractYearCloseStateTotalModel], {
    description: 'Per state, what the close appended to the ledger (state staff: their own state only).',
  })
  stateTotals!: ContractYearCloseStateTotalModel[];
}

@ObjectType('ContractYearCloseResult', { description: 'A close and what reconciling each participating state did.' })
export class ContractYearCloseResultModel {
  @Field(() => ContractYearCloseModel, { description: 'The close now in force.' })
  close!: ContractYearCloseModel;

  @Field(() => [ContractYearCloseStateReconciledModel], { description: 'Each state reconciled, by FIPS code.' })
  states!: ContractYearCloseStateReconciledModel[];
}

@ObjectType('ContractYearCloseStateReconciled', { description: 'One state reconciled by a close.' })
export class ContractYearCloseStateReconciledModel {
  @Field({ description: 'USPS code of the state.' })
  stateCode!: string;

  @Field(() => Int, { description: 'Ledger entries appended.' })
  ledgerEntries!: number;

  @Field(() => MoneyScalar, { description: 'Sum of the entries appended.' })
  ledgerSum!: Dec;
}

export function toContractYearCloseModel(
  close: ContractYearCloseEntity,
  totals: readonly CloseStateTotals[],
): ContractYearCloseModel {
  return {
    id: close.id,
    agreementId: close.agreementId,
    contractYear: close.contractYear,
    eligibleEpisodes: close.eligibleEpisodes,
    tierMinTreatments: close.tierMinTreatments,
    tierPct: close.tierPct,
    status: close.status as ContractYearCloseStatusValue,
    inForce: close.status !== 'SUPERSEDED',
    closedOn: close.closedOn,
    closedBy: close.closedByLabel,
    reopenedAt: close.reopenedAt,
    reopenReason: close.reopenReason,
    supersededBy: close.supersededBy,
    stateTotals: totals.map((t) => ({ ...t })),
  };
}

export function toStateReconciledModel(state: StateYearCloseResult): ContractYearCloseStateReconciledModel {
  return {
    stateCode: state.stateCode,
    ledgerEntries: state.summary.ledgerEntries,
    ledgerSum: state.summary.ledgerSum,
  };
}
