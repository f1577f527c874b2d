import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'var', 'portal-screenshots');

/** Debian's chromium (installed by .ci/run), headless, with no traffic of its own. */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--no-first-run',
    ],
  });
}

/**
 * A browser tab on the portal that records what must never happen: a console error, an uncaught
 * page error, or a request to any host but the app's. Tests assert `problems` is empty.
 */
/** How long a page wait may take before the test fails: minutes, not seconds (slow machines). */
export const PAGE_WAIT_LIMIT_MS = 300_000;

export interface PortalTab {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

export async function openTab(browser: Browser, baseUrl: string): Promise<PortalTab> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  // Waits end when the page shows what they wait for; their limit only catches a page that never
  // will, so it is far above any machine's speed (jest.config.js "testTimeout" likewise).
  context.setDefaultTimeout(PAGE_WAIT_LIMIT_MS);
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('console', (message) => {
    // Chromium logs every 4xx response as "Failed to load resource"; the portal answers those in
    // its own words (sign-in refused, not found), so only other errors count. 5xx count below.
    const text = message.text();
    if (
      message.type() === 'error' &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)
    ) {
      problems.push(`console error: ${text}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`server error ${response.status()}: ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) problems.push(`request to another host: ${url}`);
  });
  return { context, page, problems };
}

/** Saves a full-page screenshot under var/portal-screenshots (and docs/portal with PORTAL_DOC_SCREENSHOTS=1). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  if (process.env.PORTAL_DOC_SCREENSHOTS === '1') {
    const docs = join(ROOT, 'docs', 'portal');
    mkdirSync(docs, { recursive: true });
    await page.screenshot({ path: join(docs, `${name}.png`), fullPage: false });
  }
}

/** Serious and critical axe-core violations of the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Signs in through the portal's form. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
