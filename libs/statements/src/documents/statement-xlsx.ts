import type ExcelJS from 'exceljs';
import { formatMoney, type Dec } from '@lib/common';
import type { StatementDocument } from './statement-document';

const MONEY_FORMAT = '#,##0.00;-#,##0.00';

/**
 * A cell value for an amount: a number with 2 decimals, parsed from the exact decimal text (a
 * double holds every cent of amounts below 2^53 / 100 exactly enough to print back the same 2
 * decimals, which the test checks against the CSV).
 */
const amount = (d: Dec): number => Number(formatMoney(d));

function sheet(
  book: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number; money?: boolean }[],
) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.money ? { numFmt: MONEY_FORMAT } : {},
  }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/**
 * The statement workbook (README "Portal"): Summary (number, manufacturer, state, period, dates, total,
 * paid, outstanding, interest), Lines (line number and id, then every rebate-rules section 8
 * column, plus the words), Totals (by component and by cause). Text stays text (exceljs writes a
 * string as a string, never as a formula), amounts are numbers formatted to the cent.
 */
export async function renderStatementXlsx(doc: StatementDocument): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'CGT Access Platform';
  book.title = doc.title;
  // A fixed date keeps the file a function of the statement (and of the as-of date).
  book.created = new Date(`${doc.asOf}T00:00:00Z`);
  book.modified = book.created;

  const summary = sheet(book, 'Summary', [
    { header: 'Item', key: 'item', width: 34 },
    { header: 'Value', key: 'value', width: 48 },
  ]);
  const b = doc.balances;
  const rows: [string, string | number | null][] = [
    ['Statement number', doc.statementNumber],
    ['Manufacturer', doc.manufacturerLegalName],
    ['Labeler code', doc.labelerCode],
    ['State', `${doc.stateName} (${doc.stateCode})`],
    ['Period', `${doc.quarter}: ${doc.periodStart} to ${doc.periodEnd}`],
    ['Status', doc.statusLabel],
    ['Issue date', doc.issuedOn ?? 'Not issued (draft)'],
    ['Due date', doc.dueOn ?? '-'],
    ['Balances as of', doc.asOf],
    ['Overdue', doc.overdue ? 'Yes' : 'No'],
    ['Total', amount(doc.total)],
    ['Paid', amount(b.paid)],
    ['Under open dispute', amount(b.disputed)],
    ['Outstanding', amount(b.outstanding)],
    ['Outstanding, undisputed', amount(b.outstandingUndisputed)],
    ['Interest', doc.interest === null ? (doc.interestNote ?? '-') : amount(doc.interest)],
    ['Interest from', doc.interestStartsOn ?? '-'],
    ['Remit to', [doc.remitTo.name, ...doc.remitTo.lines].join(', ')],
    ['Lines', doc.lineCount],
  ];
  for (const [item, value] of rows) {
    const row = summary.addRow({ item, value });
    if (typeof value === 'number' && item !== 'Lines') row.getCell('value').numFmt = MONEY_FORMAT;
  }

  const lines = sheet(book, 'Lines', [
    { header: 'line_number', key: 'lineNumber', width: 11 },
    { header: 'line_id', key: 'lineId', width: 38 },
    { header: 'statement_number', key: 'statementNumber', width: 22 },
    { header: 'state', key: 'state', width: 6 },
    { header: 'labeler_code', key: 'labelerCode', width: 12 },
    { header: 'product', key: 'product', width: 12 },
    { header: 'ndc11', key: 'ndc11', width: 13 },
    { header: 'episode_ref', key: 'episodeRef', width: 24 },
    { header: 'administration_date', key: 'administrationDate', width: 18 },
    { header: 'component', key: 'component', width: 16 },
    { header: 'service_quarter', key: 'serviceQuarter', width: 14 },
    { header: 'amount', key: 'amount', width: 16, money: true },
    { header: 'component_label', key: 'componentLabel', width: 40 },
    { header: 'cause', key: 'cause', width: 20 },
    { header: 'cause_label', key: 'causeLabel', width: 28 },
    { header: 'prior_period_adjustment', key: 'ppa', width: 22 },
  ]);
  for (const l of doc.lines) {
    lines.addRow({
      ...l,
      statementNumber: doc.statementNumber,
      state: doc.stateCode,
      labelerCode: doc.labelerCode,
      amount: amount(l.amount),
      ppa: l.priorPeriodAdjustment ? 'yes' : 'no',
    });
  }
  lines.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 16 } };

  const totals = sheet(book, 'Totals', [
    { header: 'Grouping', key: 'grouping', width: 12 },
    { header: 'Code', key: 'code', width: 22 },
    { header: 'Label', key: 'label', width: 44 },
    { header: 'Amount', key: 'amount', width: 18, money: true },
  ]);
  for (const c of doc.byComponent) totals.addRow({ grouping: 'component', ...c, amount: amount(c.amount) });
  for (const c of doc.byCause) totals.addRow({ grouping: 'cause', ...c, amount: amount(c.amount) });
  totals.addRow({ grouping: 'total', code: 'TOTAL', label: 'Total', amount: amount(doc.total) }).font = { bold: true };

  return Buffer.from(await book.xlsx.writeBuffer());
}
