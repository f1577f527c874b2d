import { formatCurrency, type Dec } from '@lib/common';
import type { PartyBlock, StatementDocument } from './statement-document';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches the page goes through this (names and notes are user input). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const e = escapeHtml;
const money = (d: Dec) => e(formatCurrency(d));
const row = (label: string, value: string, cls = '') =>
  `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${e(label)}</th><td class="num">${value}</td></tr>`;
const table = (caption: string, head: string[], rows: string) =>
  `<table class="lines"><caption>${e(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
const party = (p: PartyBlock) =>
  `<section class="party"><h2>${e(p.heading)}</h2><p><strong>${e(p.name)}</strong>${p.lines.map((l) => `<br>${e(l)}`).join('')}</p></section>`;

// Printing: table headers repeat on every page (thead), page numbers in the page margin.
const CSS = `body{font-family:Helvetica,Arial,sans-serif;font-size:10.5pt;color:#111;margin:2em}
h1{font-size:16pt;margin:0 0 .4em}h2{font-size:12pt;margin:1.2em 0 .4em;border-bottom:1px solid #999}
.parties{display:flex;gap:2em;flex-wrap:wrap}.party{flex:1;min-width:14em}.party h2{font-size:10pt;color:#444}
table{border-collapse:collapse;margin:.3em 0}caption{text-align:left;font-weight:bold;padding:.2em 0}
th,td{padding:2px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.lines th,table.lines td{border-bottom:1px solid #ddd}tr.total th,tr.total td{font-weight:bold;border-top:1px solid #111}
.ppa{background:#f3f3f3}.overdue{color:#a00;font-weight:bold}
@page{size:letter;margin:1.6cm 1.2cm;@bottom-right{content:"Page " counter(page) " of " counter(pages)}}
@media print{body{margin:0}thead{display:table-header-group}tr{break-inside:avoid}}`;

/**
 * The printable statement (README "Portal"): self-contained HTML (inline CSS,
 * no external asset), rendered from the one StatementDocument the PDF and the workbook use.
 */
export function renderStatementHtml(doc: StatementDocument): string {
  const facts = doc.facts.map((f) => `<tr><th scope="row">${e(f.label)}</th><td>${e(f.value)}</td></tr>`).join('');
  const byComponent = doc.byComponent.map((c) => row(c.label, money(c.amount))).join('');
  const byCause = doc.byCause.map((c) => row(c.label, money(c.amount))).join('');
  const periods =
    row(`Current period (${doc.quarter})`, money(doc.currentPeriod)) +
    doc.priorPeriodByServiceQuarter
      .map((p) => row(`Prior-period adjustments, service quarter ${p.serviceQuarter}`, money(p.amount)))
      .join('') +
    row('Prior-period adjustments, total', money(doc.priorPeriod));
  const b = doc.balances;
  const balances =
    row('Billed', money(b.billed)) +
    row('Paid', money(b.paid)) +
    row('Under open dispute', money(b.disputed)) +
    row('Upheld disputes (credited on a later statement)', money(b.upheld)) +
    row('Outstanding', money(b.outstanding), 'total') +
    row('Outstanding, undisputed', money(b.outstandingUndisputed)) +
    row(
      doc.interestStartsOn ? `Interest accrued (from ${doc.interestStartsOn})` : 'Interest accrued',
      doc.interest === null ? e(doc.interestNote ?? '-') : money(doc.interest),
    );
  const payments = doc.payments
    .map((p) => `<tr><td>${e(p.receivedOn)}</td><td>${e(p.reference)}</td><td class="num">${money(p.amount)}</td></tr>`)
    .join('');
  const credits = doc.credits
    .map((c) => `<tr><td>${e(c.receivedOn)}</td><td>${e(c.reference)}</td><td class="num">${money(c.amount)}</td></tr>`)
    .join('');
  const disputes = doc.disputes
    .map(
      (d) =>
        `<tr><td>${e(d.openedOn)}</td><td>${e(d.scope)}</td><td>${e(`${d.code}: ${d.codeLabel}`)}</td>` +
        `<td>${e(d.statusLabel)}</td><td>${e(d.note)}</td></tr>`,
    )
    .join('');
  const lines = doc.lines
    .map(
      (l) =>
        `<tr${l.priorPeriodAdjustment ? ' class="ppa"' : ''}><td class="num">${l.lineNumber}</td><td>${e(l.administrationDate)}</td>` +
        `<td>${e(l.episodeRef)}</td><td>${e(l.product)}</td><td>${e(l.ndc)}</td><td>${e(l.componentLabel)}</td>` +
        `<td>${e(l.serviceQuarter)}${l.priorPeriodAdjustment ? ' (prior-period adjustment)' : ''}</td>` +
        `<td>${e(l.causeLabel)}</td><td class="num">${money(l.amount)}</td></tr>`,
    )
    .join('');

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${e(doc.title)}</title><style>${CSS}</style></head>
<body>
<h1>${e(doc.title)}</h1>
<div class="parties">${party(doc.issuer)}${party(doc.remitTo)}${party(doc.billTo)}</div>
<table class="meta">${facts}</table>
${doc.overdue ? `<p class="overdue">Overdue: ${money(b.outstanding)} was due on ${e(doc.dueOn ?? '')}.</p>` : ''}
<h2>Amount billed: ${money(doc.total)}</h2>
<table>${byComponent ? `<caption>Totals by component</caption>${byComponent}` : ''}${row('Total', money(doc.total), 'total')}</table>
${byCause ? `<table><caption>Totals by cause</caption>${byCause}</table>` : ''}
<table><caption>Current period and prior-period adjustments</caption>${periods}</table>
<h2>Balances as of ${e(doc.asOf)}</h2><table>${balances}</table>
<h2>Payments</h2>${payments ? table('Payments received', ['Received', 'Reference', 'Amount'], payments) : '<p>None recorded.</p>'}
${credits ? `<h2>Credits</h2>${table('Overpayments kept as credits for the next statement', ['Received', 'Reference', 'Credit'], credits)}` : ''}
<h2>Disputes</h2>${disputes ? table('Disputes', ['Opened', 'Scope', 'Code', 'Status', 'Note'], disputes) : '<p>None.</p>'}
<h2>Lines (${doc.lineCount})</h2>
${table(
  'Statement lines (the line number is what a dispute refers to)',
  ['Line', 'Administration', 'Episode', 'Product', 'NDC', 'Component', 'Service quarter', 'Cause', 'Amount'],
  lines,
)}
</body></html>
`;
}
