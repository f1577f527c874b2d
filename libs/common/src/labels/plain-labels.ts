/**
 * Plain words for the codes the platform stores (README "Portal"): what a statement, a
 * portal page or a download shows next to, or instead of, `OUTCOME:VOE12` or
 * `DISPUTE_RESOLUTION`. Pure and dependency-free, so that GraphQL, the statement documents and the
 * portal all say the same thing. An unknown code is shown as it is, never hidden.
 */
export type LabelKind =
  | 'component'
  | 'benchmark'
  | 'benchmarkMeasure'
  | 'benchmarkStatus'
  | 'cause'
  | 'exception'
  | 'recordProblem'
  | 'disputeCode'
  | 'disputeStatus'
  | 'statementStatus'
  | 'submissionStatus';

/** Ledger causes (ledger_entry.cause_type) and statement line causes (rebate-rules section 7). */
const CAUSES: Record<string, string> = {
  SUBMISSION: 'Claims',
  CLAIMS: 'Claims',
  AMENDMENT: 'Agreement amendment',
  PARTICIPATION: 'State participation change',
  PARTICIPATION_CHANGE: 'State participation change',
  YEAR_CLOSE: 'Contract year close',
  DISPUTE_RESOLUTION: 'Dispute resolution',
  OBSERVATION: 'Outcome reported by the state',
};

/** Reconciliation exceptions (rebate-rules sections 3 and 4). */
const EXCEPTIONS: Record<string, string> = {
  M: 'Duplicate administration on the same date',
  L: 'Later administration of a one-time therapy',
  O: 'NDC and HCPCS code do not match',
  K: 'HCPCS code without an NDC',
  U: 'Not rebate eligible: no agreement or state not participating',
  J: 'No state payment',
  D: 'Unit of measure is not the billing unit',
  P: 'Paid above the list price (WAC)',
  R: 'Claim version already received',
  V: 'Void or replacement without its original claim',
};

/** Record-level problems of a claim file (tmsis-cgt-profile "What is wrong"). */
const RECORD_PROBLEMS: Record<string, string> = {
  UNKNOWN_RECORD_TYPE: 'Unknown record type',
  RECORD_TOO_LONG: 'Record too long',
  FIELD_COUNT: 'Wrong number of fields',
  FIELD_TOO_LONG: 'Field too long',
  REQUIRED_BLANK: 'Required field left blank',
  INVALID_DATE: 'Not a valid date',
  INVALID_AMOUNT: 'Not a valid amount',
  INVALID_QUANTITY: 'Not a valid quantity',
  INVALID_INTEGER: 'Not a whole number',
  INVALID_CODE: 'Code not allowed',
  INVALID_FORMAT: 'Value in the wrong format',
  STATE_MISMATCH: 'Submitting state differs from the file header',
  ICN_ADJ_REQUIRED: 'Adjustment ICN missing on a void or replacement',
  ICN_ADJ_NOT_ALLOWED: 'Adjustment ICN sent on an original claim',
  ADMISSION_DATE_NOT_ALLOWED: 'Admission date sent on a non-inpatient claim',
  DUPLICATE_HEADER: 'Claim header repeated in the file',
  ORPHAN: 'Line or diagnosis without its claim header',
};

/** MDRP dispute codes (domain.md). */
const DISPUTE_CODES: Record<string, string> = {
  M: 'Duplicate claim',
  D: 'Unit of measure',
  U: 'Not rebate eligible',
  J: 'No state payment',
  K: 'HCPCS without NDC',
  O: 'Invalid NDC',
};

const DISPUTE_STATUSES: Record<string, string> = {
  OPEN: 'Open',
  UPHELD: 'Upheld',
  DENIED: 'Denied',
};

/** Statement statuses (README "Statements and payments"). */
const STATEMENT_STATUSES: Record<string, string> = {
  DRAFT: 'Draft: not issued yet',
  ISSUED: 'Issued',
  ACKNOWLEDGED: 'Acknowledged by the manufacturer',
  DISPUTED: 'Under dispute',
  PARTIALLY_PAID: 'Partly paid',
  PAID: 'Paid',
};

/** Claim submission statuses (README "Claim files"). */
const SUBMISSION_STATUSES: Record<string, string> = {
  RECEIVED: 'Received, waiting to be checked',
  VALIDATING: 'Checking the file',
  RECONCILING: 'Applying the claims',
  COMPLETED: 'Completed',
  REJECTED: 'Rejected: nothing applied',
  FAILED: 'Failed: nothing applied, send it again',
};

const BENCHMARK_MEASURES: Record<string, string> = {
  VOE_HOSPITALIZATION: 'Hospitalization for a vaso-occlusive event',
  REPORTED_EVENT: 'Event reported by the state',
};

const BENCHMARK_STATUSES: Record<string, string> = {
  PENDING: 'Window still open',
  MET: 'Benchmark met',
  NOT_MET: 'Benchmark missed',
};

const TABLES: Record<Exclude<LabelKind, 'component' | 'benchmark'>, Record<string, string>> = {
  benchmarkMeasure: BENCHMARK_MEASURES,
  benchmarkStatus: BENCHMARK_STATUSES,
  cause: CAUSES,
  exception: EXCEPTIONS,
  recordProblem: RECORD_PROBLEMS,
  disputeCode: DISPUTE_CODES,
  disputeStatus: DISPUTE_STATUSES,
  statementStatus: STATEMENT_STATUSES,
  submissionStatus: SUBMISSION_STATUSES,
};

/**
 * A benchmark code in words. Agreements name benchmarks by a measure abbreviation and the window
 * in months (`VOE12`: a vaso-occlusive event within 12 months); other codes are shown as they are.
 */
function benchmarkLabel(code: string): string {
  const match = /^([A-Z]+)(\d+)$/.exec(code);
  if (!match) return `benchmark ${code}`;
  const months = Number(match[2]);
  return `${match[1]} within ${months} ${months === 1 ? 'month' : 'months'}`;
}

/** GUARANTEED, VOLUME, OUTCOME:<benchmark> (rebate-rules sections 5 and 6). */
function componentLabel(component: string): string {
  if (component === 'GUARANTEED') return 'Guaranteed rebate';
  if (component === 'VOLUME') return 'Volume rebate';
  if (component.startsWith('OUTCOME:') && component.length > 'OUTCOME:'.length) {
    return `Outcome rebate: ${benchmarkLabel(component.slice('OUTCOME:'.length))}`;
  }
  return component;
}

/** The plain words for one code of one kind; the code itself when it is not known. */
export function plainLabel(kind: LabelKind, code: string): string {
  if (kind === 'component') return componentLabel(code);
  if (kind === 'benchmark') return benchmarkLabel(code);
  const table = TABLES[kind];
  return Object.hasOwn(table, code) ? table[code] : code;
}

/** Whether a code of a table-driven kind has its own words (tests check every enum value). */
export function hasPlainLabel(kind: Exclude<LabelKind, 'component' | 'benchmark'>, code: string): boolean {
  return Object.hasOwn(TABLES[kind], code);
}
