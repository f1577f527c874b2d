import { compareDates, formatMoney } from '@lib/common';
import { compareText } from './ordering';
import { compareComponents } from '@lib/reconciliation';
import { type StatementLine } from './types';

/** rebate-rules section 8: exactly these columns, in this order. */
export const STATEMENT_CSV_COLUMNS = [
  'statement_number',
  'state',
  'labeler_code',
  'product',
  'ndc11',
  'episode_ref',
  'administration_date',
  'component',
  'service_quarter',
  'amount',
] as const;

export interface StatementCsvInput {
  statementNumber: string;
  /** USPS code. */
  state: string;
  labelerCode: string;
  lines: readonly StatementLine[];
}

/**
 * Deterministic line order for the CSV and the document: administration date, episode ref,
 * component (cap-chain order, section 6), service quarter, then amount and line id so that
 * equal-looking lines (a reversal and its re-entry) still come out the same way every time.
 */
export function compareStatementLines(a: StatementLine, b: StatementLine): number {
  return (
    compareDates(a.administrationDate, b.administrationDate) ||
    compareText(a.episodeRef, b.episodeRef) ||
    compareComponents(a.component, b.component) ||
    compareText(a.serviceQuarter, b.serviceQuarter) ||
    a.amount.comparedTo(b.amount) ||
    compareText(a.lineId, b.lineId)
  );
}

/** RFC 4180: quote a field holding a comma, a double quote, CR or LF; double the quotes inside. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The statement CSV: a header row, then one row per line, CRLF-terminated (RFC 4180). ndc11 is
 * the 11 digits without hyphens (the column name says so); amount has 2 decimals, negative for
 * reversals; episode_ref is the pseudonym the line carries (never an MSIS id).
 */
export function statementCsv(input: StatementCsvInput): string {
  const rows = [...input.lines]
    .sort(compareStatementLines)
    .map((l) => [
      input.statementNumber,
      input.state,
      input.labelerCode,
      l.product,
      l.ndc11,
      l.episodeRef,
      l.administrationDate,
      l.component,
      l.serviceQuarter,
      formatMoney(l.amount),
    ]);
  return [[...STATEMENT_CSV_COLUMNS], ...rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
