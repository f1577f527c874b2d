import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  executedCasgevyAgreement,
  graphqlOk,
  issueStatementForTest,
  pdfText,
  queryRows,
  signInCast,
  signInSessionCookie,
  startTestStack,
  stopTestStack,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';
import { exportStatement } from '../../../apps/cli/src/statement/statement-export-client';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');
const NUMBER = 'CGT-NY-51167-2027Q2';
const AS_OF = '2027-09-30';

/** "$1,540,000.00" for 1540000.00 (how the printed statement writes money). */
const usd = (amount: string) => {
  const [whole, cents] = amount.replace('-', '').split('.');
  return `${amount.startsWith('-') ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
};
const cents = (values: string[]) => values.reduce((sum, v) => sum + BigInt(v.replace('.', '')), 0n);
const fromCents = (c: bigint) =>
  `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;

/**
 * Statement documents end to end: the worked example's NY files go in through the real
 * API and worker with 2026Q4 and 2027Q1 already closed, so statement 2027Q2 carries two
 * prior-period adjustments and its own outcome entry; the coordinator issues it, Vertex pays part
 * of it; Vertex, signed in with the portal's session cookie, downloads the CSV, the PDF and the
 * workbook, and every figure in them equals the CSV and the GraphQL balances to the cent.
 */
describe('statement documents: PDF and XLSX from one model, equal to the CSV', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  const tokens: Record<string, string> = {};
  let vertexCookie = '';

  const download = (path: string, headers: Record<string, string>) => fetch(`${api.url}/v1/${path}`, { headers });

  beforeAll(async () => {
    // The worked example's files report up to May 2027, and a period after the platform's current
    // month is rejected: the worker's clock is pinned with the API's.
    ({ db, api, worker } = await startTestStack(
      { STATEMENT_AUTO_ISSUE: 'false', FIXED_TIME: '2027-07-10T12:00:00Z' },
      { now: '2027-07-10T12:00:00Z' },
    ));
    Object.assign(tokens, await signInCast({ db, api }, ['NY', 'coordinator', 'vertex', 'genetix']));
    vertexCookie = await signInSessionCookie(api.url, 'v@vertex.test');
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' });
    for (const quarter of ['2026Q4', '2027Q1']) {
      await issueStatementForTest(db.url, { labelerCode: '51167', stateCode: 'NY', quarter, issuedOn: '2027-04-01' });
    }
    for (const file of [
      '1-NY-CLAIMOT-2026-03.txt',
      '2-NY-CLAIMIP-2026-11.txt',
      '3-NY-CLAIMIP-2027-01.txt',
      '4-NY-CLAIMIP-2027-05.txt',
    ]) {
      const response = await fetch(`${api.url}/v1/states/NY/claim-files?fileName=${file}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.NY}`, 'content-type': 'application/octet-stream' },
        body: readFileSync(join(FIXTURES, file)),
      });
      expect(response.status).toBe(202);
      const { submission } = (await response.json()) as { submission: { id: string } };
      for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 100))) {
        const [row] = await queryRows<{ status: string }>(db.url, 'SELECT status FROM claim_submission WHERE id = $1', [
          submission.id,
        ]);
        if (row.status === 'COMPLETED') break;
        if (row.status === 'REJECTED' || row.status === 'FAILED' || Date.now() > deadline)
          throw new Error(`${file}: ${row.status}`);
      }
    }
    await graphqlOk(
      api.url,
      `mutation { setInterestRate(input: { effectiveFrom: "2026-01-01", annualRate: "0.0825", note: "test" }) { effectiveFrom } }`,
      {},
      tokens.coordinator,
    );
    await graphqlOk(
      api.url,
      `mutation { issueStatements(input: { quarter: "2027Q2", stateCode: "NY" }) { number } }`,
      {},
      tokens.coordinator,
    );
    api.clock!.set(`${AS_OF}T12:00:00Z`);
    const { statementByNumber } = await graphqlOk<{ statementByNumber: { id: string } }>(
      api.url,
      `{ statementByNumber(number: "${NUMBER}") { id } }`,
      {},
      tokens.vertex,
    );
    await graphqlOk(
      api.url,
      `mutation($input: RecordStatementPaymentInput!) { recordStatementPayment(input: $input) { status } }`,
      {
        input: {
          statementId: statementByNumber.id,
          amount: '250000.00',
          receivedOn: '2027-08-20',
          reference: 'WIRE-77',
        },
      },
      tokens.vertex,
    );
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it('serves PDF and XLSX whose figures equal the CSV and the balances to the cent, with the session cookie', async () => {
    const csvResponse = await download(`statements/${NUMBER}.csv`, { cookie: vertexCookie });
    expect(csvResponse.status).toBe(200);
    const csvRows = (await csvResponse.text())
      .trim()
      .split('\r\n')
      .slice(1)
      .map((r) => r.split(','));
    expect(csvRows.map((r) => [r[7], r[8], r[9]])).toEqual([
      ['OUTCOME:VOE12', '2026Q4', '1100000.00'],
      ['OUTCOME:VOE12', '2027Q1', '-1100000.00'],
      ['OUTCOME:VOE12', '2027Q2', '660000.00'],
    ]);
    const csvTotal = fromCents(cents(csvRows.map((r) => r[9])));
    const { statementByNumber: graph } = await graphqlOk<{
      statementByNumber: {
        balances: { total: string; paid: string; outstanding: string; interestOwed: string | null };
      };
    }>(
      api.url,
      `{ statementByNumber(number: "${NUMBER}") { balances(asOf: "${AS_OF}") { total paid outstanding interestOwed } } }`,
      {},
      tokens.vertex,
    );
    expect(graph.balances).toMatchObject({ total: csvTotal, paid: '250000.00', outstanding: '410000.00' });
    expect(graph.balances.interestOwed).toMatch(/^[1-9]\d*\.\d\d$/);

    const pdfResponse = await download(`statements/${NUMBER}.pdf?asOf=${AS_OF}`, { cookie: vertexCookie });
    expect(pdfResponse.status).toBe(200);
    expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
    expect(pdfResponse.headers.get('content-disposition')).toBe(`attachment; filename="${NUMBER}.pdf"`);
    const { pages } = await pdfText(Buffer.from(await pdfResponse.arrayBuffer()));
    const text = pages.join('\n');
    expect(text).toContain(`Rebate statement ${NUMBER}`);
    expect(text).toContain(`Amount billed: ${usd(csvTotal)}`);
    expect(text).toContain('New York Medicaid Agency (illustrative)');
    expect(text).toContain('Remit to');
    expect(text).toContain('Vertex');
    expect(text).toContain(usd(graph.balances.interestOwed!));
    expect(text).toContain('Outcome rebate: VOE within 12 months');
    expect(text).toContain('2026Q4 (prior-period adjustment)');
    for (const row of csvRows) expect(text).toContain(usd(row[9]));
    expect(text).not.toMatch(/MSIS|OUTCOME:VOE12/);

    const xlsxResponse = await download(`statements/${NUMBER}.xlsx?asOf=${AS_OF}`, { cookie: vertexCookie });
    expect(xlsxResponse.status).toBe(200);
    expect(xlsxResponse.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsxResponse.arrayBuffer());
    const lines: string[][] = [];
    const lineIds: string[] = [];
    book.getWorksheet('Lines')!.eachRow((row, n) => {
      if (n === 1) return;
      const v = (row.values as (string | number)[]).slice(1);
      expect(v[0]).toBe(n - 1);
      lineIds.push(String(v[1]));
      lines.push([...v.slice(2, 11).map(String), (v[11] as number).toFixed(2)]);
    });
    expect(lines).toEqual(csvRows);
    const ledgerIds = await queryRows<{ id: string }>(
      db.url,
      `SELECT id::text FROM ledger_entry WHERE labeler_code = '51167' AND state_code = 'NY' AND statement_quarter = '2027Q2'`,
    );
    expect([...lineIds].sort()).toEqual(ledgerIds.map((r) => r.id).sort());
    const totals = book.getWorksheet('Totals')!;
    const totalRows: [string, string, number][] = [];
    totals.eachRow(
      (row, n) => n > 1 && totalRows.push([row.getCell(1).text, row.getCell(2).text, row.getCell(4).value as number]),
    );
    expect(totalRows.map(([g, c, a]) => [g, c, a.toFixed(2)])).toEqual([
      ['component', 'OUTCOME:VOE12', csvTotal],
      ['cause', 'CLAIMS', csvTotal],
      ['total', 'TOTAL', csvTotal],
    ]);
    const summary = new Map<string, unknown>();
    book.getWorksheet('Summary')!.eachRow((row) => summary.set(row.getCell(1).text, row.getCell(2).value));
    expect(summary.get('Statement number')).toBe(NUMBER);
    expect(summary.get('State')).toBe('New York (NY)');
    expect(summary.get('Issue date')).toBe('2027-07-10');
    expect(summary.get('Due date')).toBe('2027-08-16');
    for (const [item, expected] of [
      ['Total', csvTotal],
      ['Paid', graph.balances.paid],
      ['Outstanding', graph.balances.outstanding],
      ['Interest', graph.balances.interestOwed],
    ] as const) {
      expect({ item, value: (summary.get(item) as number).toFixed(2) }).toEqual({ item, value: expected });
    }
    expect(summary.get('Overdue')).toBe('Yes');
  });

  it('names the statement by key too, and keeps every format within the caller’s scope', async () => {
    const byKey = await download(`labelers/51167/states/NY/statements/2027Q2.xlsx`, {
      authorization: `Bearer ${tokens.NY}`,
    });
    expect(byKey.status).toBe(200);
    const html = await download(`statements/${NUMBER}.html?asOf=${AS_OF}`, { cookie: vertexCookie });
    expect(await html.text()).toContain(`Amount billed: $660,000.00`);
    for (const format of ['pdf', 'xlsx', 'html', 'csv']) {
      const foreign = await download(`statements/${NUMBER}.${format}`, { authorization: `Bearer ${tokens.genetix}` });
      expect({ format, status: foreign.status }).toEqual({ format, status: 404 });
      expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      expect((await download(`statements/${NUMBER}.${format}`, {})).status).toBe(401);
    }
    const out = join(mkdtempSync(join(tmpdir(), 'cgt-export-')), 'q2.pdf');
    const pdf = await exportStatement({
      api: api.url,
      token: tokens.vertex,
      labeler: '51167',
      state: 'NY',
      quarter: '2027Q2',
      format: 'pdf',
      asOf: AS_OF,
      out,
    });
    expect(readFileSync(out).equals(pdf)).toBe(true);
    expect((await pdfText(pdf)).pages.join('\n')).toContain(`Balances as of ${AS_OF}`);
    const badDate = await download(`statements/${NUMBER}.pdf?asOf=yesterday`, { cookie: vertexCookie });
    expect(badDate.status).toBe(400);
  });
});
