import { type FileProblem, FileProblemCode, fileProblem } from './parse-problems';

/** Profile "What is wrong": more than 10% of the records with record-level problems rejects the file. */
export const DEFAULT_RECORD_PROBLEM_LIMIT = 0.1;

export interface RecordProblemTally {
  /** Records after the file header. */
  readonly records: number;
  /** Records skipped for a record-level problem (including orphans found in SQL). */
  readonly skippedRecords: number;
}

/** How many record-level problems a file has and how many of them are listed. */
export interface ProblemListing {
  /** Problems found (a record may have several); a lower bound when reading stopped early. */
  readonly found: number;
  /** Problems listed for the submitter: the first ones in file order, at most the cap. */
  readonly listed: number;
  /** False when reading stopped once the list was full (the file could not pass any more). */
  readonly complete: boolean;
}

/**
 * The file-level problem when more than `limit` (a fraction, 0.1 = 10%) of the records were
 * skipped, else null. Exactly at the limit passes.
 */
export function checkRecordProblemLimit(
  tally: RecordProblemTally,
  limit: number = DEFAULT_RECORD_PROBLEM_LIMIT,
  listing?: ProblemListing,
): FileProblem | null {
  // The epsilon keeps binary rounding of limit * records from failing a file exactly at the limit.
  if (tally.skippedRecords === 0 || tally.skippedRecords <= limit * tally.records + 1e-9) return null;
  const share = tally.records === 0 ? 100 : (100 * tally.skippedRecords) / tally.records;
  return fileProblem(
    FileProblemCode.RECORD_PROBLEM_LIMIT,
    `${tally.skippedRecords} of ${tally.records} records (${formatPercent(share)}%) have record-level problems; ` +
      `a file is rejected above ${formatPercent(limit * 100)}%.` +
      (listing ? ` ${describeListing(listing)}` : ''),
  );
}

/** The sentence saying whether the list of problems is the whole of them (one correction fixes the file). */
export function describeListing(listing: ProblemListing): string {
  const { found, listed } = listing;
  if (!listing.complete) {
    return `Reading stopped after the first ${listed} problems (the most listed for one file); there are at least ${found} in all.`;
  }
  if (listed >= found)
    return `There ${found === 1 ? 'is 1 problem' : `are ${found} problems`} in all, every one listed.`;
  return `There are ${found} problems in all; the first ${listed} are listed (the most listed for one file).`;
}

function formatPercent(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
