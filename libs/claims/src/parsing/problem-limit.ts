import { type FileProblem, FileProblemCode, fileProblem } from './parse-problems';

/** Profile "What is wrong": more than 10% of the records with record-level problems rejects the file. */
export const DEFAULT_RECORD_PROBLEM_LIMIT = 0.1;

export interface RecordProblemTally {
  /** Records after the file header. */
  readonly records: number;
  /** Records skipped for a record-level problem (including orphans found in SQL). */
  readonly skippedRecords: number;
}

/**
 * The file-level problem when more than `limit` (a fraction, 0.1 = 10%) of the records were
 * skipped, else null. Exactly at the limit passes.
 */
export function checkRecordProblemLimit(
  tally: RecordProblemTally,
  limit: number = DEFAULT_RECORD_PROBLEM_LIMIT,
): FileProblem | null {
  // The epsilon keeps binary rounding of limit * records from failing a file exactly at the limit.
  if (tally.skippedRecords === 0 || tally.skippedRecords <= limit * tally.records + 1e-9) return null;
  const share = tally.records === 0 ? 100 : (100 * tally.skippedRecords) / tally.records;
  return fileProblem(
    FileProblemCode.RECORD_PROBLEM_LIMIT,
    `${tally.skippedRecords} of ${tally.records} records (${formatPercent(share)}%) have record-level problems; ` +
      `a file is rejected above ${formatPercent(limit * 100)}%.`,
  );
}

function formatPercent(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
