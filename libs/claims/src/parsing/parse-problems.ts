/**
 * What can be wrong with a claim file (tmsis-cgt-profile "What is wrong, and what happens then").
 * Messages are written for a state analyst and never contain an MSIS id.
 */

/** File-level problems: the whole file is rejected and nothing from it is applied. */
export enum FileProblemCode {
  EMPTY_FILE = 'EMPTY_FILE',
  CORRUPT_GZIP = 'CORRUPT_GZIP',
  NUL_BYTE = 'NUL_BYTE',
  INVALID_UTF8 = 'INVALID_UTF8',
  NOT_A_FILE_HEADER = 'NOT_A_FILE_HEADER',
  HEADER_FIELD_COUNT = 'HEADER_FIELD_COUNT',
  INVALID_HEADER_FIELD = 'INVALID_HEADER_FIELD',
  UNKNOWN_FILE_NAME = 'UNKNOWN_FILE_NAME',
  PREFIX_MISMATCH = 'PREFIX_MISMATCH',
  UNKNOWN_STATE = 'UNKNOWN_STATE',
  WRONG_STATE = 'WRONG_STATE',
  REPORTING_PERIOD = 'REPORTING_PERIOD',
  /** A reporting period after the current month (the platform clock's, FIXED_TIME in tests and demos). */
  FUTURE_REPORTING_PERIOD = 'FUTURE_REPORTING_PERIOD',
  SECOND_FILE_HEADER = 'SECOND_FILE_HEADER',
  TOT_REC_CNT_MISMATCH = 'TOT_REC_CNT_MISMATCH',
  RECORD_PROBLEM_LIMIT = 'RECORD_PROBLEM_LIMIT',
  /** Bounded bad input: more text than CLAIM_FILE_MAX_TEXT_BYTES. */
  TEXT_TOO_LARGE = 'TEXT_TOO_LARGE',
  /** A gzip that expands more than CLAIM_FILE_MAX_GZIP_RATIO times (a decompression bomb). */
  GZIP_RATIO = 'GZIP_RATIO',
  /** Reading took longer than CLAIM_FILE_MAX_SECONDS. */
  PROCESSING_TIME = 'PROCESSING_TIME',
}

export interface FileProblem {
  readonly code: FileProblemCode;
  /** A complete sentence for the submitter, naming the record where there is one. */
  readonly message: string;
  /** Position of the record (non-blank lines counted from 1; the file header is record 1). */
  readonly position: number | null;
  /** Physical line number in the (decompressed) file, counting blank lines too. */
  readonly line: number | null;
}

/** Record-level problems: the record is skipped, everything else in the file is applied. */
export enum RecordProblemReason {
  UNKNOWN_RECORD_TYPE = 'UNKNOWN_RECORD_TYPE',
  RECORD_TOO_LONG = 'RECORD_TOO_LONG',
  FIELD_COUNT = 'FIELD_COUNT',
  FIELD_TOO_LONG = 'FIELD_TOO_LONG',
  REQUIRED_BLANK = 'REQUIRED_BLANK',
  INVALID_DATE = 'INVALID_DATE',
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  INVALID_QUANTITY = 'INVALID_QUANTITY',
  INVALID_INTEGER = 'INVALID_INTEGER',
  INVALID_CODE = 'INVALID_CODE',
  INVALID_FORMAT = 'INVALID_FORMAT',
  STATE_MISMATCH = 'STATE_MISMATCH',
  ICN_ADJ_REQUIRED = 'ICN_ADJ_REQUIRED',
  ICN_ADJ_NOT_ALLOWED = 'ICN_ADJ_NOT_ALLOWED',
  ADMISSION_DATE_NOT_ALLOWED = 'ADMISSION_DATE_NOT_ALLOWED',
  DUPLICATE_HEADER = 'DUPLICATE_HEADER',
  ORPHAN = 'ORPHAN',
}

export const RECORD_PROBLEM_REASONS: readonly RecordProblemReason[] = Object.values(RecordProblemReason);

export interface RecordProblem {
  /** Position of the record (non-blank lines counted from 1; the file header is record 1). */
  readonly position: number;
  /** Physical line number in the (decompressed) file, counting blank lines too. */
  readonly line: number;
  /** RECORD-ID as sent (trimmed, truncated), null when blank. */
  readonly recordId: string | null;
  /** RECORD-NUMBER as sent, when it is a whole number. */
  readonly recordNumber: number | null;
  /** ICN-ORIG as sent (truncated), null when blank or absent. */
  readonly icnOrig: string | null;
  /** 1-based field number, null when the problem concerns the whole record. */
  readonly fieldNumber: number | null;
  /** T-MSIS element name of that field. */
  readonly fieldName: string | null;
  /** The value as sent, truncated to ~60 characters; `(withheld)` for MSIS ids, null for whole records. */
  readonly value: string | null;
  readonly reason: RecordProblemReason;
  /** Plain-language reason, e.g. "is not a real calendar date (CCYYMMDD)". */
  readonly message: string;
}

/** Shown instead of an MSIS-IDENTIFICATION-NUM: beneficiary ids are PHI (domain.md). */
export const WITHHELD_VALUE = '(withheld)';

/** One line for a person: `record 12 (RECORD-NUMBER 11, ICN-ORIG X), field 6 ADJUDICATION-DATE "2026023": ...`. */
export function describeRecordProblem(problem: RecordProblem): string {
  const ids: string[] = [];
  if (problem.recordNumber !== null) ids.push(`RECORD-NUMBER ${problem.recordNumber}`);
  if (problem.icnOrig !== null) ids.push(`ICN-ORIG ${problem.icnOrig}`);
  const where = `record ${problem.position} (line ${problem.line}${ids.length > 0 ? `, ${ids.join(', ')}` : ''})`;
  const field = problem.fieldNumber === null ? '' : `, field ${problem.fieldNumber} ${problem.fieldName ?? ''}`;
  const value = problem.value === null || problem.fieldNumber === null ? '' : ` "${problem.value}"`;
  return `${where}${field}${value}: ${problem.message}`;
}

/** Internal: thrown inside the reader to stop at a file-level problem; never escapes readClaimFile. */
export class FileRejection extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.message);
    this.name = 'FileRejection';
  }
}

export function fileProblem(
  code: FileProblemCode,
  message: string,
  position: number | null = null,
  line: number | null = null,
): FileProblem {
  return { code, message, position, line };
}
