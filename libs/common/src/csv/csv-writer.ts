/**
 * The one CSV writer of the platform (every download: problems.csv, exceptions.csv, statement
 * CSVs and the CLI's exports of them). RFC 4180 rows ending in CRLF, and cells neutralised
 * against formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell starting with
 * `=`, `+`, `-`, `@`, tab or carriage return as a formula, and state-controlled claim fields (an
 * ICN `=HYPERLINK(...)`) reach these files.
 *
 * The rule, per column kind:
 * - `text` columns: a value starting with one of those characters gets a leading single quote
 *   (`'=HYPERLINK(...)`), which spreadsheets show as text, and is always quoted; so a text
 *   column never holds anything a spreadsheet evaluates, whatever a state sends.
 * - `number` columns (money, counts, record numbers): a plain decimal (`-220000.00`, `12`,
 *   strictly `^-?\d+(\.\d+)?$`) is data and stays exactly as it is, so negative amounts keep
 *   their sign for every reader; anything else in such a column is treated as text.
 * Any cell holding a double quote, a comma, CR or LF is quoted, with its quotes doubled.
 */

export type CsvColumnKind = 'text' | 'number';

export type CsvValue = string | number | bigint | null | undefined;

export interface CsvColumn<R> {
  header: string;
  kind: CsvColumnKind;
  value: (row: R) => CsvValue;
}

/** Characters that make a spreadsheet evaluate a cell (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** One cell as it goes into the file. */
export function csvCell(value: CsvValue, kind: CsvColumnKind): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (kind === 'number' && PLAIN_DECIMAL.test(text)) return text;
  if (FORMULA_START.test(text)) return quoted(`'${text}`);
  return NEEDS_QUOTES.test(text) ? quoted(text) : text;
}

/** A CSV line (CRLF-terminated) of already-written cells. */
function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\r\n`;
}

/** The header line: column names are ours, but go through the same rule. */
export function csvHeader<R>(columns: readonly CsvColumn<R>[]): string {
  return csvLine(columns.map((c) => csvCell(c.header, 'text')));
}

/** One data line. */
export function csvRow<R>(columns: readonly CsvColumn<R>[], row: R): string {
  return csvLine(columns.map((c) => csvCell(c.value(row), c.kind)));
}

/** A whole document in memory (small files: a statement). */
export function csvDocument<R>(columns: readonly CsvColumn<R>[], rows: Iterable<R>): string {
  let out = csvHeader(columns);
  for (const row of rows) out += csvRow(columns, row);
  return out;
}

/**
 * A document streamed from batches of rows (large files: record problems), one string per
 * batch, so a download of any size holds one batch in memory.
 */
export async function* csvChunks<R>(
  columns: readonly CsvColumn<R>[],
  batches: AsyncIterable<readonly R[]>,
): AsyncGenerator<string> {
  yield csvHeader(columns);
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    let chunk = '';
    for (const row of batch) chunk += csvRow(columns, row);
    yield chunk;
  }
}
