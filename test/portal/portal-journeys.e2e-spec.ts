import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Role } from '@lib/common';
import {
  createTestDatabase,
  executedCasgevyAgreement,
  insertUser,
  manufacturerIdOf,
  pdfText,
  queryRows,
  startApi,
  startWorker,
  testConfig,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';
import {
  launchChromium,
  openTab,
  screenshot,
  seriousA11yViolations,
  signInThroughForm,
  type PortalTab,
} from './support/browser';
import { ensurePortalBuild } from './support/portal-build';

const FIXTURES = join(__dirname, '..', 'fixtures', 'worked-example');
const NY_FILES = [
  '1-NY-CLAIMOT-2026-03.txt',
  '2-NY-CLAIMIP-2026-11.txt',
  '3-NY-CLAIMIP-2027-01.txt',
  '4-NY-CLAIMIP-2027-05.txt',
];
const Q1 = 'CGT-NY-51167-2026Q1';
const CSV_HEADER =
  'statement_number,state,labeler_code,product,ndc11,episode_ref,administration_date,component,service_quarter,amount';

/** A small, valid one-page PDF (the supporting letter of the dispute). */
function letterPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 58 >>\nstream\nBT /F1 18 Tf 72 720 Td (Duplicate of line 1: see MCO) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * The portal journeys in Debian's Chromium against the real API and worker (fixed
 * "today" 2027-06-15): New York submits the worked example's files and reads the exceptions; the
 * coordinator issues 2026Q1 and 2026Q4 and sees the charts; Vertex opens CGT-NY-51167-2026Q1,
 * downloads its CSV and checks the figures, disputes line 1 with a PDF; New York upholds it;
 * Vertex sees the reversal on the next statement and records a payment; Genetix cannot reach
 * Vertex's statement. Every page is checked with axe; any console error or outside request fails.
 */
// A step of a browser journey drives several pages, uploads and axe scans (seconds each on a loaded
// 2-core machine): two minutes per step instead of the API tests' one. Every wait inside is on a
// condition, never a sleep.
jest.setTimeout(120_000);

describe('portal journeys in the browser', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let browser: Browser;
  const tabs: PortalTab[] = [];
  const password = 'portal-password-1';
  const shared = { disputeId: '' };

  async function signedIn(email: string): Promise<Page> {
    const tab = await openTab(browser, api.url);
    tabs.push(tab);
    await signInThroughForm(tab.page, email, password);
    return tab.page;
  }

  async function accessible(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect({ page: name, violations: await seriousA11yViolations(page) }).toEqual({ page: name, violations: [] });
  }

  beforeAll(async () => {
    const portalDir = ensurePortalBuild();
    db = await createTestDatabase();
    const config = testConfig(db.url, {
      PORTAL_DIR: portalDir,
      FIXED_TIME: '2027-06-15T12:00:00Z',
      STATEMENT_AUTO_ISSUE: 'false',
    });
    api = await startApi(config);
    worker = await startWorker(config);
    const vertex = await manufacturerIdOf(db.url, '51167');
    const genetix = await manufacturerIdOf(db.url, '73554');
    await insertUser(db.url, { email: 'ny@test.gov', password, role: Role.STATE_STAFF, stateCode: 'NY' });
    await insertUser(db.url, { email: 'coord@test.gov', password, role: Role.FEDERAL_COORDINATOR });
    await insertUser(db.url, {
      email: 'v@vertex.test',
      password,
      role: Role.MANUFACTURER_STAFF,
      manufacturerId: vertex,
    });
    await insertUser(db.url, {
      email: 'g@genetix.test',
      password,
      role: Role.MANUFACTURER_STAFF,
      manufacturerId: genetix,
    });
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' });
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const [i, tab] of tabs.splice(0).entries()) {
      // The last state of each tab, for reading a failure.
      await screenshot(tab.page, `last-tab-${i}`).catch(() => undefined);
      await tab.context.close();
      expect(tab.problems).toEqual([]);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it('New York uploads the claim files (drop and file picker) and sees each completed with its counts in words', async () => {
    const page = await signedIn('ny@test.gov');
    await page.getByRole('heading', { name: 'Claim files of NY' }).waitFor();
    await page.getByText('No claim file has been submitted yet.').waitFor();
    await accessible(page, 'state-claim-files-empty');

    for (const [i, file] of NY_FILES.entries()) {
      const content = readFileSync(join(FIXTURES, file), 'latin1');
      if (i === 0) {
        // Drag and drop: a drop event carrying the file, as the browser makes it.
        // (Evaluated in the page: this file is type-checked without the DOM library.)
        const dataTransfer = await page.evaluateHandle(
          `(() => { const t = new DataTransfer(); t.items.add(new File([${JSON.stringify(content)}], ${JSON.stringify(file)}, { type: 'text/plain' })); return t; })()`,
        );
        await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
      } else {
        await page.getByLabel('Choose a file').setInputFiles(join(FIXTURES, file));
      }
      const result = page.getByTestId('upload-result');
      await result.getByText(file).waitFor();
      await result.getByTestId('upload-status').filter({ hasText: 'Completed' }).waitFor();
      expect(await result.textContent()).toMatch(/\d+ records?, \d+ claims?, \d+ gene-therapy lines?/);
    }
    await page.getByRole('table').getByRole('link', { name: NY_FILES[0] }).waitFor();
    await accessible(page, 'state-claim-files');
  });

  it('New York reads the exceptions of a file, filters them, downloads them, and sees its episodes', async () => {
    const page = await signedIn('ny@test.gov');
    await page.getByRole('table').getByRole('link', { name: NY_FILES[0] }).click();
    await page.getByRole('heading', { name: NY_FILES[0] }).waitFor();
    const exceptions = page.getByRole('table', { name: /exceptions/ });
    await exceptions.waitFor();
    // The worked example's exceptions for this file (M and K), in words, never as bare codes.
    const rows = await exceptions.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toMatch(/NY2026030100018/);
    expect(rows.join('\n')).toMatch(/NY2026030100019/);
    for (const cell of await exceptions.locator('tbody td:nth-child(3)').allTextContents()) {
      expect(cell.length).toBeGreaterThan(3);
    }
    // Filter by kind: one of the two.
    const kinds = await page.getByLabel('Kind').locator('option').allTextContents();
    expect(kinds).toHaveLength(3);
    await page.getByLabel('Kind').selectOption({ label: kinds[1] });
    await exceptions.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    expect(await exceptions.locator('tbody tr').count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download exceptions (CSV)' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('NY2026030100018');
    expect(csv).toContain('NY2026030100019');
    await accessible(page, 'state-submission');

    await page.getByRole('link', { name: 'Episodes' }).click();
    await page.getByRole('heading', { name: 'Episodes of NY' }).waitFor();
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    await accessible(page, 'state-episodes');
  });

  it('the coordinator issues 2026Q1 and 2026Q4 and sees the program charts', async () => {
    const page = await signedIn('coord@test.gov');
    await page.getByRole('heading', { name: 'Program overview' }).waitFor();
    for (const quarter of ['2026Q1', '2026Q4']) {
      await page.getByLabel('Quarter (e.g. 2026Q1)').fill(quarter);
      await page.getByRole('button', { name: 'Issue statements' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `CGT-NY-51167-${quarter}` })
        .waitFor();
    }
    // Charts drawn by Recharts as SVG with bars.
    await page.locator('[data-testid="chart"] .recharts-bar-rectangle').first().waitFor();
    expect(await page.getByTestId('chart').count()).toBe(5);
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(5);
    await accessible(page, 'coordinator-dashboard');
  });

  it('Vertex opens its statement, downloads the CSV with the right figures and disputes line 1 with a PDF', async () => {
    const page = await signedIn('v@vertex.test');
    await page.getByRole('heading', { name: 'Statements' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: Q1 });
    await row.waitFor();
    expect(await row.textContent()).toContain('$220,000.00');
    await accessible(page, 'manufacturer-statements');

    await row.getByRole('link', { name: Q1 }).click();
    await page.getByRole('heading', { name: `Statement ${Q1}` }).waitFor();
    await page.getByTestId('statement-total').filter({ hasText: '$220,000.00' }).waitFor();
    await page.locator('[data-testid="chart"] .recharts-bar-rectangle').first().waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe(CSV_HEADER);
    expect(csv).toHaveLength(2);
    const fields = csv[1].split(',');
    expect([fields[0], fields[1], fields[2], fields[3], fields[4], fields[7], fields[8], fields[9]]).toEqual([
      Q1,
      'NY',
      '51167',
      'CASGEVY',
      '51167029009',
      'GUARANTEED',
      '2026Q1',
      '220000.00',
    ]);
    // The PDF, as the browser saved it: statement number, total and the remit-to block.
    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    expect(pdfDownload.suggestedFilename()).toBe(`${Q1}.pdf`);
    const pdf = (await pdfText(readFileSync(await pdfDownload.path()))).pages.join('\n');
    expect(pdf).toContain(`Rebate statement ${Q1}`);
    expect(pdf).toContain('$220,000.00');
    expect(pdf).toContain('Remit to');
    // The workbook: its lines carry the ledger entry ids and its totals equal the ledger.
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Excel' }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsxDownload.path());
    const ledger = await queryRows<{ id: string; amount: string }>(
      db.url,
      `SELECT id::text, amount::text FROM ledger_entry WHERE labeler_code = '51167' AND state_code = 'NY' AND statement_quarter = '2026Q1'`,
    );
    const lineIds: string[] = [];
    book.getWorksheet('Lines')?.eachRow((row, n) => n > 1 && lineIds.push(row.getCell(2).text));
    expect(lineIds.sort()).toEqual(ledger.map((r) => r.id).sort());
    let workbookTotal = '';
    book.getWorksheet('Totals')?.eachRow((row) => {
      if (row.getCell(2).text === 'TOTAL') workbookTotal = (row.getCell(4).value as number).toFixed(2);
    });
    const ledgerCents = ledger.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
    expect(workbookTotal).toBe((ledgerCents / 100).toFixed(2));
    expect(workbookTotal).toBe('220000.00');

    // The line the CSV shows is line 1 of the page, same episode.
    const line1 = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Dispute line 1' }) });
    expect(await line1.textContent()).toContain(fields[5]);
    await accessible(page, 'manufacturer-statement');

    await page.getByRole('button', { name: 'Dispute line 1' }).click();
    await page.getByRole('heading', { name: /Dispute line 1/ }).waitFor();
    await page.getByLabel('Reason').selectOption('U');
    await page.getByLabel('Explanation').fill('The beneficiary was not eligible on the administration date.');
    const letter = letterPdf();
    const sha256 = createHash('sha256').update(letter).digest('hex');
    await page
      .getByLabel(/Supporting documents/)
      .setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: letter });
    await page.getByText(sha256).waitFor();
    await accessible(page, 'manufacturer-dispute-form');
    // The letter goes up as a real multipart file part, not base64 in GraphQL.
    const posted = page.waitForRequest(
      (r) => r.method() === 'POST' && /\/v1\/statements\/[^/]+\/disputes$/.test(r.url()),
    );
    await page.getByRole('button', { name: 'Open dispute' }).click();
    expect((await posted).headers()['content-type']).toMatch(/^multipart\/form-data; boundary=/);

    await page.getByRole('heading', { name: `Dispute on ${Q1}` }).waitFor();
    shared.disputeId = page.url().split('/').pop() ?? '';
    expect(await page.getByTestId('dispute-status').textContent()).toContain('Open');
    await page.getByRole('cell', { name: sha256 }).waitFor();
    await accessible(page, 'manufacturer-dispute');
    // The aging cards count every open dispute in scope (the server's disputeAging).
    await page.getByRole('link', { name: 'Disputes', exact: true }).click();
    const young = page.getByTestId('aging-0-30 days');
    await young.filter({ hasText: '$220,000.00' }).waitFor();
    expect(await young.locator('.figure').textContent()).toBe('1');
  });

  it('Genetix cannot reach Vertex’s statement, in the page or by its download address', async () => {
    const page = await signedIn('g@genetix.test');
    await page.getByRole('heading', { name: 'Statements' }).waitFor();
    await page.getByText('No statements match.').waitFor();
    await page.goto(`/statements/${Q1}`);
    await page
      .getByRole('alert')
      .filter({ hasText: /not found/i })
      .waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    const status = await page.evaluate(async (n) => (await fetch(`/v1/statements/${n}.csv`)).status, Q1);
    expect(status).toBe(404);
  });

  it('New York upholds the dispute', async () => {
    const page = await signedIn('ny@test.gov');
    await page.getByRole('link', { name: 'Disputes' }).click();
    await page.getByRole('link', { name: Q1 }).click();
    await page.getByRole('heading', { name: `Dispute on ${Q1}` }).waitFor();
    await accessible(page, 'state-dispute');
    await page.getByLabel(/Uphold/).check();
    await page.getByLabel(/What the line should have been/).fill('0.00');
    await page.getByLabel('Note to the manufacturer').fill('Confirmed: not eligible that day.');
    await page.getByRole('button', { name: 'Uphold dispute' }).click();
    await page.getByTestId('dispute-resolution').filter({ hasText: 'Upheld' }).waitFor();
  });

  it('Vertex sees the reversal on the next statement and records a payment', async () => {
    const page = await signedIn('v@vertex.test');
    await page.goto('/statements/CGT-NY-51167-2027Q2');
    const lines = page.getByRole('table', { name: /the line number is the one a dispute refers to/ });
    const reversal = lines.getByRole('row').filter({ hasText: 'Dispute resolution' });
    await reversal.waitFor();
    expect(await reversal.textContent()).toContain('-$220,000.00');

    await page.goto('/statements/CGT-NY-51167-2026Q4');
    await page.getByTestId('balance-outstanding').filter({ hasText: '$1,100,000.00' }).waitFor();
    await page.getByLabel('Amount (dollars)').fill('400,000.00');
    await page.getByLabel('Received on').fill('2027-06-15');
    await page.getByLabel(/Reference/).fill('WIRE-2027-0001');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByTestId('balance-outstanding').filter({ hasText: '$700,000.00' }).waitFor();
    expect(await page.getByTestId('statement-status').textContent()).toContain('Partially paid');
    await page.getByRole('cell', { name: 'WIRE-2027-0001' }).waitFor();
    await accessible(page, 'manufacturer-payment');

    await page.getByRole('link', { name: 'Disputes' }).click();
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('link', { name: Q1 }).waitFor();
    await accessible(page, 'manufacturer-disputes');
  });
});
