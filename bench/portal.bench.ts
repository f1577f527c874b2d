/**
 * npm run bench:portal [-- --url http://127.0.0.1:3000 --runs 5]
 *
 * The portal on the demo dataset (start `npm run demo` first): the gzip size of its initial
 * JavaScript against the 300 KB budget, then, in Debian's Chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium), the time from navigation to the page showing its data for the key page of
 * each user, median and worst of --runs loads. The raw reference measured in the same run is the
 * time of the page's shell alone (index.html and its scripts up to the first render of the
 * layout), so a slow figure can be told apart from a slow machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../apps/cli/src/seed/demo-users';

const ROOT = join(__dirname, '..', '..');

interface Journey {
  who: string;
  email: string;
  page: (page: Page) => Promise<string>;
  ready: string;
}

const JOURNEYS: Journey[] = [
  {
    who: 'state analyst: claim files',
    email: 'analyst@health.ny.example.gov',
    page: () => Promise.resolve('/submissions'),
    ready: 'table caption',
  },
  {
    who: 'manufacturer: statements',
    email: 'contracts@vertex.example.com',
    page: () => Promise.resolve('/statements'),
    ready: 'table tbody tr a',
  },
  {
    who: 'manufacturer: largest statement',
    email: 'contracts@vertex.example.com',
    page: async (page) => {
      await page.goto('/statements');
      await page.locator('table tbody tr a').first().waitFor();
      return `/statements/${(await page.locator('table tbody tr a').first().textContent()) ?? ''}`;
    },
    ready: '[data-testid="statement-total"]',
  },
  {
    who: 'coordinator: program overview',
    email: 'coordinator@cms.example.gov',
    page: () => Promise.resolve('/dashboard'),
    ready: '.recharts-bar-rectangle',
  },
];

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]} ms, worst ${sorted[sorted.length - 1]} ms`;
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--url <url>', 'the running demo', 'http://127.0.0.1:3000')
    .option('--runs <n>', 'loads per page', '5')
    .parse()
    .opts<{ url: string; runs: string }>();
  const runs = Math.max(1, Number(options.runs));

  const budget = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'portal', 'bundle-budget.mjs'), join(ROOT, 'dist', 'portal')],
    {
      encoding: 'utf8',
    },
  );
  process.stdout.write(budget.stdout + budget.stderr);

  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`No Chromium at ${executablePath}`);
  const browser = await chromium.launch({
    executablePath,
    args: ['--disable-background-networking', '--disable-component-update', '--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    for (const journey of JOURNEYS) {
      const context = await browser.newContext({ baseURL: options.url });
      const signIn = await context.request.post('/v1/session', {
        data: { email: journey.email, password: DEMO_PASSWORD },
        headers: { origin: options.url },
      });
      if (!signIn.ok()) throw new Error(`sign-in of ${journey.email} failed: ${signIn.status()}`);
      const page = await context.newPage();
      const path = await journey.page(page);
      const shell: number[] = [];
      const data: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = Date.now();
        await page.goto(path);
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        shell.push(Date.now() - started);
        await page.locator(journey.ready).first().waitFor();
        data.push(Date.now() - started);
      }
      console.log(`${journey.who} (${path}): data shown ${stats(data)}; shell alone ${stats(shell)}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
