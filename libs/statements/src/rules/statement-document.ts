import { formatMoney, quarterEnd, quarterStart, type Dec, type IsoDate } from '@lib/common';
import { formatNdc11 } from '@lib/reference';
import { statementBalances } from './balances';
import { disputeCodeInfo, disputeStatus } from './disputes';
import { statementInterest } from './interest';
import { compareStatementLines } from './statement-csv';
import { statementDueDate } from './statement-lifecycle';
import { isPriorPeriodAdjustment } from './statement-quarter';
import { statementTotals } from './statement-totals';
import {
  type Dispute,
  type InterestRatePeriod,
  type Payment,
  type StatementKey,
  type StatementLine,
  type StatementStatus,
} from './types';

export interface StatementDocumentInput {
  statementNumber: string;
  key: StatementKey;
  /** The manufacturer's legal name in force on the statement date (the caller looks it up). */
  manufacturerLegalName: string;
  status: StatementStatus;
  /** Null for a DRAFT: no due date, no interest yet. */
  issuedOn: IsoDate | null;
  /** The date balances and interest are shown as of (the day the document is produced). */
  asOf: IsoDate;
  lines: readonly StatementLine[];
  disputes: readonly Dispute[];
  payments: readonly Payment[];
  rates: readonly InterestRatePeriod[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches the page goes through this (names and notes are user input). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const money = (d: Dec) => escapeHtml(formatMoney(d));
const row = (label: string, value: string, cls = '') =>
  `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${escapeHtml(label)}</th><td class="num">${value}</td></tr>`;

const CSS = `body{font-family:Helvetica,Arial,sans-serif;font-size:11pt;color:#111;margin:2em}
h1{font-size:16pt;margin:0 0 .2em}h2{font-size:12pt;margin:1.4em 0 .4em;border-bottom:1px solid #999}
table{border-collapse:collapse;margin:.3em 0}th,td{padding:2px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.lines th,table.lines td{border-bottom:1px solid #ddd}tr.total th,tr.total td{font-weight:bold;border-top:1px solid #111}
.meta td{padding-right:2em}.ppa{background:#f6f6f6}@media print{body{margin:0}}`;

/**
 * A printable, self-contained HTML statement (issue 5): no external assets, inline CSS. The
 * summary a finance team files comes first, then the lines in the CSV order.
 */
export function statementDocument(input: StatementDocumentInput): string {
  const { key, lines } = input;
  const totals = statementTotals(key.quarter, lines);
  const statementMoney = { lines, disputes: input.disputes, payments: input.payments };
  const balances = statementBalances(statementMoney, input.asOf);
  const issued = input.issuedOn !== null;
  const dueOn = input.issuedOn === null ? null : statementDueDate(input.issuedOn);
  const interest =
    input.issuedOn === null ? null : statementInterest(statementMoney, input.issuedOn, input.asOf, input.rates);
  const e = escapeHtml;

  const meta = [
    ['Statement number', input.statementNumber],
    ['Status', input.status],
    ['State', key.state],
    ['Manufacturer', input.manufacturerLegalName],
    ['Labeler code', key.labelerCode],
    ['Quarter', `${key.quarter} (${quarterStart(key.quarter)} to ${quarterEnd(key.quarter)})`],
    ['Issue date', input.issuedOn ?? 'not issued (draft)'],
    ['Due date', dueOn ?? '-'],
    ['Balances as of', input.asOf],
  ]
    .map(([label, value]) => `<tr><th scope="row">${e(label)}</th><td>${e(value)}</td></tr>`)
    .join('');

  const byComponent =
    totals.byComponent.map((c) => row(c.component, money(c.amount))).join('') +
    row('Total', money(totals.total), 'total');
  const byCause = totals.byCause.map((c) => row(c.cause, money(c.amount))).join('');
  const periods =
    row('Current period', money(totals.currentPeriod)) +
    totals.priorPeriodByServiceQuarter
      .map((p) => row(`Prior-period adjustments, service ${p.serviceQuarter}`, money(p.amount)))
      .join('') +
    row('Prior-period adjustments, total', money(totals.priorPeriod), 'total');
  const balanceRows =
    row('Billed', money(balances.total)) +
    row('Paid', money(balances.paid)) +
    row('Under open dispute', money(balances.disputed)) +
    row('Upheld disputes (credited on a later statement)', money(balances.upheld)) +
    row('Outstanding', money(balances.outstanding), 'total') +
    row('Outstanding undisputed', money(balances.outstandingUndisputed)) +
    row('Interest accrued', interest === null ? '-' : money(interest.interest));

  const payments = [...input.payments]
    .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0))
    .map((p) => `<tr><td>${e(p.receivedOn)}</td><td>${e(p.reference)}</td><td class="num">${money(p.amount)}</td></tr>`)
    .join('');
  const disputes = input.disputes
    .map(
      (d) =>
        `<tr><td>${e(d.openedOn)}</td><td>${e(d.scope.kind === 'LINE' ? `line ${d.scope.lineId}` : 'whole statement')}</td>` +
        `<td>${e(`${d.code} ${disputeCodeInfo(d.code).label}`)}</td><td>${e(disputeStatus(d))}</td><td>${e(d.note)}</td></tr>`,
    )
    .join('');
  const lineRows = [...lines]
    .sort(compareStatementLines)
    .map((l) => {
      const ppa = isPriorPeriodAdjustment(l.serviceQuarter, key.quarter);
      return (
        `<tr${ppa ? ' class="ppa"' : ''}><td>${e(l.administrationDate)}</td><td>${e(l.episodeRef)}</td><td>${e(l.product)}</td>` +
        `<td>${e(formatNdc11(l.ndc11))}</td><td>${e(l.component)}</td><td>${e(l.serviceQuarter)}${ppa ? ' (prior period)' : ''}</td>` +
        `<td>${e(l.cause)}</td><td class="num">${money(l.amount)}</td></tr>`
      );
    })
    .join('');

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${e(`Statement ${input.statementNumber}`)}</title><style>${CSS}</style></head>
<body>
<h1>${e(`Rebate statement ${input.statementNumber}`)}</h1>
<table class="meta">${meta}</table>
<h2>Totals by component</h2><table>${byComponent}</table>
<h2>Totals by cause</h2><table>${byCause}</table>
<h2>Current period and prior-period adjustments</h2><table>${periods}</table>
<h2>Balances${issued ? '' : ' (draft: not yet due)'}</h2><table>${balanceRows}</table>
<h2>Payments</h2>${payments ? `<table class="lines"><tr><th>Received</th><th>Reference</th><th>Amount</th></tr>${payments}</table>` : '<p>None.</p>'}
<h2>Disputes</h2>${disputes ? `<table class="lines"><tr><th>Opened</th><th>Scope</th><th>Code</th><th>Status</th><th>Note</th></tr>${disputes}</table>` : '<p>None.</p>'}
<h2>Lines (${totals.lineCount})</h2>
<table class="lines"><tr><th>Administration</th><th>Episode</th><th>Product</th><th>NDC</th><th>Component</th><th>Service quarter</th><th>Cause</th><th>Amount</th></tr>${lineRows}</table>
</body></html>
`;
}
