import { type FieldCursor } from './field-cursor';
import { isDateIn, isDecimalIn, isDigitsIn, isIntegerIn } from './field-rules';
import { RecordProblemReason } from './parse-problems';
import { resolveSubmittingState } from './state-codes';
import {
  ADJUSTMENT_INDICATORS,
  ADJUSTMENT_ORIGINAL,
  ADJUSTMENT_REPLACEMENT,
  ADJUSTMENT_VOID,
  CD,
  CH,
  CL,
  CLAIM_DIAGNOSIS_FIELDS,
  CLAIM_HEADER_FIELDS,
  CLAIM_LINE_FIELDS,
  CROSSOVER_CODES,
  DIAGNOSIS_CODE_FLAGS,
  F_ADJUDICATION_DATE,
  F_ADJUSTMENT_IND,
  F_ICN_ADJ,
  F_ICN_ORIG,
  F_RECORD_NUMBER,
  F_STATE,
  NDC_UNITS,
  TYPE_OF_CLAIM_CODES,
} from './tmsis-profile';

/**
 * Field checks of P00002, P00003 and P00004 (profile "Records", "Keys and coded values" and
 * "What is wrong"). Table-driven: one spec per field, then the cross-field rules.
 */

/** Field kinds as small integers: the switch below compiles to a jump table. */
const TEXT = 0;
const STATE = 1;
const DATE = 2;
const AMOUNT = 3;
const QUANTITY = 4;
const INTEGER = 5;
const CODE = 6;
const DIGITS = 7;
const STATUS = 8;
const ADMISSION = 9;
type FieldKind =
  | typeof TEXT
  | typeof STATE
  | typeof DATE
  | typeof AMOUNT
  | typeof QUANTITY
  | typeof INTEGER
  | typeof CODE
  | typeof DIGITS
  | typeof STATUS
  | typeof ADMISSION;

interface FieldSpec {
  readonly index: number;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly codes?: ReadonlySet<string>;
  readonly digits?: number;
  /** The plain-language rule, for a coded or formatted value. */
  readonly rule?: string;
}

export interface SegmentSpec {
  /** e.g. "claim header", for messages. */
  readonly label: string;
  readonly segment: string;
  readonly names: readonly string[];
  readonly fields: readonly FieldSpec[];
  readonly adjustmentName: string;
}

export interface FieldIssue {
  /** 0-based field index, or -1 for the whole record. */
  readonly index: number;
  readonly reason: RecordProblemReason;
  readonly message: string;
}

const ADJUSTMENT_RULE = 'must be 0 (original), 1 (void), 4 (replacement), 5 or 6 (service tracking)';

/** Profile "What is wrong": required fields 1-4 and 6-7 of every claim record; RECORD-ID is matched before. */
function keyFields(adjustmentRule: string): FieldSpec[] {
  return [
    { index: F_STATE, kind: STATE, required: true },
    { index: F_RECORD_NUMBER, kind: INTEGER, required: true },
    { index: F_ICN_ORIG, kind: TEXT, required: true },
    { index: F_ICN_ADJ, kind: TEXT, required: false },
    { index: F_ADJUDICATION_DATE, kind: DATE, required: true },
    { index: F_ADJUSTMENT_IND, kind: CODE, required: true, codes: ADJUSTMENT_INDICATORS, rule: adjustmentRule },
  ];
}

export const CLAIM_HEADER_SPEC: SegmentSpec = {
  label: 'claim header',
  segment: '00002',
  names: CLAIM_HEADER_FIELDS,
  adjustmentName: 'ADJUSTMENT-IND',
  fields: [
    ...keyFields(ADJUSTMENT_RULE),
    { index: CH.MSIS_ID, kind: TEXT, required: true },
    {
      index: CH.TYPE_OF_CLAIM,
      kind: CODE,
      required: true,
      codes: TYPE_OF_CLAIM_CODES,
      rule: 'is not a TYPE-OF-CLAIM code (1-5, A-E or U-Z)',
    },
    { index: CH.STATUS, kind: STATUS, required: true },
    { index: CH.CROSSOVER, kind: CODE, required: false, codes: CROSSOVER_CODES, rule: 'must be 0, 1 or blank' },
    { index: CH.NPI, kind: DIGITS, required: false, digits: 10, rule: 'must be 10 digits or blank' },
    { index: CH.ADMISSION, kind: ADMISSION, required: false },
    { index: CH.DISCHARGE, kind: DATE, required: false },
    { index: CH.BEGIN, kind: DATE, required: false },
    { index: CH.END, kind: DATE, required: false },
    { index: CH.PLAN_ID, kind: TEXT, required: false },
    { index: CH.PAID, kind: AMOUNT, required: false },
  ],
};

export const CLAIM_LINE_SPEC: SegmentSpec = {
  label: 'claim line',
  segment: '00003',
  names: CLAIM_LINE_FIELDS,
  adjustmentName: 'LINE-ADJUSTMENT-IND',
  fields: [
    ...keyFields(ADJUSTMENT_RULE),
    // LINE-NUM-ORIG is read as a whole number: lines are ordered by it (rebate-rules section 3).
    { index: CL.LINE_NUM, kind: INTEGER, required: true },
    { index: CL.REVENUE, kind: DIGITS, required: false, digits: 4, rule: 'must be 4 digits or blank' },
    { index: CL.PROCEDURE, kind: TEXT, required: false },
    { index: CL.NDC, kind: TEXT, required: false },
    { index: CL.NDC_QUANTITY, kind: QUANTITY, required: false },
    {
      index: CL.UNIT,
      kind: CODE,
      required: false,
      codes: NDC_UNITS,
      rule: 'must be EA, UN, ML, F2, GR, ME or blank',
    },
    { index: CL.SERVICE_QUANTITY, kind: QUANTITY, required: false },
    { index: CL.BEGIN, kind: DATE, required: false },
    { index: CL.END, kind: DATE, required: false },
    { index: CL.PAID, kind: AMOUNT, required: false },
  ],
};

export const CLAIM_DIAGNOSIS_SPEC: SegmentSpec = {
  label: 'claim diagnosis',
  segment: '00004',
  names: CLAIM_DIAGNOSIS_FIELDS,
  adjustmentName: 'ADJUSTMENT-IND',
  fields: [
    ...keyFields(ADJUSTMENT_RULE),
    { index: CD.SEQ, kind: INTEGER, required: true },
    { index: CD.CODE, kind: TEXT, required: true },
    {
      index: CD.FLAG,
      kind: CODE,
      required: false,
      codes: DIAGNOSIS_CODE_FLAGS,
      rule: 'must be 02 (ICD-10) or blank',
    },
  ],
};

export interface ValidatorContext {
  /** SUBMITTING-STATE exactly as the file header sent it, and the FIPS code it stands for. */
  readonly headerStateSent: string;
  readonly headerStateFips: string;
  /** CIP files: ADMISSION-DATE is required on claim headers, elsewhere it must be blank. */
  readonly inpatient: boolean;
  readonly maxFieldLength: number;
}

export class RecordValidator {
  constructor(private readonly context: ValidatorContext) {}

  /** FIPS code a record's SUBMITTING-STATE stands for (the value itself when unknown). */
  stateFips(sent: string): string {
    if (sent === this.context.headerStateSent) return this.context.headerStateFips;
    return resolveSubmittingState(sent) ?? sent;
  }

  /**
   * Appends every problem of a record whose field count is right. Alternate submitter codes are
   * equal to the state they stand for (93 = 56), so SUBMITTING-STATE compares FIPS codes.
   */
  check(spec: SegmentSpec, f: FieldCursor, issues: FieldIssue[]): void {
    const { maxFieldLength, headerStateSent, headerStateFips, inpatient } = this.context;
    const text = f.text;
    for (const field of spec.fields) {
      const index = field.index;
      const start = f.start(index);
      const end = f.end(index);
      const length = end - start;
      if (length === 0) {
        if (field.required) issues.push(issue(index, RecordProblemReason.REQUIRED_BLANK, 'is required but blank'));
        else if (field.kind === ADMISSION && inpatient) {
          issues.push(issue(index, RecordProblemReason.REQUIRED_BLANK, 'is required on inpatient (CIP) claim headers'));
        }
        continue;
      }
      if (length > maxFieldLength) {
        issues.push(issue(index, RecordProblemReason.FIELD_TOO_LONG, `is longer than ${maxFieldLength} characters`));
        continue;
      }
      switch (field.kind) {
        case TEXT:
          break;
        case STATE:
          if (!f.equals(index, headerStateSent) && resolveSubmittingState(f.field(index)) !== headerStateFips) {
            issues.push(
              issue(
                index,
                RecordProblemReason.STATE_MISMATCH,
                `differs from the file header's SUBMITTING-STATE ${headerStateSent}`,
              ),
            );
          }
          break;
        case DATE:
          if (!isDateIn(text, start, end)) issues.push(invalidDate(index));
          break;
        case ADMISSION:
          if (!inpatient) {
            issues.push(
              issue(
                index,
                RecordProblemReason.ADMISSION_DATE_NOT_ALLOWED,
                'must be blank: ADMISSION-DATE is only sent on inpatient (CIP) claims',
              ),
            );
          } else if (!isDateIn(text, start, end)) issues.push(invalidDate(index));
          break;
        case AMOUNT:
          if (!isDecimalIn(text, start, end, 2)) {
            issues.push(
              issue(
                index,
                RecordProblemReason.INVALID_AMOUNT,
                'is not an amount (digits, an optional minus sign, up to 2 decimals)',
              ),
            );
          }
          break;
        case QUANTITY:
          if (!isDecimalIn(text, start, end, 3)) {
            issues.push(
              issue(
                index,
                RecordProblemReason.INVALID_QUANTITY,
                'is not a quantity (digits, an optional minus sign, up to 3 decimals)',
              ),
            );
          }
          break;
        case INTEGER:
          if (!isIntegerIn(text, start, end)) {
            issues.push(issue(index, RecordProblemReason.INVALID_INTEGER, 'is not a whole number (up to 15 digits)'));
          }
          break;
        case CODE:
          if (!hasCode(f, index, length, field.codes!)) {
            issues.push(issue(index, RecordProblemReason.INVALID_CODE, field.rule!));
          }
          break;
        case DIGITS:
          if (length !== field.digits || !isDigitsIn(text, start, end)) {
            issues.push(issue(index, RecordProblemReason.INVALID_FORMAT, field.rule!));
          }
          break;
        case STATUS:
          if (length !== 2) {
            issues.push(issue(index, RecordProblemReason.INVALID_CODE, 'must be exactly 2 characters (e.g. F1, F2)'));
          }
          break;
      }
    }
    const indicatorLength = f.length(F_ADJUSTMENT_IND);
    const indicator = indicatorLength === 1 ? text.charCodeAt(f.start(F_ADJUSTMENT_IND)) : 0;
    const hasIcnAdj = f.length(F_ICN_ADJ) > 0;
    if (indicator === ORIGINAL && hasIcnAdj) {
      issues.push(
        issue(
          F_ICN_ADJ,
          RecordProblemReason.ICN_ADJ_NOT_ALLOWED,
          `must be blank on an original claim (${spec.adjustmentName} 0)`,
        ),
      );
    } else if ((indicator === VOID || indicator === REPLACEMENT) && !hasIcnAdj) {
      const what = indicator === VOID ? `void (${spec.adjustmentName} 1)` : `replacement (${spec.adjustmentName} 4)`;
      issues.push(issue(F_ICN_ADJ, RecordProblemReason.ICN_ADJ_REQUIRED, `is required on a ${what}`));
    }
  }
}

const ORIGINAL = ADJUSTMENT_ORIGINAL.charCodeAt(0);
const VOID = ADJUSTMENT_VOID.charCodeAt(0);
const REPLACEMENT = ADJUSTMENT_REPLACEMENT.charCodeAt(0);

/** Coded values are 1-2 characters; 1-character strings are cached by V8, 2-character ones are compared in place. */
function hasCode(f: FieldCursor, index: number, length: number, codes: ReadonlySet<string>): boolean {
  if (length === 1) return codes.has(f.field(index));
  if (length !== 2) return false;
  for (const code of codes) if (f.equals(index, code)) return true;
  return false;
}

function issue(index: number, reason: RecordProblemReason, message: string): FieldIssue {
  return { index, reason, message };
}

function invalidDate(index: number): FieldIssue {
  return issue(index, RecordProblemReason.INVALID_DATE, 'is not a real calendar date (CCYYMMDD)');
}
