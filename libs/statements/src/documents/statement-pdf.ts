import { dirname, join, resolve, sep } from 'node:path';
import type { PdfCell, PdfDocumentDefinition } from 'pdfmake';
import { formatCurrency, lazily, type Dec } from '@lib/common';
import type { PartyBlock, StatementDocument } from './statement-document';

/** Roboto as shipped in the pdfmake package: nothing is fetched, nothing else is read. */
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
/**
 * pdfmake (with its fonts and layout engine) loads on the first statement PDF, not with the
 * API: most processes never render one.
 */
const pdfmakeConfigured = lazily(async () => {
  const { default: pdfmake } = await import('pdfmake');
  configure(pdfmake);
  return pdfmake;
});

function configure(pdfmake: typeof import('pdfmake').default): void {
  pdfmake.setFonts({
    Roboto: {
      normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  // The document never names a URL or a file; refuse any it might (user text is plain text anyway).
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => resolve(path).startsWith(FONT_DIR + sep));
}

const money = (d: Dec): PdfCell => ({ text: formatCurrency(d), alignment: 'right' });
const labelled = (label: string, value: PdfCell, bold = false): PdfCell[] => [
  { text: label, bold },
  bold && typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, bold } : value,
];
const keyValue = (rows: PdfCell[][]): PdfCell => ({
  table: { widths: ['*', 'auto'], body: rows },
  layout: 'lightHorizontalLines',
  margin: [0, 2, 0, 8],
});
const party = (p: PartyBlock): PdfCell => ({
  stack: [
    { text: p.heading, style: 'partyHeading' },
    { text: p.name, bold: true },
    ...p.lines.map((l) => ({ text: l })),
  ],
});

/** The PDF definition of a statement: the content of the HTML page, page numbers, repeated headers. */
export function statementPdfDefinition(doc: StatementDocument): PdfDocumentDefinition {
  const b = doc.balances;
  const header = (cells: string[]): PdfCell[] => cells.map((text) => ({ text, style: 'tableHeader' }));
  const lineRows: PdfCell[][] = doc.lines.map((l) => [
    { text: String(l.lineNumber), alignment: 'right' },
    l.administrationDate,
    l.episodeRef,
    l.product,
    l.ndc,
    l.componentLabel,
    l.priorPeriodAdjustment ? `${l.serviceQuarter} (prior-period adjustment)` : l.serviceQuarter,
    l.causeLabel,
    money(l.amount),
  ]);
  const content: PdfCell[] = [
    { text: doc.title, style: 'title' },
    { columns: [party(doc.issuer), party(doc.remitTo), party(doc.billTo)], columnGap: 16, margin: [0, 0, 0, 10] },
    {
      table: { widths: ['auto', '*'], body: doc.facts.map((f) => [{ text: f.label, bold: true }, f.value]) },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
    ...(doc.overdue
      ? [{ text: `Overdue: ${formatCurrency(b.outstanding)} was due on ${doc.dueOn}.`, color: '#a00000', bold: true }]
      : []),
    { text: `Amount billed: ${formatCurrency(doc.total)}`, style: 'section' },
    { text: 'Totals by component', style: 'subsection' },
    keyValue([
      ...doc.byComponent.map((c) => labelled(c.label, money(c.amount))),
      labelled('Total', money(doc.total), true),
    ]),
    ...(doc.byCause.length
      ? [
          { text: 'Totals by cause', style: 'subsection' },
          keyValue(doc.byCause.map((c) => labelled(c.label, money(c.amount)))),
        ]
      : []),
    { text: 'Current period and prior-period adjustments', style: 'subsection' },
    keyValue([
      labelled(`Current period (${doc.quarter})`, money(doc.currentPeriod)),
      ...doc.priorPeriodByServiceQuarter.map((p) =>
        labelled(`Prior-period adjustments, service quarter ${p.serviceQuarter}`, money(p.amount)),
      ),
      labelled('Prior-period adjustments, total', money(doc.priorPeriod)),
    ]),
    { text: `Balances as of ${doc.asOf}`, style: 'section' },
    keyValue([
      labelled('Billed', money(b.billed)),
      labelled('Paid', money(b.paid)),
      labelled('Under open dispute', money(b.disputed)),
      labelled('Upheld disputes (credited on a later statement)', money(b.upheld)),
      labelled('Outstanding', money(b.outstanding), true),
      labelled('Outstanding, undisputed', money(b.outstandingUndisputed)),
      labelled(
        doc.interestStartsOn ? `Interest accrued (from ${doc.interestStartsOn})` : 'Interest accrued',
        doc.interest === null ? (doc.interestNote ?? '-') : money(doc.interest),
      ),
    ]),
    { text: 'Payments', style: 'section' },
    doc.payments.length
      ? {
          table: {
            headerRows: 1,
            widths: ['auto', '*', 'auto'],
            body: [
              header(['Received', 'Reference', 'Amount']),
              ...doc.payments.map((p) => [p.receivedOn, p.reference, money(p.amount)]),
            ],
          },
          layout: 'lightHorizontalLines',
        }
      : { text: 'None recorded.' },
    ...(doc.credits.length
      ? [
          { text: 'Credits (overpayments kept for the next statement)', style: 'section' },
          {
            table: {
              headerRows: 1,
              widths: ['auto', '*', 'auto'],
              body: [
                header(['Received', 'Reference', 'Credit']),
                ...doc.credits.map((c) => [c.receivedOn, c.reference, money(c.amount)]),
              ],
            },
            layout: 'lightHorizontalLines',
          },
        ]
      : []),
    { text: 'Disputes', style: 'section' },
    doc.disputes.length
      ? {
          table: {
            headerRows: 1,
            widths: ['auto', 'auto', 'auto', 'auto', '*'],
            body: [
              header(['Opened', 'Scope', 'Code', 'Status', 'Note']),
              ...doc.disputes.map((d) => [d.openedOn, d.scope, `${d.code}: ${d.codeLabel}`, d.statusLabel, d.note]),
            ],
          },
          layout: 'lightHorizontalLines',
        }
      : { text: 'None.' },
    { text: `Lines (${doc.lineCount})`, style: 'section', pageBreak: doc.lineCount > 12 ? 'before' : undefined },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: ['auto', 'auto', 'auto', 'auto', 'auto', '*', 'auto', 'auto', 'auto'],
        body: [
          header([
            'Line',
            'Administration',
            'Episode',
            'Product',
            'NDC',
            'Component',
            'Service quarter',
            'Cause',
            'Amount',
          ]),
          ...lineRows,
        ],
      },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0,
        hLineColor: () => '#cccccc',
        fillColor: (rowIndex: number) =>
          rowIndex > 0 && doc.lines[rowIndex - 1]?.priorPeriodAdjustment ? '#f0f0f0' : null,
      },
      fontSize: 7.5,
    },
  ];
  return {
    pageSize: 'LETTER',
    pageOrientation: 'landscape',
    pageMargins: [36, 48, 36, 40],
    info: { title: doc.title, subject: `Rebate statement for ${doc.quarter}`, creator: 'CGT Access Platform' },
    header: (currentPage: number) =>
      currentPage === 1
        ? null
        : { text: `${doc.title}, continued`, margin: [36, 20, 36, 0], fontSize: 8, color: '#555555' },
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        { text: `${doc.statementNumber} · balances as of ${doc.asOf}`, fontSize: 8, color: '#555555' },
        { text: `Page ${currentPage} of ${pageCount}`, alignment: 'right', fontSize: 8, color: '#555555' },
      ],
      margin: [36, 12, 36, 0],
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
      section: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      subsection: { fontSize: 10, bold: true, margin: [0, 4, 0, 2] },
      partyHeading: { fontSize: 8, color: '#555555' },
      tableHeader: { bold: true },
    },
  };
}

/** The statement as a PDF (pdfmake, server side, fonts from the package, no network). */
export async function renderStatementPdf(doc: StatementDocument): Promise<Buffer> {
  const pdfmake = await pdfmakeConfigured();
  return pdfmake.createPdf(statementPdfDefinition(doc)).getBuffer();
}
