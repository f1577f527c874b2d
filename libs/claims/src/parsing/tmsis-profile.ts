/**
 * The T-MSIS CGT profile, version 1 (docs/rules/tmsis-cgt-profile.md): file names, segment
 * ids, field positions and names, coded values. Everything the validator checks is named here.
 */

export type ClaimFileName = 'CLAIMIP' | 'CLAIMOT' | 'CLAIMRX';
export type SegmentPrefix = 'CIP' | 'COT' | 'CRX';

/** Profile "Encoding": FILE-NAME fixes the three-letter segment prefix of every record. */
export const FILE_NAME_PREFIXES: ReadonlyMap<string, SegmentPrefix> = new Map<ClaimFileName, SegmentPrefix>([
  ['CLAIMIP', 'CIP'],
  ['CLAIMOT', 'COT'],
  ['CLAIMRX', 'CRX'],
]);

export const PREFIX_FILE_NAMES: ReadonlyMap<string, ClaimFileName> = new Map<SegmentPrefix, ClaimFileName>([
  ['CIP', 'CLAIMIP'],
  ['COT', 'CLAIMOT'],
  ['CRX', 'CLAIMRX'],
]);

export const SEGMENT_FILE_HEADER = '00001';
export const SEGMENT_CLAIM_HEADER = '00002';
export const SEGMENT_CLAIM_LINE = '00003';
export const SEGMENT_CLAIM_DIAGNOSIS = '00004';

/** Field names by position (index 0 = field 1). */
export const FILE_HEADER_FIELDS = [
  'RECORD-ID',
  'DATA-DICTIONARY-VERSION',
  'SUBMISSION-TRANSACTION-TYPE',
  'FILE-NAME',
  'SUBMITTING-STATE',
  'DATE-FILE-CREATED',
  'START-OF-TIME-PERIOD',
  'END-OF-TIME-PERIOD',
  'SEQUENCE-NUMBER',
  'TOT-REC-CNT',
] as const;

export const CLAIM_HEADER_FIELDS = [
  'RECORD-ID',
  'SUBMITTING-STATE',
  'RECORD-NUMBER',
  'ICN-ORIG',
  'ICN-ADJ',
  'ADJUDICATION-DATE',
  'ADJUSTMENT-IND',
  'MSIS-IDENTIFICATION-NUM',
  'TYPE-OF-CLAIM',
  'CLAIM-STATUS-CATEGORY',
  'CROSSOVER-INDICATOR',
  'BILLING-PROV-NPI',
  'ADMISSION-DATE',
  'DISCHARGE-DATE',
  'BEGINNING-DATE-OF-SERVICE',
  'ENDING-DATE-OF-SERVICE',
  'PLAN-ID-NUMBER',
  'TOT-MEDICAID-PAID-AMT',
] as const;

export const CLAIM_LINE_FIELDS = [
  'RECORD-ID',
  'SUBMITTING-STATE',
  'RECORD-NUMBER',
  'ICN-ORIG',
  'ICN-ADJ',
  'ADJUDICATION-DATE',
  'LINE-ADJUSTMENT-IND',
  'LINE-NUM-ORIG',
  'REVENUE-CODE',
  'PROCEDURE-CODE',
  'NATIONAL-DRUG-CODE',
  'NDC-QUANTITY',
  'NDC-UNIT-OF-MEASURE',
  'SERVICE-QUANTITY-ACTUAL',
  'BEGINNING-DATE-OF-SERVICE',
  'ENDING-DATE-OF-SERVICE',
  'MEDICAID-PAID-AMT',
] as const;

export const CLAIM_DIAGNOSIS_FIELDS = [
  'RECORD-ID',
  'SUBMITTING-STATE',
  'RECORD-NUMBER',
  'ICN-ORIG',
  'ICN-ADJ',
  'ADJUDICATION-DATE',
  'ADJUSTMENT-IND',
  'DIAGNOSIS-CODE-SEQ',
  'DIAGNOSIS-CODE',
  'DIAGNOSIS-CODE-FLAG',
] as const;

/** 0-based positions shared by P00002, P00003 and P00004 (fields 1-7: the version key and more). */
export const F_RECORD_ID = 0;
export const F_STATE = 1;
export const F_RECORD_NUMBER = 2;
export const F_ICN_ORIG = 3;
export const F_ICN_ADJ = 4;
export const F_ADJUDICATION_DATE = 5;
export const F_ADJUSTMENT_IND = 6;

/** P00001 positions. */
export const FH = {
  RECORD_ID: 0,
  VERSION: 1,
  TRANSACTION_TYPE: 2,
  FILE_NAME: 3,
  STATE: 4,
  CREATED: 5,
  START: 6,
  END: 7,
  SEQUENCE: 8,
  TOT_REC_CNT: 9,
} as const;

/** P00002 positions beyond the shared ones. */
export const CH = {
  MSIS_ID: 7,
  TYPE_OF_CLAIM: 8,
  STATUS: 9,
  CROSSOVER: 10,
  NPI: 11,
  ADMISSION: 12,
  DISCHARGE: 13,
  BEGIN: 14,
  END: 15,
  PLAN_ID: 16,
  PAID: 17,
} as const;

/** P00003 positions beyond the shared ones. */
export const CL = {
  LINE_NUM: 7,
  REVENUE: 8,
  PROCEDURE: 9,
  NDC: 10,
  NDC_QUANTITY: 11,
  UNIT: 12,
  SERVICE_QUANTITY: 13,
  BEGIN: 14,
  END: 15,
  PAID: 16,
} as const;

/** P00004 positions beyond the shared ones. */
export const CD = {
  SEQ: 7,
  CODE: 8,
  FLAG: 9,
} as const;

/** Profile "Keys and coded values". */
export const ADJUSTMENT_INDICATORS: ReadonlySet<string> = new Set(['0', '1', '4', '5', '6']);
export const ADJUSTMENT_ORIGINAL = '0';
export const ADJUSTMENT_VOID = '1';
export const ADJUSTMENT_REPLACEMENT = '4';

/** Utilization (1 3 A C), not utilization (2 5 B E U-Z), service tracking (4 D X). */
export const TYPE_OF_CLAIM_CODES: ReadonlySet<string> = new Set([
  '1',
  '2',
  '3',
  '4',
  '5',
  'A',
  'B',
  'C',
  'D',
  'E',
  'U',
  'V',
  'W',
  'X',
  'Y',
  'Z',
]);

export const CLAIM_STATUS_DENIED = 'F2';
export const CROSSOVER_CODES: ReadonlySet<string> = new Set(['0', '1']);
export const NDC_UNITS: ReadonlySet<string> = new Set(['EA', 'UN', 'ML', 'F2', 'GR', 'ME']);
/** `02` = ICD-10; the field is optional (not among P00004's required fields). */
export const DIAGNOSIS_CODE_FLAGS: ReadonlySet<string> = new Set(['02']);
