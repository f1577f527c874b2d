import { casgevyTerms, ParticipationService } from '@lib/agreements';
import { Dec, systemActor } from '@lib/common';
import {
  casgevyClaimFile,
  executedCasgevyAgreement,
  graphql,
  graphqlOk,
  inpatientClaimFile,
  parseCsv,
  queryRows,
  signInCast,
  startTestStack,
  stopTestStack,
  type ClaimFilePeriod,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

/**
 * The term-sheet simulator through HTTP and the real worker. The central check (README
 * "Term-sheet simulator", Exactness): one trial with fixed events equals what the ledger accrues
 * for the same claims, run through the real pipeline (claim files, reconciliation, the year
 * close). Terms: WAC 2,200,000.00, guaranteed 10 %, cap 75 % (1,650,000.00), VOE12 tiers
 * 12/24/36 months at 50/30/15 %, a volume tier of 20 % from 3 treatments: the close gives each
 * 2026 episode VOLUME 440,000.00 and cuts New York's first outcome (1,100,000.00) to
 * 1,650,000 - 220,000 - 440,000 = 990,000.00 (cap order GUARANTEED, VOLUME, OUTCOME).
 * Clock: 2027-02-15.
 */
const TERMS = casgevyTerms({ volumeTiers: [{ minTreatments: 3, additionalRebatePct: new Dec('0.20') }] });
const FIPS: Record<string, string> = { NY: '36', TX: '48' };

const SIMULATE = `mutation($input: SimulateTermSheetInput!) { simulateTermSheet(input: $input) { id status seed } }`;
const RESULT = `query($id: ID!) { termSheetSimulation(id: $id) {
  id status failureReason seed trials specSha256 reproduces elapsedMs
  assumptions { stateCode treated { distribution perYear source note } failure { benchmarkCode source note } }
  result { trials total { treatedPatients { mean } guaranteed { mean } volume { mean } outcome { mean } rebates { mean p5 p50 p95 }
           net { mean p5 p50 p95 } netPricePerPatient { mean p50 } capBindsPatientShare capBindsTrialProbability }
    states { stateCode guaranteed { mean } volume { mean } outcome { mean } rebates { mean } net { mean } }
    yearly { year stateCode grossMean rebatesMean net { mean p5 p95 } }
    timing { quarters { quarter guaranteed volume outcome } meanMonthsToRebate { outcome all } } notes }
  compareResult { total { netPricePerPatient { mean } } }
  differences { stateCode netPricePerPatientDifference netSpendDifference }
  sensitivity { assumption lowLabel highLabel differenceLow differenceHigh swing } } }`;

interface Money {
  mean: string;
  p5?: string;
  p50?: string;
  p95?: string;
}
interface SimulationView {
  id: string;
  status: string;
  failureReason: string | null;
  seed: number;
  specSha256: string;
  reproduces: string | null;
  assumptions: { stateCode: string; treated: { source: string; note: string }; failure: { source: string }[] }[];
  result: {
    total: Record<string, Money> & { capBindsPatientShare: number };
    states: { stateCode: string; guaranteed: Money; volume: Money; outcome: Money; rebates: Money; net: Money }[];
    yearly: unknown[];
    timing: { quarters: { quarter: string; guaranteed: string; volume: string; outcome: string }[] };
  } | null;
  compareResult: { total: { netPricePerPatient: Money } } | null;
  differences: { stateCode: string | null; netPricePerPatientDifference: string }[] | null;
  sensitivity: { assumption: string; swing: string }[] | null;
}

describe('term-sheet simulator (API, worker, storage)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let agreementId = '';
  let tokens: Record<string, string> = {};
  let sequence = 0;
  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: '2027-02-15T12:00:00Z' }));
    tokens = await signInCast({ db, api }, ['NY', 'TX', 'coordinator', 'auditor', 'vertex', 'genetix']);
    ({ agreementId } = await executedCasgevyAgreement(
      api.app,
      { stateCode: 'NY', effectiveFrom: '2026-01-01' },
      TERMS,
    ));
    await api.app
      .get(ParticipationService)
      .join(systemActor('test'), { agreementId, stateCode: 'TX', effectiveFrom: '2026-01-01' });
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  async function submit(state: string, body: Buffer): Promise<void> {
    const response = await fetch(`${api.url}/v1/states/${state}/claim-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[state]}`, 'content-type': 'application/octet-stream' },
      body,
    });
    expect(response.status).toBe(202);
    const { submission } = (await response.json()) as { submission: { id: string } };
    for (const deadline = Date.now() + 120_000; ;) {
      const [row] = await sql<{ status: string }>('SELECT status FROM claim_submission WHERE id = $1', [submission.id]);
      if (['COMPLETED', 'REJECTED', 'FAILED'].includes(row.status)) {
        expect({ state, status: row.status }).toEqual({ state, status: 'COMPLETED' });
        return;
      }
      if (Date.now() > deadline) throw new Error(`A ${state} file is still ${row.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const period = (state: string, start: string, end: string): ClaimFilePeriod => ({
    fips: FIPS[state],
    start,
    end,
    sequence: (sequence += 1),
  });

  async function simulate(input: Record<string, unknown>, token = tokens.coordinator): Promise<SimulationView> {
    const { simulateTermSheet } = await graphqlOk<{ simulateTermSheet: { id: string; status: string } }>(
      api.url,
      SIMULATE,
      { input },
      token,
    );
    expect(simulateTermSheet.status).toBe('QUEUED');
    return finished(simulateTermSheet.id, token);
  }

  async function finished(id: string, token = tokens.coordinator): Promise<SimulationView> {
    for (const deadline = Date.now() + 180_000; ;) {
      const { termSheetSimulation } = await graphqlOk<{ termSheetSimulation: SimulationView }>(
        api.url,
        RESULT,
        { id },
        token,
      );
      if (termSheetSimulation.status === 'COMPLETED' || termSheetSimulation.status === 'FAILED') {
        return termSheetSimulation;
      }
      if (Date.now() > deadline) throw new Error(`Simulation ${id} is still ${termSheetSimulation.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('one trial with fixed events equals what the ledger accrues for the same claims', async () => {
    // Claims: New York treats two patients, Texas one; New York's first has a crisis admission
    // 2026-11-02 (months 7: tier 12, 50 %); Texas's patient one on 2026-05-01, inside the washout.
    await submit(
      'NY',
      casgevyClaimFile(period('NY', '2026-03-01', '2026-03-31'), [
        { icn: 'NY20260310CGT0001', msisId: 'NYMSIS000001', date: '2026-03-10' },
      ]),
    );
    await submit(
      'TX',
      casgevyClaimFile(period('TX', '2026-04-01', '2026-04-30'), [
        { icn: 'TX20260420CGT0001', msisId: 'TXMSIS000001', date: '2026-04-20' },
      ]),
    );
    await submit(
      'NY',
      casgevyClaimFile(period('NY', '2026-05-01', '2026-05-31'), [
        { icn: 'NY20260505CGT0002', msisId: 'NYMSIS000002', date: '2026-05-05' },
      ]),
    );
    await submit(
      'TX',
      inpatientClaimFile(period('TX', '2026-05-01', '2026-05-31'), [
        { icn: 'TX20260501CIP0001', msisId: 'TXMSIS000001', admission: '2026-05-01', diagnosis: 'D5701' },
      ]),
    );
    await submit(
      'NY',
      inpatientClaimFile(period('NY', '2026-11-01', '2026-11-30'), [
        { icn: 'NY20261102CIP0001', msisId: 'NYMSIS000001', admission: '2026-11-02', diagnosis: 'D5700' },
      ]),
    );
    await graphqlOk(
      api.url,
      `mutation($input: CloseContractYearInput!) { closeContractYear(input: $input) { close { id } } }`,
      { input: { agreementId, year: 2026 } },
      tokens.coordinator,
    );
    const ledger = await sql<{ state_code: string; component: string; total: string }>(
      `SELECT state_code, CASE WHEN component LIKE 'OUTCOME:%' THEN 'OUTCOME' ELSE component END AS component,
              sum(amount)::numeric(14,2)::text AS total
         FROM ledger_entry GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(ledger).toEqual([
      { state_code: 'NY', component: 'GUARANTEED', total: '440000.00' },
      { state_code: 'NY', component: 'OUTCOME', total: '990000.00' },
      { state_code: 'NY', component: 'VOLUME', total: '880000.00' },
      { state_code: 'TX', component: 'GUARANTEED', total: '220000.00' },
      { state_code: 'TX', component: 'VOLUME', total: '440000.00' },
    ]);

    const run = await simulate({
      subject: { agreementId },
      startYear: 2026,
      horizonYears: 1,
      states: [{ stateCode: 'NY' }, { stateCode: 'TX' }],
      fixedPatients: [
        {
          stateCode: 'NY',
          administrationDate: '2026-03-10',
          events: [{ benchmarkCode: 'VOE12', eventDate: '2026-11-02' }],
        },
        {
          stateCode: 'TX',
          administrationDate: '2026-04-20',
          events: [{ benchmarkCode: 'VOE12', eventDate: '2026-05-01' }],
        },
        { stateCode: 'NY', administrationDate: '2026-05-05', events: [] },
      ],
    });
    expect(run.failureReason).toBeNull();
    const simulated = run.result!.states.flatMap((s) =>
      (['GUARANTEED', 'OUTCOME', 'VOLUME'] as const).map((component) => ({
        state_code: s.stateCode,
        component,
        total: s[component.toLowerCase() as 'guaranteed' | 'outcome' | 'volume'].mean,
      })),
    );
    const ledgerOf = (state: string, component: string) =>
      ledger.find((l) => l.state_code === state && l.component === component)?.total ?? '0.00';
    expect(simulated).toEqual(simulated.map((s) => ({ ...s, total: ledgerOf(s.state_code, s.component) })));
    // The ledger's timing too: OUTCOME appended in 2026Q4, cut at the close in 2027Q1 with VOLUME.
    expect(run.result!.timing.quarters).toEqual([
      { quarter: '2026Q1', guaranteed: '220000.00', volume: '0.00', outcome: '0.00' },
      { quarter: '2026Q2', guaranteed: '440000.00', volume: '0.00', outcome: '0.00' },
      { quarter: '2026Q4', guaranteed: '0.00', volume: '0.00', outcome: '1100000.00' },
      { quarter: '2027Q1', guaranteed: '0.00', volume: '1320000.00', outcome: '-110000.00' },
    ]);
    const byQuarter = await sql<{ service_quarter: string; total: string }>(
      `SELECT service_quarter, sum(amount)::numeric(14,2)::text AS total FROM ledger_entry GROUP BY 1 ORDER BY 1`,
    );
    expect(byQuarter).toEqual([
      { service_quarter: '2026Q1', total: '220000.00' },
      { service_quarter: '2026Q2', total: '440000.00' },
      { service_quarter: '2026Q4', total: '1100000.00' },
      { service_quarter: '2027Q1', total: '1210000.00' },
    ]);
  });

  it('defaults come from the platform data, labelled; the same stored input and seed reproduce the result', async () => {
    const run = await simulate({ subject: { agreementId }, trials: 300, horizonYears: 3, seed: 12345 });
    expect(run.status).toBe('COMPLETED');
    expect(run.seed).toBe(12345);
    const ny = run.assumptions.find((a) => a.stateCode === 'NY')!;
    // New York's treated episodes so far (the first test's claims, if it ran) decide the label.
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM episode WHERE state_code = 'NY'`);
    expect(ny.treated.source).toBe(n > 0 ? 'PLATFORM_DATA' : 'ASSUMED');
    expect(ny.treated.note).toContain(n > 0 ? `${n} treated episode(s) of NY` : 'No treated episodes of NY');
    expect(ny.failure[0].source).toBe(n > 0 ? 'PLATFORM_DATA' : 'ASSUMED');
    const again = await graphqlOk<{ rerunTermSheetSimulation: { id: string } }>(
      api.url,
      `mutation($id: ID!) { rerunTermSheetSimulation(id: $id) { id } }`,
      { id: run.id },
      tokens.coordinator,
    );
    const rerun = await finished(again.rerunTermSheetSimulation.id);
    expect(rerun.reproduces).toBe(run.id);
    expect(rerun.specSha256).toBe(run.specSha256);
    expect(rerun.result).toEqual(run.result);
    const [audit] = await sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_event WHERE entity_type = 'term_sheet_simulation'`,
    );
    expect(Number(audit.n)).toBeGreaterThanOrEqual(3);

    // The CSV export goes through the shared writer; another tenant gets 404.
    const csv = await fetch(`${api.url}/v1/simulations/${run.id}.csv`, {
      headers: { authorization: `Bearer ${tokens.coordinator}` },
    });
    expect(csv.status).toBe(200);
    const rows = parseCsv(await csv.text());
    expect(rows[0]).toEqual(['simulation_id', 'terms', 'state', 'year', 'metric', 'mean', 'p5', 'p50', 'p95']);
    expect(rows.find((r) => r[2] === 'ALL' && r[3] === 'ALL' && r[4] === 'net')).toBeDefined();
    const foreign = await fetch(`${api.url}/v1/simulations/${run.id}.csv`, {
      headers: { authorization: `Bearer ${tokens.vertex}` },
    });
    expect(foreign.status).toBe(404);
  });

  it("compares the coordinator's terms with a counter-offer, with a sensitivity table", async () => {
    const counter = {
      ...TERMS,
      supplementalCapPct: '0.60',
      schedule: TERMS.schedule.map((e) => ({
        ...e,
        wac: e.wac.toFixed(2),
        guaranteedRebatePct: e.guaranteedRebatePct.toFixed(),
      })),
      benchmarks: TERMS.benchmarks.map((b) => ({
        ...b,
        tiers: b.tiers.map((t) => ({ ...t, rebatePct: t.rebatePct.toFixed() })),
      })),
      volumeTiers: TERMS.volumeTiers.map((v) => ({ ...v, additionalRebatePct: v.additionalRebatePct.toFixed() })),
    };
    const productId = (
      await sql<{ product_id: string }>('SELECT product_id FROM agreement WHERE id = $1', [agreementId])
    )[0].product_id;
    const run = await simulate(
      {
        subject: { agreementId },
        compareWith: { productId, terms: counter },
        trials: 300,
        sensitivityTrials: 100,
        horizonYears: 2,
        seed: 7,
      },
      tokens.vertex,
    );
    expect(run.status).toBe('COMPLETED');
    expect(run.differences!.map((d) => d.stateCode)).toEqual([null, 'NY', 'TX']);
    expect(new Dec(run.differences![0].netPricePerPatientDifference).greaterThanOrEqualTo(0)).toBe(true);
    expect(run.sensitivity!.length).toBeGreaterThanOrEqual(2);
    // Vertex's run is Vertex's: the other manufacturer and the coordinator's states do not read it.
    const other = await graphql(api.url, RESULT, { id: run.id }, tokens.genetix);
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a state simulates the executed terms for itself only', async () => {
    const own = await simulate({ subject: { agreementId }, trials: 50, horizonYears: 1, seed: 1 }, tokens.TX);
    expect(own.assumptions.map((a) => a.stateCode)).toEqual(['TX']);
    const others = await graphql(
      api.url,
      SIMULATE,
      { input: { subject: { agreementId }, states: [{ stateCode: 'NY' }], trials: 10 } },
      tokens.TX,
    );
    expect(others.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await graphql(
      api.url,
      SIMULATE,
      { input: { subject: { agreementId }, states: [{ stateCode: 'NY', uptakeRamp: [] }], trials: 10 } },
      tokens.coordinator,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('input.states[0].uptakeRamp');
  });
});
