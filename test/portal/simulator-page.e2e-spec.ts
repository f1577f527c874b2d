import type { Browser } from 'playwright-core';
import { casgevyTerms } from '@lib/agreements';
import { Dec, Role, systemActor, type Actor } from '@lib/common';
import { ProductsService } from '@lib/reference';
import { SimulationsService } from '@lib/simulator';
import {
  createTestDatabase,
  executedCasgevyAgreement,
  insertUser,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';
import { launchChromium, openTab, screenshot, seriousA11yViolations, signInThroughForm } from './support/browser';
import { ensurePortalBuild } from './support/portal-build';

/**
 * The portal's simulator page (README "Term-sheet simulator"): a coordinator opens a stored
 * comparison of the executed terms with a counter-offer (cap 50 %) and sees the fan chart of net
 * spend per year, the per-state bars, the comparison and the sensitivity table. The run is made
 * by the simulator service in the API's process (the worker path has its own e2e test).
 */
describe('portal: a term-sheet simulation with its charts', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let browser: Browser;
  let simulationId = '';
  const user = { email: 'coord@test.gov', password: 'portal-password-1' };

  beforeAll(async () => {
    const portalDir = ensurePortalBuild();
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url, { PORTAL_DIR: portalDir }));
    await insertUser(db.url, { ...user, role: Role.FEDERAL_COORDINATOR, displayName: 'Cora Ordinator' });
    const { agreementId } = await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' });
    const coordinator: Actor = {
      ...systemActor('test'),
      kind: 'user',
      role: Role.FEDERAL_COORDINATOR,
      label: user.email,
    };
    const casgevy = await api.app.get(ProductsService).productByCode('CASGEVY');
    const simulations = api.app.get(SimulationsService);
    const queued = await simulations.simulate(coordinator, {
      label: 'Cap 75 % against a 50 % counter-offer',
      subject: { agreementId },
      compareWith: { productId: casgevy!.id, terms: casgevyTerms({ supplementalCapPct: new Dec('0.50') }) },
      startYear: 2026,
      horizonYears: 3,
      trials: 300,
      sensitivityTrials: 100,
      seed: 3,
      states: ['NY', 'TX', 'CA'].map((stateCode) => ({
        stateCode,
        treated: { distribution: 'POISSON' as const, perYear: 8, dispersion: null },
        failure: [{ benchmarkCode: 'VOE12', hazard: [{ fromMonth: 0, monthlyProbability: 0.04 }] }],
      })),
    });
    simulationId = queued.id;
    expect(await simulations.run(simulationId)).toBe('COMPLETED');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  it('lists the run and shows the fan chart, the state bars and the comparison', async () => {
    const tab = await openTab(browser, api.url);
    const { page } = tab;
    await signInThroughForm(page, user.email, user.password);
    await page.getByRole('link', { name: 'Simulations' }).click();
    await page.getByRole('heading', { name: 'Term-sheet simulations' }).waitFor();
    await page
      .getByRole('table', { name: 'Simulations, newest first' })
      .waitFor()
      .catch(async () => {
        throw new Error(`The list did not show: ${await page.locator('main').innerText()}`);
      });
    await page.getByRole('link', { name: 'Cap 75 % against a 50 % counter-offer' }).click();
    await page.getByRole('heading', { name: 'Cap 75 % against a 50 % counter-offer' }).waitFor();
    await page.getByText('Net spend per year, A (all states)').waitFor();
    await page.getByText('Net spend per year, B (all states)').waitFor();
    await page.getByText('Mean net spend per state: A and B').waitFor();
    await page.locator('.recharts-surface').nth(2).waitFor();
    const comparison = page.getByRole('table', { name: 'Comparison: B minus A' });
    expect(await comparison.getByRole('row').count()).toBe(5); // header, all states, NY, TX, CA
    await page.getByRole('table', { name: /What drives the difference/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      `/v1/simulations/${simulationId}.csv`,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'simulation');
    await tab.context.close();
    expect(tab.problems).toEqual([]);
  });
});
