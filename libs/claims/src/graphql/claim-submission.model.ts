import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, DateScalar, MoneyScalar, plainLabel } from '@lib/common';
import { SubmissionStatus, type ClaimSubmissionEntity, type SubmissionCounts } from '../claim-submission.entity';

registerEnumType(SubmissionStatus, {
  name: 'SubmissionStatus',
  description: 'Where a claim submission stands.',
  valuesMap: {
    RECEIVED: { description: 'Stored and waiting for the worker.' },
    VALIDATING: { description: 'The worker is reading and validating the file.' },
    RECONCILING: { description: 'The file is valid; its claims are being applied.' },
    COMPLETED: { description: 'Applied; counts and problems are final.' },
    REJECTED: { description: 'A file-level problem: nothing from the file was applied (see rejectionReason).' },
    FAILED: { description: 'Processing failed after every retry (see lastFailureReason); nothing was applied.' },
  },
});

@ObjectType('SubmissionProgress', { description: 'How far the worker has read the file.' })
export class SubmissionProgressModel {
  @Field(() => Float, { description: 'Records read so far, the file header included.' })
  recordsRead!: number;

  @Field(() => Float, { nullable: true, description: 'Records the file header announces (TOT-REC-CNT + 1).' })
  recordsTotal!: number | null;

  @Field(() => Float, { description: 'Bytes of the stored file read so far.' })
  bytesRead!: number;

  @Field(() => Float, { description: 'Size of the stored file in bytes.' })
  totalBytes!: number;
}

@ObjectType('ExceptionCount', { description: 'How many exceptions of one code a submission produced.' })
export class ExceptionCountModel {
  @Field({ description: 'Exception code (rebate-rules), e.g. R for a repeated claim version.' })
  code!: string;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType('SubmissionCounts', { description: 'What a submission contained and produced.' })
export class SubmissionCountsModel {
  @Field(() => Float, { description: 'Records after the file header.' })
  records!: number;

  @Field(() => Float, { description: 'Records skipped for record-level problems.' })
  skippedRecords!: number;

  @Field(() => Float, { description: 'Record-level problems reported (a record may have several).' })
  problems!: number;

  @Field(() => Float, { description: 'Valid claim headers in the file.' })
  claimHeaders!: number;

  @Field(() => Float, { description: 'Claim versions stored for the first time.' })
  claimVersions!: number;

  @Field(() => Float, { description: 'Claim versions already received in an earlier file (exception R).' })
  repeats!: number;

  @Field(() => Float, { description: 'Valid claim headers with CLAIM-STATUS-CATEGORY F2 (denied).' })
  denied!: number;

  @Field(() => Float, { description: 'Valid claim headers that void a family (ADJUSTMENT-IND 1).' })
  voids!: number;

  @Field(() => Float, { description: 'Valid claim headers that replace a family (ADJUSTMENT-IND 4).' })
  replacements!: number;

  @Field(() => Float, { description: 'Cell and gene therapy lines (catalog NDC or CGT HCPCS code).' })
  cgtLines!: number;

  @Field(() => Float, { description: 'Diagnoses kept for outcome benchmarks (sickle-cell codes).' })
  relevantDiagnoses!: number;

  @Field(() => Int, { description: 'Episodes this submission created.' })
  episodesCreated!: number;

  @Field(() => Int, { description: 'Episodes this submission changed.' })
  episodesChanged!: number;

  @Field(() => [ExceptionCountModel], { description: 'Reconciliation exceptions by code.' })
  exceptionsByCode!: ExceptionCountModel[];

  @Field(() => Int, { description: 'Ledger entries appended.' })
  ledgerEntries!: number;

  @Field(() => MoneyScalar, { description: 'Sum of the ledger entries appended.' })
  ledgerSum!: string;
}

@ObjectType('ClaimSubmission', { description: 'One claim file a state submitted, and what became of it.' })
export class ClaimSubmissionModel {
  @Field(() => ID, { description: 'Stable id of the submission.' })
  id!: string;

  @Field({ description: 'USPS code of the submitting state.' })
  stateCode!: string;

  @Field(() => SubmissionStatus, { description: 'Where the submission stands.' })
  status!: SubmissionStatus;

  @Field({ description: 'The status in plain words, e.g. "Rejected: nothing applied".' })
  statusLabel!: string;

  @Field({ description: 'SHA-256 of the exact bytes received (hex); the stored file is named by it.' })
  fileSha256!: string;

  @Field(() => Float, { description: 'Size of the file as received, in bytes.' })
  byteSize!: number;

  @Field(() => String, { nullable: true, description: 'File name the submitter gave.' })
  originalFileName!: string | null;

  @Field(() => Float, { description: 'Order of receipt across the platform; a state is processed in this order.' })
  receiptSeq!: number;

  @Field(() => ID, { nullable: true, description: 'Id of the user who submitted the file.' })
  submittedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Segment prefix from the file header: CIP, COT or CRX.' })
  fileType!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'START-OF-TIME-PERIOD of the file header.' })
  periodStart!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'END-OF-TIME-PERIOD of the file header.' })
  periodEnd!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'DATE-FILE-CREATED of the file header.' })
  fileCreated!: string | null;

  @Field(() => Float, { nullable: true, description: 'SEQUENCE-NUMBER of the file header.' })
  sequenceNumber!: number | null;

  @Field(() => Float, { nullable: true, description: 'TOT-REC-CNT of the file header.' })
  totalRecordCount!: number | null;

  @Field(() => SubmissionProgressModel, { description: 'How far the worker has read the file.' })
  progress!: SubmissionProgressModel;

  @Field(() => SubmissionCountsModel, { nullable: true, description: 'Counts, once the file has been applied.' })
  counts!: SubmissionCountsModel | null;

  @Field(() => String, { nullable: true, description: 'Code of the file-level problem that rejected the file.' })
  rejectionCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the file was rejected, for the submitter.' })
  rejectionReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last processing attempt failed.' })
  lastFailureReason!: string | null;

  @Field(() => Int, { description: 'Processing attempts so far.' })
  attempts!: number;

  @Field(() => Date, { description: 'When the file was received.' })
  receivedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When processing last started.' })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the submission reached a final status.' })
  finishedAt!: Date | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'In the answer to a submission (submitClaimFile, POST /v1/states/{usps}/claim-files) of bytes this state ' +
      'had sent before: the id of that earlier submission, which is the one answered (nothing new is processed). ' +
      'Null for new files and in queries.',
  })
  duplicateOf!: string | null;
}

function toCountsModel(counts: SubmissionCounts): SubmissionCountsModel {
  return {
    ...counts,
    exceptionsByCode: Object.entries(counts.exceptionsByCode)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, count]) => ({ code, count })),
  };
}

/** `duplicateOf`: only when answering a receipt of bytes the state had sent before. */
export function toClaimSubmissionModel(
  s: ClaimSubmissionEntity,
  receipt: { duplicateOf: string | null } = { duplicateOf: null },
): ClaimSubmissionModel {
  return {
    id: s.id,
    stateCode: s.stateCode,
    status: s.status,
    statusLabel: plainLabel('submissionStatus', s.status),
    fileSha256: s.fileSha256,
    byteSize: s.byteSize,
    originalFileName: s.originalFileName,
    receiptSeq: s.receiptSeq,
    submittedBy: s.submittedBy,
    fileType: s.fileType,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    fileCreated: s.fileCreated,
    sequenceNumber: s.sequenceNumber,
    totalRecordCount: s.totalRecordCount,
    progress: {
      recordsRead: s.recordsRead,
      recordsTotal: s.totalRecordCount === null ? null : s.totalRecordCount + 1,
      bytesRead: s.bytesRead,
      totalBytes: s.totalBytes,
    },
    counts: s.counts ? toCountsModel(s.counts) : null,
    rejectionCode: s.rejectionCode,
    rejectionReason: s.rejectionReason,
    lastFailureReason: s.lastFailureReason,
    attempts: s.attempts,
    receivedAt: s.receivedAt,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    duplicateOf: receipt.duplicateOf,
  };
}

export const ClaimSubmissionConnection = Connection(ClaimSubmissionModel, 'ClaimSubmission');
