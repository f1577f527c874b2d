import { compareDates, csvDocument, formatMoney, type CsvColumn } from '@lib/common';
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

/** The section 8 columns, each with its CSV kind (libs/common csv-writer: only `amount` is a number). */
function statementColumns(input: StatementCsvInput): CsvColumn<StatementLine>[] {
  const text = (header: (typeof STATEMENT_CSV_COLUMNS)[number], value: (l: StatementLine) => string) => ({
    header,
    kind: 'text' as const,
    value,
  });
  return [
    text('statement_number', () => input.statementNumber),
    text('state', () => input.state),
    text('labeler_code', () => input.labelerCode),
    text('product', (l) => l.product),
    text('ndc11', (l) => l.ndc11),
    text('episode_ref', (l) => l.episodeRef),
    text('administration_date', (l) => l.administrationDate),
    text('component', (l) => l.component),
    text('service_quarter', (l) => l.serviceQuarter),
    { header: 'amount', kind: 'number', value: (l) => formatMoney(l.amount) },
  ];
}

/**
 * The statement CSV: a header row, then one row per line, CRLF-terminated (RFC 4180), written by
 * the shared CSV writer (formula-like text cells neutralised). ndc11 is the 11 digits without
 * hyphens (the column name says so); amount has 2 decimals, negative for reversals; episode_ref
 * is the pseudonym the line carries (never an MSIS id).
 */
export function statementCsv(input: StatementCsvInput): string {
  return csvDocument(statementColumns(input), [...input.lines].sort(compareStatementLines));
}
