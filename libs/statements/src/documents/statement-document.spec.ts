import ExcelJS from 'exceljs';
import { dec } from '@lib/common';
import { pdfText } from '@lib/testing';
import {
  compareStatementLines,
  statementBalances,
  statementCsv,
  statementInterest,
  statementTotals,
  type Dispute,
  type InterestRatePeriod,
  type Payment,
  type StatementLine,
} from '../rules';
import { line } from '../rules/spec-builders';
import {
  buildStatementDocument,
  isStatementOverdue,
  type MedicaidAgency,
  type StatementDocumentInput,
} from './statement-document';
import { escapeHtml, renderStatementHtml } from './statement-html';
import { renderStatementPdf } from './statement-pdf';
import { renderStatementXlsx } from './statement-xlsx';

const RATES: InterestRatePeriod[] = [{ effectiveFrom: '2020-01-01', effectiveTo: null, annualRate: dec('0.05') }];
const AGENCY: MedicaidAgency = {
  agencyName: 'New York Medicaid Agency (illustrative)',
  remitAttention: 'Attn: Cell and Gene Therapy Access Model rebates',
  addressLines: ['Illustrative address, not for remittance', '100 Example Plaza', 'Capital City, NY 00000'],
  email: 'cgt-rebates.ny@example.org',
  phone: '555-0100',
  illustrative: true,
};

/** Statement 2027Q2 of the worked example: two prior-period adjustments and the quarter's own entry. */
const LINES: StatementLine[] = [
  line({ lineId: 'L-C', component: 'OUTCOME:VOE12', serviceQuarter: '2027Q2', amount: '660000.00' }),
  line({ lineId: 'L-A', component: 'OUTCOME:VOE12', serviceQuarter: '2026Q4', amount: '1100000.00' }),
  line({ lineId: 'L-B', component: 'OUTCOME:VOE12', serviceQuarter: '2027Q1', amount: '-1100000.00' }),
  line({
    lineId: 'L-D',
    episodeRef: 'EP-NY-0002',
    administrationDate: '2027-04-02',
    serviceQuarter: '2027Q2',
    cause: 'DISPUTE_RESOLUTION',
    amount: '-20000.00',
  }),
  line({ lineId: 'L-E', episodeRef: 'EP-NY-0003', administrationDate: '2027-05-02', serviceQuarter: '2027Q2' }),
].sort(compareStatementLines);

function input(overrides: Partial<StatementDocumentInput> = {}): StatementDocumentInput {
  const issuedOn = '2027-07-10';
  const asOf = overrides.asOf ?? '2027-09-30';
  const payments: Payment[] = [
    { paymentId: 'P1', receivedOn: '2027-08-01', amount: dec('500000.00'), reference: 'WIRE-1' },
  ];
  const disputes: Dispute[] = [
    {
      disputeId: 'D1',
      scope: { kind: 'LINE', lineId: 'L-E' },
      code: 'M',
      note: '<b>dup</b>',
      openedOn: '2027-07-20',
      resolution: null,
    },
  ];
  const money = { lines: LINES, disputes, payments };
  return {
    statement: {
      number: 'CGT-NY-51167-2027Q2',
      stateCode: 'NY',
      labelerCode: '51167',
      quarter: '2027Q2',
      status: 'DISPUTED',
      issuedOn,
      dueOn: '2027-08-16',
    },
    asOf,
    lines: LINES,
    totals: statementTotals('2027Q2', LINES),
    balances: statementBalances(money, asOf),
    interest: statementInterest(money, issuedOn, asOf, RATES),
    interestStartsOn: '2027-08-17',
    interestProblem: null,
    payments,
    disputes,
    stateName: 'New York',
    manufacturerLegalName: 'Vertex Pharmaceuticals Incorporated',
    agency: AGENCY,
    ...overrides,
  };
}

describe('buildStatementDocument: one model for HTML, PDF and XLSX (README "Portal")', () => {
  const doc = buildStatementDocument(input());

  it('numbers the lines from 1 in statement order and marks prior-period adjustments', () => {
    expect(doc.lines.map((l) => [l.lineNumber, l.lineId, l.serviceQuarter, l.priorPeriodAdjustment])).toEqual(
      LINES.map((l, i) => [i + 1, l.lineId, l.serviceQuarter, l.serviceQuarter < '2027Q2']),
    );
  });

  it('labels codes in plain words and formats the NDC for people', () => {
    expect(doc.lines[0]).toMatchObject({
      ndc: '51167-0290-09',
      componentLabel: 'Outcome rebate: VOE within 12 months',
      causeLabel: 'Claims',
    });
    expect(doc.lines.find((l) => l.lineId === 'L-D')?.causeLabel).toBe('Dispute resolution');
  });

  it('leaves zero rows out of the totals and keeps the exact amounts', () => {
    expect(doc.byCause.map((c) => [c.code, c.label, c.amount.toFixed(2)])).toEqual([
      ['CLAIMS', 'Claims', '880000.00'],
      ['DISPUTE_RESOLUTION', 'Dispute resolution', '-20000.00'],
    ]);
    expect(doc.byComponent.map((c) => [c.label, c.amount.toFixed(2)])).toEqual([
      ['Guaranteed rebate', '200000.00'],
      ['Outcome rebate: VOE within 12 months', '660000.00'],
    ]);
    expect(doc.priorPeriodByServiceQuarter.map((p) => [p.serviceQuarter, p.amount.toFixed(2)])).toEqual([
      ['2026Q4', '1100000.00'],
      ['2027Q1', '-1100000.00'],
    ]);
    expect(doc.total.toFixed(2)).toBe('860000.00');
  });

  it('names the disputed line by its number and the remit-to agency', () => {
    const disputed = doc.lines.find((l) => l.lineId === 'L-E')!.lineNumber;
    expect(doc.disputes).toEqual([
      expect.objectContaining({ scope: `Line ${disputed}`, codeLabel: 'Duplicate claim', statusLabel: 'Open' }),
    ]);
    expect(doc.remitTo.name).toBe(AGENCY.agencyName);
    expect(doc.remitTo.lines).toContain('100 Example Plaza');
    expect(doc.billTo.name).toBe('Vertex Pharmaceuticals Incorporated');
  });

  it('says when no agency is on file, and why interest is missing', () => {
    const bare = buildStatementDocument(
      input({ agency: null, interest: null, interestProblem: 'no rate on 2027-08-17' }),
    );
    expect(bare.remitTo.name).toBe('New York Medicaid agency');
    expect(bare.interest).toBeNull();
    expect(bare.interestNote).toBe('Not computed: no rate on 2027-08-17');
  });

  it.each([
    ['draft: no due date', null, '2027-09-30', '10.00', false],
    ['on the due date', '2027-08-16', '2027-08-16', '10.00', false],
    ['the day after, money outstanding', '2027-08-16', '2027-08-17', '10.00', true],
    ['the day after, paid up', '2027-08-16', '2027-08-17', '0.00', false],
    ['overpaid (a credit)', '2027-08-16', '2027-09-17', '-5.00', false],
  ])('overdue: %s', (_, dueOn, asOf, outstanding, expected) => {
    expect(isStatementOverdue(dueOn, asOf, dec(outstanding))).toBe(expected);
  });
});

describe('statement renderers', () => {
  const doc = buildStatementDocument(input());
  const csvRows = statementCsv({
    statementNumber: doc.statementNumber,
    state: 'NY',
    labelerCode: '51167',
    lines: LINES,
  })
    .trim()
    .split('\r\n')
    .slice(1)
    .map((r) => r.split(','));

  it('escapes user text in the HTML and prints currency, labels and line numbers', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderStatementHtml(doc);
    expect(html).toContain('&lt;b&gt;dup&lt;/b&gt;');
    expect(html).not.toContain('<b>dup</b>');
    expect(html).toContain('Amount billed: $860,000.00');
    expect(html).toContain('Outcome rebate: VOE within 12 months');
    expect(html).toContain('(prior-period adjustment)');
    expect(html).toContain('Remit to');
    expect(html).toContain('thead{display:table-header-group}');
    expect(html).not.toMatch(/OUTCOME:VOE12|DISPUTE_RESOLUTION|https?:\/\//);
  });

  it('writes a PDF whose text shows the number, remit-to, every line amount and the total', async () => {
    const pdf = await renderStatementPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages } = await pdfText(pdf);
    const text = pages.join('\n');
    expect(text).toContain('CGT-NY-51167-2027Q2');
    expect(text).toContain('New York Medicaid Agency (illustrative)');
    expect(text).toContain('100 Example Plaza');
    expect(text).toContain('Amount billed: $860,000.00');
    expect(text).toContain(`Page 1 of ${pages.length}`);
    for (const l of doc.lines)
      expect(text).toContain(
        `$${Number(l.amount.abs().toFixed(2)).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
      );
  });

  it('writes a workbook whose lines and totals equal the CSV to the cent', async () => {
    const book = new ExcelJS.Workbook();
    const bytes = await renderStatementXlsx(doc);
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Summary', 'Lines', 'Totals']);
    const lines = book.getWorksheet('Lines')!;
    const header = (lines.getRow(1).values as string[]).slice(1);
    expect(header.slice(2, 12)).toEqual([
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
    ]);
    const rows: string[][] = [];
    lines.eachRow((row, n) => {
      if (n === 1) return;
      const v = (row.values as (string | number)[]).slice(1);
      rows.push([...v.slice(2, 11).map(String), (v[11] as number).toFixed(2)]);
      expect(v[0]).toBe(n - 1);
    });
    expect(rows).toEqual(csvRows);
    const totals = book.getWorksheet('Totals')!;
    const total = totals.getRow(totals.rowCount).getCell(4).value as number;
    expect(total.toFixed(2)).toBe(doc.total.toFixed(2));
    const summary = new Map<string, unknown>();
    book.getWorksheet('Summary')!.eachRow((row) => summary.set(row.getCell(1).text, row.getCell(2).value));
    expect(summary.get('Statement number')).toBe('CGT-NY-51167-2027Q2');
    expect(summary.get('Manufacturer')).toBe('Vertex Pharmaceuticals Incorporated');
    expect((summary.get('Paid') as number).toFixed(2)).toBe('500000.00');
    expect((summary.get('Outstanding') as number).toFixed(2)).toBe(doc.balances.outstanding.toFixed(2));
    expect((summary.get('Interest') as number).toFixed(2)).toBe(doc.interest!.toFixed(2));
  });
});
