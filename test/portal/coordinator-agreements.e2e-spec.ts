import type { Browser, Page } from 'playwright-core';
import { casgevyTerms, NegotiationService } from '@lib/agreements';
import { Dec, Role, systemActor } from '@lib/common';
import {
  casgevyClaimFile,
  createTestDatabase,
  executedCasgevyAgreement,
  insertUser,
  queryRows,
  signIn,
  startApi,
  startWorker,
  submitClaimFileAndWait,
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

const Q1 = 'CGT-NY-51167-2026Q1';

/**
 * The coordinator's agreements in Debian's Chromium against the real API and worker (fixed
 * "today" 2027-06-15): the list of agreements, an agreement's versions and the side-by-side diff
 * of its original terms and a proposed amendment, issuing 2026Q1 for New York and Vertex from
 * the statements page, and closing contract year 2026 with a confirmation step, by keyboard. The
 * auditor reads the same pages without the actions. One New York administration (2026-03-10)
 * under terms whose first volume tier is one treatment at 5 % (110,000.00 at the close).
 */
jest.setTimeout(120_000);

describe('portal: agreements, issuing statements and closing a contract year', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let browser: Browser;
  let agreementId = '';
  const tabs: PortalTab[] = [];
  const password = 'portal-password-1';

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

  const activeText = (page: Page) => page.evaluate<string>('document.activeElement?.textContent ?? ""');

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
    await insertUser(db.url, { email: 'ny@test.gov', password, role: Role.STATE_STAFF, stateCode: 'NY' });
    await insertUser(db.url, { email: 'coord@test.gov', password, role: Role.FEDERAL_COORDINATOR });
    await insertUser(db.url, { email: 'audit@test.gov', password, role: Role.AUDITOR });
    const terms = casgevyTerms({ volumeTiers: [{ minTreatments: 1, additionalRebatePct: new Dec('0.05') }] });
    ({ agreementId } = await executedCasgevyAgreement(
      api.app,
      { stateCode: 'NY', effectiveFrom: '2026-01-01' },
      terms,
    ));
    // Version 2: an amendment under negotiation raising the cap and the tier.
    await api.app.get(NegotiationService).proposeAmendment(
      { ...systemActor('test'), kind: 'user', role: Role.FEDERAL_COORDINATOR, label: 'coord@test.gov' },
      {
        agreementId,
        effectiveFrom: '2027-07-01',
        terms: casgevyTerms({
          supplementalCapPct: new Dec('0.80'),
          volumeTiers: [{ minTreatments: 1, additionalRebatePct: new Dec('0.06') }],
        }),
      },
    );
    const submitted = await submitClaimFileAndWait(
      { url: api.url, databaseUrl: db.url, token: await signIn(api.url, 'ny@test.gov', password) },
      'NY',
      'ny-march.txt',
      casgevyClaimFile({ fips: '36', start: '2026-03-01', end: '2026-03-31', sequence: 1 }, [
        { icn: 'NY20260310CGT0001', msisId: 'NYMSIS000001', date: '2026-03-10' },
      ]),
    );
    expect(submitted.status).toBe('COMPLETED');
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const [i, tab] of tabs.splice(0).entries()) {
      await screenshot(tab.page, `last-agreements-tab-${i}`).catch(() => undefined);
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

  it('the coordinator lists the agreements and compares two versions side by side', async () => {
    const page = await signedIn('coord@test.gov');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agreements' }).click();
    await page.getByRole('heading', { name: 'Agreements', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Casgevy' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual([
      expect.stringMatching(/^Casgevy \(exagamglogene autotemcel/),
      expect.stringContaining('labeler 51167'),
      'Executed',
      'Jan 1, 2025 to Dec 31, 2030',
      '1: NY',
    ]);
    await accessible(page, 'coordinator-agreements');

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: /^Agreement for Casgevy/ }).waitFor();
    const versions = page.getByRole('table', { name: 'Versions of the term sheet, oldest first' });
    expect(await versions.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^Version 1Original termsExecuted/),
      expect.stringMatching(/^Version 2Amendment 1, from Jul 1, 2027Proposed/),
    ]);
    // Version 1 on the left, version 2 on the right: the cap and the tier changed.
    const diff = page.getByRole('table', { name: /differences? between version 1 and version 2/ });
    await diff.waitFor();
    const header = await diff.locator('thead th').allTextContents();
    expect(header).toEqual(['Term', 'Version 1', 'Version 2', 'Change']);
    const rows: string[][] = [];
    for (const tr of await diff.locator('tbody tr').all()) rows.push(await tr.locator('th, td').allTextContents());
    expect(rows).toEqual([
      ['amendmentEffectiveFrom', '(none)', '2027-07-01', 'Changed'],
      ['supplementalCapPct', '0.75', '0.8', 'Changed'],
      ['volumeTiers[1].additionalRebatePct', '0.05', '0.06', 'Changed'],
    ]);
    await accessible(page, 'coordinator-agreement');

    // Swapping the sides by keyboard: the right version becomes 1, the left 2.
    await page.getByLabel('Left version').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByLabel('Right version').selectOption('1');
    await page.getByRole('table', { name: /between version 2 and version 1/ }).waitFor();
  });

  it('the coordinator issues 2026Q1 for New York and Vertex from the statements page and sees what was issued', async () => {
    const page = await signedIn('coord@test.gov');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statements' }).click();
    const form = page.getByRole('form', { name: 'Issue statements for a quarter' });
    await form.waitFor();
    await accessible(page, 'coordinator-statements-issue');
    await form.getByLabel('Quarter (e.g. 2026Q1)').fill('2026Q1');
    await form.getByLabel('State (optional, e.g. NY)').fill('ny');
    await form.getByLabel('Labeler code (optional, 5 digits)').fill('51167');
    await form.getByRole('button', { name: 'Issue statements' }).click();
    const issued = form.getByRole('status');
    await issued.filter({ hasText: `Issued 1 statement for 2026Q1: ${Q1}.` }).waitFor();
    expect(await issued.getByRole('listitem').allTextContents()).toEqual([
      `${Q1}: NY, labeler 51167, total $220,000.00`,
    ]);
    // The list below shows it issued.
    await page.getByRole('row').filter({ hasText: Q1 }).filter({ hasText: 'Issued' }).waitFor();
    const [statement] = await queryRows<{ status: string }>(db.url, 'SELECT status FROM statement WHERE number = $1', [
      Q1,
    ]);
    expect(statement.status).toBe('ISSUED');
    // Nothing left to issue.
    await form.getByRole('button', { name: 'Issue statements' }).click();
    await issued.filter({ hasText: 'No draft statement to issue for 2026Q1.' }).waitFor();
    await accessible(page, 'coordinator-statements-issued');
  });

  it('the coordinator closes contract year 2026 by keyboard, after a confirmation, and sees the result', async () => {
    const page = await signedIn('coord@test.gov');
    await page.goto(`/agreements/${agreementId}`);
    await page.getByText('No contract year has been closed.').waitFor();
    await page.getByLabel('Contract year (e.g. 2026)').focus();
    await page.keyboard.type('2026');
    await page.keyboard.press('Enter');
    // The confirmation takes focus and says what will happen; Cancel closes nothing.
    await page.getByRole('heading', { name: 'Close contract year 2026 of Casgevy?' }).waitFor();
    expect(await activeText(page)).toBe('Close contract year 2026 of Casgevy?');
    await accessible(page, 'coordinator-close-year-confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await queryRows(db.url, 'SELECT id FROM contract_year_close')).toEqual([]);

    await page.getByRole('button', { name: 'Close contract year…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Close contract year 2026 of Casgevy?' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Yes, close 2026');
    await page.keyboard.press('Enter');
    const result = page.getByRole('status').filter({ hasText: 'Contract year 2026 closed on Jun 15, 2027' });
    await result.waitFor();
    expect(await result.textContent()).toContain(
      '1 eligible episode, volume tier from 1 treatments reached (5% of WAC).',
    );
    expect(await result.getByRole('listitem').allTextContents()).toEqual(['NY: 1 ledger entry appended, $110,000.00']);
    const history = page.getByRole('table', { name: 'Contract year closes, newest first' });
    await history.waitFor();
    expect(await history.locator('tbody tr').allTextContents()).toEqual([
      '2026Closed (in force)Jun 15, 2027coord@test.gov1From 1 treatments: 5% of WACNY $110,000.00',
    ]);
    const closes = await queryRows<{ closed_by_label: string; tier_pct: string }>(
      db.url,
      'SELECT closed_by_label, tier_pct::text FROM contract_year_close',
    );
    expect(closes).toEqual([{ closed_by_label: 'coord@test.gov', tier_pct: '0.05' }]);
    await accessible(page, 'coordinator-close-year');

    // Again: the API refuses in words, nothing changes.
    await page.getByRole('button', { name: 'Close contract year…' }).click();
    await page.getByRole('button', { name: 'Yes, close 2026' }).click();
    await page.getByRole('alert').filter({ hasText: 'is already closed' }).waitFor();
    expect(await queryRows(db.url, 'SELECT id FROM contract_year_close')).toHaveLength(1);
  });

  it('the auditor reads the agreements and the statements without the actions', async () => {
    const page = await signedIn('audit@test.gov');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agreements' }).click();
    await page.getByRole('row').filter({ hasText: 'Casgevy' }).getByRole('link').click();
    await page.getByRole('table', { name: 'Contract year closes, newest first' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Close a contract year' }).count()).toBe(0);
    await accessible(page, 'auditor-agreement');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statements' }).click();
    await page.getByRole('row').filter({ hasText: Q1 }).waitFor();
    expect(await page.getByRole('form', { name: 'Issue statements for a quarter' }).count()).toBe(0);
  });
});
