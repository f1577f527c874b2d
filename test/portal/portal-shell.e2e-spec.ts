import type { Browser } from 'playwright-core';
import { Role } from '@lib/common';
import { createTestDatabase, insertUser, startApi, testConfig, type RunningApi, type TestDatabase } from '@lib/testing';
import {
  launchChromium,
  openTab,
  screenshot,
  seriousA11yViolations,
  signInThroughForm,
  type PortalTab,
} from './support/browser';
import { ensurePortalBuild } from './support/portal-build';

/**
 * The portal shell (README "Portal"): the API serves the built portal on its own origin with CSP 'self',
 * portal routes fall back to the page without swallowing the API's paths, and one cookie session
 * signs in and out (the same session the console uses).
 */
describe('portal shell: served by the API, sign-in and sign-out', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let browser: Browser;
  let tab: PortalTab;
  const user = { email: 'ny@test.gov', password: 'portal-password-1' };

  beforeAll(async () => {
    const portalDir = ensurePortalBuild();
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url, { PORTAL_DIR: portalDir }));
    await insertUser(db.url, { ...user, role: Role.STATE_STAFF, stateCode: 'NY', displayName: 'Nora York' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  beforeEach(async () => {
    tab = await openTab(browser, api.url);
  });

  afterEach(async () => {
    await tab.context.close();
    expect(tab.problems).toEqual([]);
  });

  it('serves the page with CSP self at / and at portal routes, and leaves the API paths alone', async () => {
    for (const path of ['/', '/statements/CGT-NY-51167-2026Q1', '/submissions']) {
      const response = await fetch(`${api.url}${path}`);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
      const html = await response.text();
      expect(html).toContain('<div id="root"></div>');
      // No inline script and nothing from another host.
      expect(html).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/)[^>]*>/);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    expect((await fetch(`${api.url}/v1/session`)).status).toBe(401);
    expect((await fetch(`${api.url}/health`)).headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${api.url}/console`)).headers.get('content-security-policy')).toContain("'unsafe-eval'");
    expect((await fetch(`${api.url}/v1/no-such-route`)).status).toBe(404);
    expect((await fetch(`${api.url}/assets/no-such-file.js`)).status).toBe(404);
  });

  it('refuses a wrong password in words, signs in, survives a reload and signs out server-side', async () => {
    const { page } = tab;
    await page.goto('/');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');

    await signInThroughForm(page, user.email, user.password);
    await page.getByText('Nora York').waitFor();
    const cookie = (await tab.context.cookies()).find((c) => c.name === 'cgt_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate<string>('document.cookie')).not.toContain('cgt_session');

    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The console shares the session: the same cookie answers GET /v1/session.
    const session = await page.evaluate(
      async () => (await fetch('/v1/session')).json() as Promise<{ user: { email: string } }>,
    );
    expect(session.user.email).toBe(user.email);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Ended on the server: the old cookie value no longer works.
    const ended = await fetch(`${api.url}/v1/session`, { headers: { cookie: `cgt_session=${cookie?.value ?? ''}` } });
    expect(ended.status).toBe(401);
  });

  it('works by keyboard alone: sign in, skip to the page, follow the navigation, sign out', async () => {
    const { page } = tab;
    await page.goto('/');
    await page.getByLabel('Email').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The first Tab reaches the skip link; Enter moves focus to the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');
    // Tabbing from the top reaches the navigation; Enter follows a link.
    await page.locator('body').focus();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate<string>('document.activeElement.textContent')) === 'Episodes') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Episodes of NY' }).waitFor();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Shift+Tab');
      if ((await page.evaluate<string>('document.activeElement.textContent')) === 'Sign out') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});
