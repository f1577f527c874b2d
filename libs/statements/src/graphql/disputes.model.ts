import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, DateScalar, MoneyScalar, plainLabel, type Dec } from '@lib/common';
import type { DisputeView } from '../disputes/dispute-queries.service';
import { toDispute } from '../statement-reader';
import { disputeAgeDays, disputeAgingLabel, disputeCodeInfo, isDisputeOverdue } from '../rules';

export enum DisputeStatusValue {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  DENIED = 'DENIED',
}
registerEnumType(DisputeStatusValue, {
  name: 'DisputeStatus',
  description: 'Where a dispute stands.',
  valuesMap: {
    OPEN: { description: 'Waiting for the state (or a coordinator) to resolve it.' },
    UPHELD: { description: 'The manufacturer was right: the agreed amount is owed from now on.' },
    DENIED: { description: 'The amount stays owed.' },
  },
});

export enum DisputeOutcomeValue {
  UPHELD = 'UPHELD',
  DENIED = 'DENIED',
}
registerEnumType(DisputeOutcomeValue, {
  name: 'DisputeOutcome',
  description: 'How a dispute is resolved (rebate-rules section 8).',
  valuesMap: {
    UPHELD: { description: 'Records an override: the component owes the agreed amount (default 0) from now on.' },
    DENIED: { description: 'Changes nothing: the amount stays owed.' },
  },
});

@ObjectType('DisputeCodeInfo', { description: 'An MDRP dispute code (domain.md).' })
export class DisputeCodeModel {
  @Field({ description: 'One letter: M, D, U, J, K or O.' })
  code!: string;

  @Field({ description: 'Short name, e.g. "Not rebate eligible".' })
  label!: string;

  @Field({ description: 'When a manufacturer uses it.' })
  description!: string;
}

@ObjectType('DisputeDocument', { description: 'A supporting document of a dispute (metadata; bytes by download).' })
export class DisputeDocumentModel {
  @Field(() => ID, { description: 'Document id.' })
  id!: string;

  @Field({ description: 'File name as uploaded.' })
  fileName!: string;

  @Field({ description: 'Media type as uploaded, e.g. application/pdf.' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the bytes, hex.' })
  sha256!: string;

  @Field({ description: 'When it was attached.' })
  uploadedAt!: Date;

  @Field({ description: 'Where to download it (GET with the bearer token).' })
  downloadPath!: string;
}

@ObjectType('DisputeResolution', { description: 'How and when a dispute was resolved.' })
export class DisputeResolutionModel {
  @Field(() => DisputeOutcomeValue, { description: 'UPHELD or DENIED.' })
  outcome!: DisputeOutcomeValue;

  @Field(() => DateScalar, { description: 'The day it was resolved.' })
  resolvedOn!: string;

  @Field({ description: 'The resolver’s note.' })
  note!: string;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'UPHELD: what the disputed line should have been (0 = not owed); null when DENIED.',
  })
  agreedAmount!: Dec | null;
}

@ObjectType('Dispute', { description: 'A manufacturer’s dispute of a statement line or a whole statement.' })
export class DisputeModel {
  @Field(() => ID, { description: 'Dispute id.' })
  id!: string;

  @Field(() => ID, { description: 'The disputed statement.' })
  statementId!: string;

  @Field({ description: 'Number of the disputed statement, e.g. CGT-NY-51167-2026Q1.' })
  statementNumber!: string;

  @Field({ description: 'USPS code of the statement’s state.' })
  stateCode!: string;

  @Field({ description: 'Labeler code of the statement.' })
  labelerCode!: string;

  @Field({ description: 'Quarter of the statement, e.g. 2026Q1.' })
  quarter!: string;

  @Field({ description: 'LINE (one ledger entry) or STATEMENT (the whole statement).' })
  scope!: string;

  @Field(() => ID, { nullable: true, description: 'The disputed line (ledger entry id) when scope is LINE.' })
  ledgerEntryId!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The disputed line’s number on its statement (StatementLine.lineNumber, the number printed on the statement); null for a whole statement.',
  })
  lineNumber!: number | null;

  @Field({ description: 'MDRP dispute code: M, D, U, J, K or O.' })
  code!: string;

  @Field({ description: 'What the code means.' })
  codeLabel!: string;

  @Field({ description: 'The manufacturer’s explanation.' })
  note!: string;

  @Field(() => MoneyScalar, { description: 'The amount held back: the line amount, or the statement total.' })
  disputedAmount!: Dec;

  @Field(() => DateScalar, { description: 'The day it was opened.' })
  openedOn!: string;

  @Field(() => DateScalar, { description: 'The day the state should resolve it by.' })
  dueOn!: string;

  @Field(() => Int, { description: 'Days from opening to resolution, or to today while open.' })
  ageDays!: number;

  @Field({ description: 'Its aging bracket in words ("0-30 days", "31-60 days", "More than 60 days"), by ageDays.' })
  agingLabel!: string;

  @Field({ description: 'Open after its due date.' })
  overdue!: boolean;

  @Field(() => DisputeStatusValue, { description: 'OPEN, UPHELD or DENIED.' })
  status!: DisputeStatusValue;

  @Field({ description: 'The status in plain words.' })
  statusLabel!: string;

  @Field(() => DisputeResolutionModel, { nullable: true, description: 'The resolution; null while open.' })
  resolution!: DisputeResolutionModel | null;

  @Field(() => [DisputeDocumentModel], { description: 'Supporting documents, oldest first.' })
  documents!: DisputeDocumentModel[];
}

@ObjectType('DisputeAgingBucket', { description: 'Open disputes of one age bracket.' })
export class DisputeAgingBucketModel {
  @Field({ description: 'DAYS_0_30, DAYS_31_60 or OVER_60.' })
  bucket!: string;

  @Field({ description: 'The bracket in words, e.g. "31-60 days".' })
  label!: string;

  @Field(() => Int, { description: 'Open disputes of that age.' })
  count!: number;

  @Field(() => MoneyScalar, { description: 'Amount they hold back.' })
  amount!: Dec;
}

export const DisputeConnection = Connection(DisputeModel, 'Dispute');

export function toDisputeModel(view: DisputeView): DisputeModel {
  const { dispute: d, statement: s } = view;
  const rule = toDispute(d);
  const r = rule.resolution;
  return {
    id: d.id,
    statementId: s.id,
    statementNumber: s.number,
    stateCode: s.stateCode,
    labelerCode: s.labelerCode,
    quarter: s.quarter,
    scope: d.scope,
    ledgerEntryId: d.ledgerEntryId,
    lineNumber: view.lineNumber,
    code: d.code,
    codeLabel: disputeCodeInfo(d.code).label,
    note: d.note,
    disputedAmount: d.disputedAmount,
    openedOn: d.openedOn,
    dueOn: d.dueOn,
    ageDays: disputeAgeDays(rule, view.today),
    agingLabel: disputeAgingLabel(disputeAgeDays(rule, view.today)),
    overdue: isDisputeOverdue(rule, view.today),
    status: d.status as DisputeStatusValue,
    statusLabel: plainLabel('disputeStatus', d.status),
    resolution: r
      ? {
          outcome: r.outcome as DisputeOutcomeValue,
          resolvedOn: r.resolvedOn,
          note: r.note,
          agreedAmount: r.outcome === 'UPHELD' ? r.agreedAmount : null,
        }
      : null,
    documents: view.documents.map((doc) => ({
      id: doc.id,
      fileName: doc.fileName,
      contentType: doc.contentType,
      sizeBytes: doc.sizeBytes,
      sha256: doc.sha256,
      uploadedAt: doc.uploadedAt,
      downloadPath: `/v1/disputes/${d.id}/documents/${doc.id}`,
    })),
  };
}
