import { type ClaimFileHeader } from './claim-rows';
import { daysInMonth, isDate, isInteger, toIsoDate, truncateValue } from './field-rules';
import { FileProblemCode, FileRejection, fileProblem } from './parse-problems';
import { FIPS_TO_USPS, resolveSubmittingState } from './state-codes';
import {
  type ClaimFileName,
  FH,
  FILE_HEADER_FIELDS,
  FILE_NAME_PREFIXES,
  PREFIX_FILE_NAMES,
  SEGMENT_FILE_HEADER,
} from './tmsis-profile';

/**
 * The P00001 file header (profile "Records" and "What is wrong"): every problem here is
 * file-level, so this throws a FileRejection instead of reporting.
 */
export function parseFileHeader(
  fields: readonly string[],
  line: number,
  expectedStateFips?: string,
  today?: string,
): ClaimFileHeader {
  const reject = (code: FileProblemCode, message: string): never => {
    throw new FileRejection(fileProblem(code, `Record 1 (the file header): ${message}`, 1, line));
  };
  const field = (index: number): string => `field ${index + 1} ${FILE_HEADER_FIELDS[index]}`;
  const recordId = fields[FH.RECORD_ID];
  const prefix = recordId.slice(0, 3);
  if (recordId.length !== 8 || !recordId.endsWith(SEGMENT_FILE_HEADER) || !PREFIX_FILE_NAMES.has(prefix)) {
    const bom =
      recordId.charCodeAt(0) === 0xfeff ? ' (the file starts with a byte-order mark, which is not allowed)' : '';
    reject(
      FileProblemCode.NOT_A_FILE_HEADER,
      `the first record must be a file header (CIP00001, COT00001 or CRX00001) but its RECORD-ID is "${truncateValue(recordId)}"${bom}.`,
    );
  }
  if (fields.length !== FILE_HEADER_FIELDS.length) {
    reject(
      FileProblemCode.HEADER_FIELD_COUNT,
      `has ${fields.length} fields; a file header has ${FILE_HEADER_FIELDS.length}.`,
    );
  }
  const fileName = fields[FH.FILE_NAME];
  const filePrefix = FILE_NAME_PREFIXES.get(fileName);
  if (filePrefix === undefined) {
    reject(
      FileProblemCode.UNKNOWN_FILE_NAME,
      `${field(FH.FILE_NAME)} "${truncateValue(fileName)}" is not CLAIMIP, CLAIMOT or CLAIMRX.`,
    );
  }
  if (filePrefix !== prefix) {
    reject(
      FileProblemCode.PREFIX_MISMATCH,
      `RECORD-ID ${recordId} has the prefix ${prefix}, but a ${fileName} file uses ${filePrefix}.`,
    );
  }
  const stateSent = fields[FH.STATE];
  const stateFips = resolveSubmittingState(stateSent);
  if (stateFips === null) {
    reject(
      FileProblemCode.UNKNOWN_STATE,
      `${field(FH.STATE)} "${truncateValue(stateSent)}" is not a state FIPS code or an alternate submitter code (93, 94, 96, 97).`,
    );
  }
  const stateUsps = FIPS_TO_USPS.get(stateFips!)!;
  if (expectedStateFips !== undefined && stateFips !== expectedStateFips) {
    const expected = FIPS_TO_USPS.get(expectedStateFips) ?? expectedStateFips;
    reject(
      FileProblemCode.WRONG_STATE,
      `${field(FH.STATE)} ${stateSent} is ${stateUsps}, but this file was submitted for ${expected} (${expectedStateFips}).`,
    );
  }
  const date = (index: number): string => {
    const value = fields[index];
    if (!isDate(value)) {
      reject(
        FileProblemCode.INVALID_HEADER_FIELD,
        `${field(index)} "${truncateValue(value)}" is not a real calendar date (CCYYMMDD).`,
      );
    }
    return value;
  };
  const created = date(FH.CREATED);
  const start = date(FH.START);
  const end = date(FH.END);
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(4, 6));
  const lastDay = `${start.slice(0, 6)}${String(daysInMonth(year, month)).padStart(2, '0')}`;
  if (!start.endsWith('01') || end !== lastDay) {
    reject(
      FileProblemCode.REPORTING_PERIOD,
      `START-OF-TIME-PERIOD ${start} to END-OF-TIME-PERIOD ${end} is not one calendar month (first to last day).`,
    );
  }
  if (end > created) {
    reject(FileProblemCode.REPORTING_PERIOD, `END-OF-TIME-PERIOD ${end} is after DATE-FILE-CREATED ${created}.`);
  }
  const future = today === undefined ? null : futurePeriodMessage(start, today);
  if (future !== null) reject(FileProblemCode.FUTURE_REPORTING_PERIOD, future);
  const integer = (index: number): number => {
    const value = fields[index];
    if (!isInteger(value)) {
      reject(FileProblemCode.INVALID_HEADER_FIELD, `${field(index)} "${truncateValue(value)}" is not a whole number.`);
    }
    return Number(value);
  };
  const sequenceNumber = integer(FH.SEQUENCE);
  const totalRecordCount = integer(FH.TOT_REC_CNT);
  return {
    fileName: fileName as ClaimFileName,
    prefix: filePrefix!,
    dataDictionaryVersion: fields[FH.VERSION],
    transactionType: fields[FH.TRANSACTION_TYPE],
    submittingStateSent: stateSent,
    stateFips: stateFips!,
    stateUsps,
    dateFileCreated: toIsoDate(created),
    periodStart: toIsoDate(start),
    periodEnd: toIsoDate(end),
    sequenceNumber,
    totalRecordCount,
  };
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `202701` -> `January 2027`. */
function monthName(yyyymm: string): string {
  return `${MONTH_NAMES[Number(yyyymm.slice(4, 6)) - 1]} ${yyyymm.slice(0, 4)}`;
}

/**
 * A reporting period (START-OF-TIME-PERIOD, CCYYMMDD) after the month
 * of `today` (ISO date from the platform clock) cannot have been reported yet; null when it is
 * this month or earlier.
 */
export function futurePeriodMessage(periodStart: string, today: string): string | null {
  const period = periodStart.slice(0, 6);
  const current = today.slice(0, 4) + today.slice(5, 7);
  if (period <= current) return null;
  return (
    `the reporting period ${monthName(period)} (START-OF-TIME-PERIOD ${periodStart}) is after the current month, ` +
    `${monthName(current)}: a month cannot be reported before it begins.`
  );
}
