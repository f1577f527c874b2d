import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { casgevyTerms } from '@lib/agreements';
import { Dec } from '@lib/common';
import {
  executedCasgevyAgreement,
  graphql,
  graphqlOk,
  queryRows,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');

/** The worked example's terms plus a state-reported benchmark with a six-month window. */
const TERMS = casgevyTerms({
  benchmarks: [
    ...casgevyTerms().benchmarks,
    {
      code: 'CRISIS6',
      measure: 'REPORTED_EVENT',
      washoutDays: 30,
      diagnosisPrefixes: [],
      tiers: [
        { throughMonth: 3, rebatePct: new Dec('0.50') },
        { throughMonth: 6, rebatePct: new Dec('0.25') },
      ],
    },
  ],
});

const REPORT = `mutation($input: ReportOutcomeObservationInput!) {
  reportOutcomeObservation(input: $input) { id episodeRef stateCode eventDate eventCode evidenceRef withdrawnAt } }`;
const WITHDRAW = `mutation($input: WithdrawOutcomeObservationInput!) {
  withdrawOutcomeObservation(input: $input) { id withdrawnAt withdrawReason } }`;
const EPISODE = `query($ref: String!) { episode(episodeRef: $ref) {
  beneficiaryId
  benchmarks { code status windowEnd event { source eventDate icn code months tierThroughMonth amount observationId
    observation { id evidenceRef eventCode } } }
  observations { id eventDate evidenceRef withdrawnAt withdrawReason }
  ledgerEntries { component amount serviceQuarter statementQuarter causeType causeId } } }`;
const DASHBOARD = `query($filter: ProgramDashboardFilterInput) { programDashboard(filter: $filter) {
  stateCode productCode labelerCode treatedEpisodes eligibleEpisodes
  outcomeFailures { benchmarkCode episodes } accrued { component amount } accruedTotal disputesOpen } }`;

interface EpisodeView {
  beneficiaryId: string | null;
  benchmarks: {
    code: string;
    status: string;
    windowEnd: string;
    event: Record<string, unknown> | null;
  }[];
  observations: { id: string; eventDate: string; withdrawnAt: string | null }[];
  ledgerEntries: { component: string; amount: string; causeType: string; causeId: string }[];
}

/**
 * Outcome observations over HTTP (README "Outcome observations and dashboards"): New York's submitted administration (2026-03-10, WAC 2,200,000)
 * under terms with a REPORTED_EVENT benchmark; the state reports, withdraws and re-reports an
 * observation, and the ledger follows at once with cause OBSERVATION. Today is fixed at
 * 2026-11-30 (quarter 2026Q4), after the six-month window has ended (2026-09-10).
 */
describe('outcome observations and the program dashboard', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  const tokens: Record<string, string> = {};
  let episodeRef = '';

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);
  const episode = async (token: string) =>
    (await graphqlOk<{ episode: EpisodeView }>(api.url, EPISODE, { ref: episodeRef }, token)).episode;
  const report = (token: string, input: Record<string, unknown>) =>
    graphql<{ reportOutcomeObservation: { id: string } }>(api.url, REPORT, { input: { episodeRef, ...input } }, token);
  const crisisOf = (view: EpisodeView) => view.benchmarks.find((b) => b.code === 'CRISIS6');
  const outcomeEntries = (view: EpisodeView) =>
    view.ledgerEntries.filter((l) => l.component === 'OUTCOME:CRISIS6').map((l) => [l.amount, l.causeType, l.causeId]);

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: '2026-11-30T12:00:00Z' }));
    Object.assign(
      tokens,
      await signInCast({ db, api }, ['NY', 'GA', 'TX', 'coordinator', 'auditor', 'vertex', 'genetix']),
    );
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' }, TERMS);
    for (const [state, file] of [
      ['NY', '1-NY-CLAIMOT-2026-03.txt'],
      ['GA', '5-GA-CLAIMOT-2026-02.txt'],
    ]) {
      const context = { url: api.url, databaseUrl: db.url, token: tokens[state] };
      const result = await submitClaimFileAndWait(context, state, file, readFileSync(join(FIXTURES, file)));
      expect({ file, status: result.status }).toEqual({ file, status: 'COMPLETED' });
    }
    [{ episodeRef }] = await sql<{ episodeRef: string }>(
      `SELECT episode_ref AS "episodeRef" FROM episode WHERE state_code = 'NY' AND status = 'ELIGIBLE'`,
    );
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it('shows the REPORTED_EVENT benchmark MET once its window has ended without an observation', async () => {
    const view = await episode(tokens.NY);
    expect(view.benchmarks.map((b) => [b.code, b.status, b.windowEnd, b.event])).toEqual([
      ['VOE12', 'PENDING', '2029-03-10', null],
      ['CRISIS6', 'MET', '2026-09-10', null],
    ]);
    expect(view.observations).toEqual([]);
  });

  it('refuses observations from outside the state, from manufacturers and auditors, and invalid ones', async () => {
    const input = { eventDate: '2026-05-20', eventCode: 'CRISIS', evidenceRef: 'NY-REG-1' };
    expect((await report(tokens.TX, input)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await report(tokens.vertex, input)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await report(tokens.auditor, input)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const invalid = async (changes: Record<string, unknown>) =>
      (await report(tokens.NY, { ...input, ...changes })).errors?.[0]?.extensions?.violations?.map((v) => v.path);
    expect(await invalid({ eventDate: '2026-03-09' })).toEqual(['input.eventDate']);
    expect(await invalid({ eventDate: '2026-12-01' })).toEqual(['input.eventDate']);
    expect(await invalid({ eventCode: 'MAYBE' })).toEqual(['input.eventCode']);
    expect(await sql('SELECT id FROM outcome_observation')).toEqual([]);
  });

  it('accrues, reverses and re-accrues the outcome rebate as observations are reported and withdrawn', async () => {
    // Reported inside the window: months(2026-03-10, 2026-05-20) = 2 -> tier 3 -> 0.50 x 2,200,000.
    const first = await report(tokens.NY, { eventDate: '2026-05-20', eventCode: 'crisis', evidenceRef: 'NY-REG-778' });
    const firstId = first.data!.reportOutcomeObservation.id;
    let view = await episode(tokens.NY);
    expect(crisisOf(view)).toEqual({
      code: 'CRISIS6',
      status: 'NOT_MET',
      windowEnd: '2026-09-10',
      event: {
        source: 'OBSERVATION',
        eventDate: '2026-05-20',
        icn: null,
        code: 'CRISIS',
        months: 2,
        tierThroughMonth: 3,
        amount: '1100000.00',
        observationId: firstId,
        observation: { id: firstId, evidenceRef: 'NY-REG-778', eventCode: 'CRISIS' },
      },
    });
    expect(outcomeEntries(view)).toEqual([['1100000.00', 'OBSERVATION', firstId]]);
    expect(
      await sql(
        `SELECT amount::text, service_quarter, statement_quarter FROM ledger_entry WHERE cause_type = 'OBSERVATION'`,
      ),
    ).toEqual([{ amount: '1100000.00', service_quarter: '2026Q4', statement_quarter: '2026Q4' }]);

    // Withdrawn: the entry reverses; withdrawing again is a conflict.
    const withdraw = (token: string, observationId: string) =>
      graphql(api.url, WITHDRAW, { input: { observationId, reason: 'Registry record corrected' } }, token);
    expect((await withdraw(tokens.TX, firstId)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await withdraw(tokens.NY, firstId)).errors).toBeUndefined();
    expect((await withdraw(tokens.NY, firstId)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    view = await episode(tokens.NY);
    expect(crisisOf(view)?.status).toBe('MET');
    expect(outcomeEntries(view)).toEqual([
      ['1100000.00', 'OBSERVATION', firstId],
      ['-1100000.00', 'OBSERVATION', firstId],
    ]);

    // Reported again, later in the window (by coordinator, by episode id): months 5 -> tier 6 -> 0.25.
    const [{ id: episodeId }] = await sql<{ id: string }>('SELECT id FROM episode WHERE episode_ref = $1', [
      episodeRef,
    ]);
    const again = await graphqlOk<{ reportOutcomeObservation: { id: string; episodeRef: string } }>(
      api.url,
      REPORT,
      { input: { episodeId, eventDate: '2026-08-15', eventCode: 'DEATH', evidenceRef: 'NY-DC-2026-0042' } },
      tokens.coordinator,
    );
    const againId = again.reportOutcomeObservation.id;
    expect(again.reportOutcomeObservation.episodeRef).toBe(episodeRef);
    view = await episode(tokens.NY);
    expect(crisisOf(view)?.event).toMatchObject({ eventDate: '2026-08-15', months: 5, amount: '550000.00' });
    expect(outcomeEntries(view)).toEqual([
      ['1100000.00', 'OBSERVATION', firstId],
      ['-1100000.00', 'OBSERVATION', firstId],
      ['550000.00', 'OBSERVATION', againId],
    ]);

    // Outside the measurement period (washout, after the window): recorded, but nothing changes.
    for (const eventDate of ['2026-03-25', '2026-10-01']) {
      expect(
        (await report(tokens.NY, { eventDate, eventCode: 'CRISIS', evidenceRef: `late-${eventDate}` })).errors,
      ).toBeUndefined();
    }
    view = await episode(tokens.NY);
    expect(outcomeEntries(view)).toHaveLength(3);
    expect(crisisOf(view)?.event).toMatchObject({ eventDate: '2026-08-15' });
    expect(view.observations.map((o) => [o.eventDate, o.withdrawnAt !== null])).toEqual([
      ['2026-03-25', false],
      ['2026-05-20', true],
      ['2026-08-15', false],
      ['2026-10-01', false],
    ]);
    // The audit trail names the episode by reference, never by beneficiary id.
    const audit = await sql<{ action: string; text: string }>(
      `SELECT action, coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_event
        WHERE entity_type = 'OutcomeObservation' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'outcome.observation.reported',
      'outcome.observation.withdrawn',
      'outcome.observation.reported',
      'outcome.observation.reported',
      'outcome.observation.reported',
    ]);
    expect(audit.every((a) => a.text.includes(episodeRef) && !a.text.includes('MSIS'))).toBe(true);
  });

  it('scopes observations: the state and its manufacturer see them (no beneficiary id), others do not', async () => {
    const list = `{ outcomeObservations(first: 10, includeWithdrawn: true) { totalCount edges { node { episodeRef evidenceRef } } } }`;
    type ListResult = { outcomeObservations: { totalCount: number; edges: { node: { evidenceRef: string } }[] } };
    const count = async (token: string) =>
      (await graphqlOk<ListResult>(api.url, list, {}, token)).outcomeObservations.totalCount;
    expect(await count(tokens.coordinator)).toBe(4);
    expect(await count(tokens.auditor)).toBe(4);
    expect(await count(tokens.NY)).toBe(4);
    expect(await count(tokens.vertex)).toBe(4);
    expect(await count(tokens.TX)).toBe(0);
    expect(await count(tokens.genetix)).toBe(0);
    const current = `{ outcomeObservations(first: 10) { totalCount } }`;
    expect((await graphqlOk<ListResult>(api.url, current, {}, tokens.NY)).outcomeObservations.totalCount).toBe(3);
    const manufacturerView = await episode(tokens.vertex);
    expect(manufacturerView.beneficiaryId).toBeNull();
    // Minimum necessary (README "Security"): the fact and month of the failure, not the state's evidence.
    expect(crisisOf(manufacturerView)?.event).toMatchObject({
      eventDate: null,
      code: null,
      months: 5,
      observation: { evidenceRef: null, eventCode: null },
    });
    expect(JSON.stringify(manufacturerView)).not.toMatch(/MSIS|NY-DC-2026-0042|2026-08-15/);
    expect(crisisOf(await episode(tokens.NY))?.event).toMatchObject({
      eventDate: '2026-08-15',
      observation: { evidenceRef: 'NY-DC-2026-0042', eventCode: 'DEATH' },
    });
  });

  it('answers the program dashboard per state and product, exactly, within each role scope', async () => {
    const [{ id: statementId }] = await sql<{ id: string }>(
      `SELECT id FROM statement WHERE state_code = 'NY' AND labeler_code = '51167' AND quarter = '2026Q4'`,
    );
    const [{ id: coordinatorId }] = await sql<{ id: string }>(`SELECT id FROM app_user WHERE email = 'coord@test.gov'`);
    await sql(
      `INSERT INTO dispute (statement_id, scope, code, disputed_amount, opened_on, opened_by, due_on)
       VALUES ($1, 'STATEMENT', 'O', 550000.00, '2026-11-30', $2, '2027-01-29')`,
      [statementId, coordinatorId],
    );
    const dashboard = async (token: string, filter: Record<string, unknown> = {}) =>
      (await graphqlOk<{ programDashboard: unknown[] }>(api.url, DASHBOARD, { filter }, token)).programDashboard;
    const newYork = {
      stateCode: 'NY',
      productCode: 'CASGEVY',
      labelerCode: '51167',
      treatedEpisodes: 2,
      eligibleEpisodes: 1,
      outcomeFailures: [{ benchmarkCode: 'CRISIS6', episodes: 1 }],
      accrued: [
        { component: 'GUARANTEED', amount: '220000.00' },
        { component: 'OUTCOME:CRISIS6', amount: '550000.00' },
      ],
      accruedTotal: '770000.00',
      disputesOpen: 1,
    };
    const georgia = {
      stateCode: 'GA',
      productCode: 'CASGEVY',
      labelerCode: '51167',
      treatedEpisodes: 1,
      eligibleEpisodes: 0,
      outcomeFailures: [],
      accrued: [],
      accruedTotal: '0.00',
      disputesOpen: 0,
    };
    expect(await dashboard(tokens.coordinator)).toEqual([georgia, newYork]);
    expect(await dashboard(tokens.auditor)).toEqual([georgia, newYork]);
    expect(await dashboard(tokens.vertex)).toEqual([georgia, newYork]);
    expect(await dashboard(tokens.genetix)).toEqual([]);
    expect(await dashboard(tokens.NY)).toEqual([newYork]);
    expect(await dashboard(tokens.NY, { stateCode: 'GA' })).toEqual([]);
    expect(await dashboard(tokens.TX)).toEqual([]);
    // 2026Q4: no administration in the quarter; the outcome entries and the dispute are on its statement.
    expect(await dashboard(tokens.coordinator, { quarter: '2026Q4' })).toEqual([
      {
        ...newYork,
        treatedEpisodes: 0,
        eligibleEpisodes: 0,
        outcomeFailures: [],
        accrued: [{ component: 'OUTCOME:CRISIS6', amount: '550000.00' }],
        accruedTotal: '550000.00',
      },
    ]);
    expect(await dashboard(tokens.coordinator, { fromQuarter: '2026Q1', toQuarter: '2026Q1' })).toEqual([
      { ...georgia },
      { ...newYork, accrued: [newYork.accrued[0]], accruedTotal: '220000.00', disputesOpen: 0 },
    ]);
    expect(JSON.stringify(await dashboard(tokens.vertex))).not.toContain('MSIS');
  });

  it('refuses observations on a voided episode and a withdrawal without a reason', async () => {
    const [voided] = await sql<{ ref: string }>(
      `UPDATE episode SET status = 'VOIDED' WHERE state_code = 'NY' AND status = 'INELIGIBLE' RETURNING episode_ref AS ref`,
    );
    const input = { episodeRef: voided.ref, eventDate: '2026-05-20', eventCode: 'CRISIS', evidenceRef: 'NY-REG-9' };
    const refused = await graphql(api.url, REPORT, { input }, tokens.NY);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'OBSERVATION_EPISODE_VOIDED',
    });
    const [{ id }] = await sql<{ id: string }>('SELECT id FROM outcome_observation WHERE withdrawn_at IS NULL LIMIT 1');
    const blank = await graphql(api.url, WITHDRAW, { input: { observationId: id, reason: '   ' } }, tokens.NY);
    expect(blank.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
