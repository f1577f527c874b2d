import type { Browser, Page } from 'playwright-core';
import { Role } from '@lib/common';
import { createTestDatabase, insertUser, startApi, testConfig, type RunningApi, type TestDatabase } from '@lib/testing';
import { launchChromium, openTab, screenshot, type PortalTab } from './support/browser';

const PASSWORD = 'console-pass-1';

/** The tab strip of GraphiQL: operation names, the active one marked with "*". */
async function tabs(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const tab of await page.locator('.graphiql-tab').all()) {
    const name = ((await tab.locator('.graphiql-tab-button').textContent()) ?? '').trim();
    names.push(((await tab.getAttribute('aria-selected')) === 'true' ? '*' : '') + name);
  }
  return names;
}

/** Waits until the first tab is the given operation (GraphiQL renders afresh after each sign-in). */
async function firstTabIs(page: Page, operation: string): Promise<void> {
  await page.locator('.graphiql-tab').first().locator('.graphiql-tab-button', { hasText: operation }).waitFor();
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('#sign-in button[type=submit]');
  await page.locator('#who', { hasText: email }).waitFor();
}

/**
 * The GraphQL console in a real browser: before sign-in it offers the sign-in example; signed in,
 * it opens the first example of the user's role, ready to run, and a later sign-in of another
 * user never shows the previous user's tabs.
 */
describe('GraphQL console in the browser: examples per role, the first one open', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let browser: Browser;
  let tab: PortalTab;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    await insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY', password: PASSWORD });
    await insertUser(db.url, { email: 'coordinator@test.gov', role: Role.FEDERAL_COORDINATOR, password: PASSWORD });
    browser = await launchChromium();
    tab = await openTab(browser, api.url);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  it('before sign-in: the sign-in example is open', async () => {
    await tab.page.goto('/console');
    await tab.page.waitForSelector('.graphiql-tab');
    expect(await tabs(tab.page)).toEqual(['*SignIn', 'WhoAmI']);
  });

  it("signed in as state staff: the state's first example is open and runs", async () => {
    await signIn(tab.page, 'ny@test.gov');
    await firstTabIs(tab.page, 'ClaimSubmissions');
    const names = await tabs(tab.page);
    expect(names[0]).toBe('*ClaimSubmissions');
    expect(names).toContain('SubmitClaimFile');
    expect(names).not.toContain('SignIn');
    // Its variables are filled in: the state's own code.
    const variables = tab.page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines', {
      hasText: 'stateCode',
    });
    await variables.waitFor();
    expect(((await variables.textContent()) ?? '').replace(/[\s\u00a0]+/g, '')).toContain('"stateCode":"NY"');
    await tab.page.click('.graphiql-execute-button');
    await tab.page.locator('.graphiql-response', { hasText: 'totalCount' }).waitFor();
    const response = await tab.page.innerText('.graphiql-response');
    expect(response).toContain('"claimSubmissions"');
    expect(response).not.toContain('"errors"');
    await screenshot(tab.page, 'console-state-staff');
  });

  it("after sign-out and the coordinator's sign-in: the coordinator's examples only, the dashboard open", async () => {
    await tab.page.click('#sign-out');
    await tab.page.locator('#sign-in').waitFor({ state: 'visible' });
    await firstTabIs(tab.page, 'SignIn');
    expect((await tabs(tab.page))[0]).toBe('*SignIn');
    await signIn(tab.page, 'coordinator@test.gov');
    await firstTabIs(tab.page, 'ProgramDashboard');
    const names = await tabs(tab.page);
    expect(names[0]).toBe('*ProgramDashboard');
    expect(names).toContain('AuditTrail');
    expect(names.filter((n) => n.startsWith('*'))).toHaveLength(1);
    expect(tab.problems).toEqual([]);
  });
});
