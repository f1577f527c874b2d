import { casgevyTerms, ParticipationService } from '@lib/agreements';
import { Dec, systemActor } from '@lib/common';
import {
  casgevyClaimFile,
  executedCasgevyAgreement,
  graphql,
  graphqlOk,
  inpatientClaimFile,
  queryRows,
  reconcileStateAgain,
  signInCast,
  startTestStack,
  stopTestStack,
  type CasgevyAdministration,
  type ClaimFilePeriod,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

/**
 * The annual volume true-up (rebate-rules section 6) over HTTP and the real worker: New York,
 * Texas and California each treat fewer patients than the first volume tier needs, together
 * they reach it. Terms: WAC 2,200,000.00, guaranteed 10 %, cap 75 % (1,650,000.00), so VOLUME
 * can take at most 1,430,000.00; tiers 3 episodes -> 5 % (110,000.00) and 5 -> 70 % (1,540,000.00,
 * cut to 1,430,000.00). The clock stands at 2027-02-15: closes are stamped 2027Q1.
 */
const TERMS = casgevyTerms({
  volumeTiers: [
    { minTreatments: 3, additionalRebatePct: new Dec('0.05') },
    { minTreatments: 5, additionalRebatePct: new Dec('0.70') },
  ],
});
const FIPS: Record<string, string> = { NY: '36', TX: '48', CA: '06', GA: '13' };

const CLOSE = `mutation($input: CloseContractYearInput!) { closeContractYear(input: $input) {
  close { id contractYear eligibleEpisodes tierMinTreatments tierPct status inForce closedOn
          stateTotals { stateCode volume total entries } }
  states { stateCode ledgerEntries ledgerSum } } }`;
const REOPEN = `mutation($input: ReopenContractYearInput!) { reopenContractYear(input: $input) {
  id status inForce reopenReason } }`;
const HISTORY = `query($id: ID!) { contractYearCloses(agreementId: $id) {
  id contractYear eligibleEpisodes tierPct status inForce supersededBy reopenReason
  stateTotals { stateCode volume total entries } } }`;

interface CloseResult {
  closeContractYear: {
    close: { id: string; stateTotals: { stateCode: string; volume: string; total: string; entries: number }[] };
    states: { stateCode: string; ledgerEntries: number; ledgerSum: string }[];
  } & Record<string, unknown>;
}

describe('closing a contract year across three states (volume true-up)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let agreementId = '';
  const tokens: Record<string, string> = {};
  let sequence = 0;

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: '2027-02-15T12:00:00Z' }));
    Object.assign(
      tokens,
      await signInCast({ db, api }, [...Object.keys(FIPS), 'coordinator', 'auditor', 'vertex', 'genetix']),
    );
    // New York, Texas and California participate from 2026-01-01; Georgia does not.
    ({ agreementId } = await executedCasgevyAgreement(
      api.app,
      { stateCode: 'NY', effectiveFrom: '2026-01-01' },
      TERMS,
    ));
    for (const stateCode of ['TX', 'CA']) {
      await api.app
        .get(ParticipationService)
        .join(systemActor('test'), { agreementId, stateCode, effectiveFrom: '2026-01-01' });
    }
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
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [row] = await sql<{ status: string }>('SELECT status FROM claim_submission WHERE id = $1', [submission.id]);
      if (['COMPLETED', 'REJECTED', 'FAILED'].includes(row.status)) {
        expect({ state, status: row.status }).toEqual({ state, status: 'COMPLETED' });
        return;
      }
      if (Date.now() > deadline) throw new Error(`A ${state} file is still ${row.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  function period(state: string, start: string, end: string): ClaimFilePeriod {
    return { fips: FIPS[state], start, end, sequence: (sequence += 1) };
  }

  const administration = (state: string, n: number, date: string): CasgevyAdministration => ({
    icn: `${state}${date.replaceAll('-', '')}CGT${String(n).padStart(4, '0')}`,
    msisId: `${state}MSIS${String(n).padStart(6, '0')}`,
    date,
  });

  /** Ledger totals per (state, component) for the agreement's 2026 episodes, and per cause. */
  async function volumeOf2026(): Promise<Record<string, string>> {
    const rows = await sql<{ state_code: string; total: string }>(
      `SELECT l.state_code, sum(l.amount)::text AS total FROM ledger_entry l JOIN episode e ON e.id = l.episode_id
        WHERE e.agreement_id = $1 AND l.component = 'VOLUME' AND l.administration_date BETWEEN '2026-01-01' AND '2026-12-31'
        GROUP BY l.state_code ORDER BY l.state_code`,
      [agreementId],
    );
    return Object.fromEntries(rows.map((r) => [r.state_code, r.total]));
  }

  const ledgerCount = async (): Promise<number> =>
    Number((await sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry'))[0].n);

  it('states submit administrations: one each in 2026, none reaching the first tier alone', async () => {
    await submit(
      'NY',
      casgevyClaimFile(period('NY', '2026-03-01', '2026-03-31'), [administration('NY', 1, '2026-03-10')]),
    );
    // The New York patient has a crisis admission two months later: OUTCOME:VOE12 tier 12 = 1,100,000.00.
    await submit(
      'NY',
      inpatientClaimFile(period('NY', '2026-05-01', '2026-05-31'), [
        { icn: 'NY20260520CIP0001', msisId: 'NYMSIS000001', admission: '2026-05-20', diagnosis: 'D5701' },
      ]),
    );
    await submit(
      'TX',
      casgevyClaimFile(period('TX', '2026-04-01', '2026-04-30'), [administration('TX', 1, '2026-04-14')]),
    );
    await submit(
      'CA',
      casgevyClaimFile(period('CA', '2026-05-01', '2026-05-31'), [administration('CA', 1, '2026-05-02')]),
    );
    // Georgia does not participate (U, not counted); New York's 2027 administration is another year.
    await submit(
      'GA',
      casgevyClaimFile(period('GA', '2026-06-01', '2026-06-30'), [administration('GA', 1, '2026-06-03')]),
    );
    await submit(
      'NY',
      casgevyClaimFile(period('NY', '2027-01-01', '2027-01-31'), [administration('NY', 2, '2027-01-12')]),
    );

    const episodes = await sql<{ state_code: string; status: string; ineligible_code: string | null }>(
      `SELECT state_code, status, ineligible_code FROM episode ORDER BY administration_date`,
    );
    expect(episodes).toEqual([
      { state_code: 'NY', status: 'ELIGIBLE', ineligible_code: null },
      { state_code: 'TX', status: 'ELIGIBLE', ineligible_code: null },
      { state_code: 'CA', status: 'ELIGIBLE', ineligible_code: null },
      { state_code: 'GA', status: 'INELIGIBLE', ineligible_code: 'U' },
      { state_code: 'NY', status: 'ELIGIBLE', ineligible_code: null },
    ]);
    expect(await volumeOf2026()).toEqual({});
  });

  it('refuses callers other than coordinators, and a year that has not ended', async () => {
    const input = { agreementId, year: 2026 };
    for (const caller of ['auditor', 'NY', 'vertex']) {
      const result = await graphql(api.url, CLOSE, { input }, tokens[caller]);
      expect({ caller, code: result.errors?.[0]?.extensions?.code }).toEqual({ caller, code: 'FORBIDDEN' });
    }
    const notEnded = await graphql(api.url, CLOSE, { input: { agreementId, year: 2027 } }, tokens.coordinator);
    expect(notEnded.errors?.[0]?.extensions).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(notEnded.errors?.[0]?.message).toContain('has not ended');
    const notClosed = await graphql(
      api.url,
      REOPEN,
      { input: { ...input, reason: 'nothing to reopen' } },
      tokens.coordinator,
    );
    expect(notClosed.errors?.[0]?.extensions).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await sql('SELECT id FROM contract_year_close')).toEqual([]);
  });

  let firstCloseId = '';

  it('closing 2026 counts the three states together (tier 3, 5 %) and appends 110,000.00 VOLUME per episode', async () => {
    const { closeContractYear } = await graphqlOk<CloseResult>(
      api.url,
      CLOSE,
      { input: { agreementId, year: 2026 } },
      tokens.coordinator,
    );
    firstCloseId = closeContractYear.close.id;
    expect(closeContractYear.close).toMatchObject({
      contractYear: 2026,
      eligibleEpisodes: 3,
      tierMinTreatments: 3,
      tierPct: '0.05',
      status: 'CLOSED',
      inForce: true,
      closedOn: '2027-02-15',
      stateTotals: [
        { stateCode: 'CA', volume: '110000.00', total: '110000.00', entries: 1 },
        { stateCode: 'NY', volume: '110000.00', total: '110000.00', entries: 1 },
        { stateCode: 'TX', volume: '110000.00', total: '110000.00', entries: 1 },
      ],
    });
    // Reconciled in FIPS order: California 06, New York 36, Texas 48 (Georgia does not take part).
    expect(closeContractYear.states.map((s) => [s.stateCode, s.ledgerEntries, s.ledgerSum])).toEqual([
      ['CA', 1, '110000.00'],
      ['NY', 1, '110000.00'],
      ['TX', 1, '110000.00'],
    ]);
    const entries = await sql<Record<string, string>>(
      `SELECT state_code, administration_date::text AS date, component, amount::text AS amount, service_quarter,
              statement_quarter, cause_id FROM ledger_entry WHERE cause_type = 'YEAR_CLOSE' ORDER BY state_code`,
    );
    expect(entries).toEqual(
      [
        ['CA', '2026-05-02'],
        ['NY', '2026-03-10'],
        ['TX', '2026-04-14'],
      ].map(([state_code, date]) => ({
        state_code,
        date,
        component: 'VOLUME',
        amount: '110000.00',
        service_quarter: '2027Q1',
        statement_quarter: '2027Q1',
        cause_id: firstCloseId,
      })),
    );
    // The outcome still fits under the cap: 1,650,000 - 220,000 - 110,000 = 1,320,000 >= 1,100,000.
    const [outcome] = await sql<{ total: string }>(
      `SELECT sum(amount)::text AS total FROM ledger_entry WHERE component = 'OUTCOME:VOE12'`,
    );
    expect(outcome.total).toBe('1100000.00');
    const audit = await sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE entity_type = 'ContractYearClose' ORDER BY id`,
    );
    expect(audit).toEqual([{ action: 'reconciliation.contract-year.closed' }]);
  });

  it('refuses to close the same year again while it is closed', async () => {
    const again = await graphql(api.url, CLOSE, { input: { agreementId, year: 2026 } }, tokens.coordinator);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('a late claim for the closed year gets the rate in force at once (normal reconciliation)', async () => {
    await submit(
      'CA',
      casgevyClaimFile(period('CA', '2026-06-01', '2026-06-30'), [administration('CA', 2, '2026-06-20')]),
    );
    const late = await sql<Record<string, string>>(
      `SELECT component, amount::text AS amount, cause_type FROM ledger_entry
        WHERE administration_date = '2026-06-20' ORDER BY id`,
    );
    expect(late).toEqual([
      { component: 'GUARANTEED', amount: '220000.00', cause_type: 'SUBMISSION' },
      { component: 'VOLUME', amount: '110000.00', cause_type: 'SUBMISSION' },
    ]);
    expect(await volumeOf2026()).toEqual({ CA: '220000.00', NY: '110000.00', TX: '110000.00' });
  });

  it('reopening changes no money: the rate stays in force until a new close', async () => {
    const before = await ledgerCount();
    const { reopenContractYear } = await graphqlOk<{ reopenContractYear: Record<string, unknown> }>(
      api.url,
      REOPEN,
      { input: { agreementId, year: 2026, reason: 'Texas reported late administrations' } },
      tokens.coordinator,
    );
    expect(reopenContractYear).toEqual({
      id: firstCloseId,
      status: 'REOPENED',
      inForce: true,
      reopenReason: 'Texas reported late administrations',
    });
    const summary = await reconcileStateAgain(
      worker,
      { stateCode: 'NY', stateFips: '36' },
      { id: 'rerun', serviceQuarter: '2027Q1' },
    );
    expect(summary.ledgerEntries).toBe(0);
    expect(await ledgerCount()).toBe(before);
    // While reopened, Texas's late administration also gets the rate in force.
    await submit(
      'TX',
      casgevyClaimFile(period('TX', '2026-09-01', '2026-09-30'), [administration('TX', 2, '2026-09-08')]),
    );
    expect(await volumeOf2026()).toEqual({ CA: '220000.00', NY: '110000.00', TX: '220000.00' });
  });

  it('closing again reaches tier 5 (70 %, cut to 1,430,000.00) and appends only the differences', async () => {
    // Texas's 2027Q1 statement has been issued meanwhile: its entries land on the next one, 2027Q2.
    await sql(`INSERT INTO ledger_period_close (labeler_code, state_code, quarter) VALUES ('51167', 'TX', '2027Q1')`);
    const before = await ledgerCount();
    const { closeContractYear } = await graphqlOk<CloseResult>(
      api.url,
      CLOSE,
      { input: { agreementId, year: 2026 } },
      tokens.coordinator,
    );
    const secondCloseId = closeContractYear.close.id;
    expect(closeContractYear.close).toMatchObject({
      eligibleEpisodes: 5,
      tierMinTreatments: 5,
      tierPct: '0.7',
      status: 'CLOSED',
      // New York's outcome no longer fits under the cap: 1,650,000 - 220,000 - 1,430,000 = 0.
      stateTotals: [
        { stateCode: 'CA', volume: '2640000.00', total: '2640000.00', entries: 2 },
        { stateCode: 'NY', volume: '1320000.00', total: '220000.00', entries: 2 },
        { stateCode: 'TX', volume: '2640000.00', total: '2640000.00', entries: 2 },
      ],
    });
    const appended = await sql<Record<string, string>>(
      `SELECT state_code, administration_date::text AS date, component, amount::text AS amount, service_quarter,
              statement_quarter FROM ledger_entry WHERE cause_id = $1 ORDER BY state_code, administration_date, component`,
      [secondCloseId],
    );
    // [state, administration date, component, amount, service quarter, statement quarter]
    expect(appended.map((r) => Object.values(r))).toEqual([
      ['CA', '2026-05-02', 'VOLUME', '1320000.00', '2027Q1', '2027Q1'],
      ['CA', '2026-06-20', 'VOLUME', '1320000.00', '2027Q1', '2027Q1'],
      ['NY', '2026-03-10', 'OUTCOME:VOE12', '-1100000.00', '2027Q1', '2027Q1'],
      ['NY', '2026-03-10', 'VOLUME', '1320000.00', '2027Q1', '2027Q1'],
      ['TX', '2026-04-14', 'VOLUME', '1320000.00', '2027Q1', '2027Q2'],
      ['TX', '2026-09-08', 'VOLUME', '1320000.00', '2027Q1', '2027Q2'],
    ]);
    expect(await ledgerCount()).toBe(before + 6);
    // The entries appear on the next statements (DRAFT until issued).
    const statements = await sql<{ number: string; status: string }>(
      `SELECT number, status FROM statement WHERE quarter >= '2027Q1' AND state_code IN ('CA', 'NY', 'TX') ORDER BY number`,
    );
    expect(statements).toEqual([
      { number: 'CGT-CA-51167-2027Q1', status: 'DRAFT' },
      { number: 'CGT-NY-51167-2027Q1', status: 'DRAFT' },
      { number: 'CGT-TX-51167-2027Q1', status: 'DRAFT' },
      { number: 'CGT-TX-51167-2027Q2', status: 'DRAFT' },
    ]);
    // Every 2026 episode now holds min(0.70 x 2,200,000, 1,650,000 - 220,000) = 1,430,000.00 of VOLUME.
    expect(await volumeOf2026()).toEqual({ CA: '2860000.00', NY: '1430000.00', TX: '2860000.00' });
    const perEpisode = await sql<{ total: string }>(
      `SELECT sum(l.amount)::text AS total FROM ledger_entry l JOIN episode e ON e.id = l.episode_id
        WHERE e.status = 'ELIGIBLE' AND e.administration_date < '2027-01-01' AND l.component = 'VOLUME'
        GROUP BY l.episode_id`,
    );
    expect(perEpisode.map((r) => r.total)).toEqual(Array(5).fill('1430000.00'));
    // Nothing for Georgia's ineligible episode or New York's 2027 one.
    const [others] = await sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM ledger_entry WHERE component = 'VOLUME'
        AND (state_code = 'GA' OR administration_date >= '2027-01-01')`,
    );
    expect(others.n).toBe('0');
    const audit = await sql<{ action: string; entity_id: string; comment: string | null }>(
      `SELECT action, entity_id, comment FROM audit_event WHERE entity_type = 'ContractYearClose' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'reconciliation.contract-year.closed', entity_id: firstCloseId, comment: null },
      {
        action: 'reconciliation.contract-year.reopened',
        entity_id: firstCloseId,
        comment: 'Texas reported late administrations',
      },
      { action: 'reconciliation.contract-year.superseded', entity_id: firstCloseId, comment: null },
      { action: 'reconciliation.contract-year.closed', entity_id: secondCloseId, comment: null },
    ]);
    const history = await graphqlOk<{ contractYearCloses: Record<string, unknown>[] }>(
      api.url,
      HISTORY,
      { id: agreementId },
      tokens.auditor,
    );
    expect(
      history.contractYearCloses.map((c) => [c.id, c.status, c.inForce, c.eligibleEpisodes, c.tierPct, c.supersededBy]),
    ).toEqual([
      [secondCloseId, 'CLOSED', true, 5, '0.7', null],
      [firstCloseId, 'SUPERSEDED', false, 3, '0.05', secondCloseId],
    ]);
  });

  it('shows the history to the manufacturer and participating states (their own totals), hides it from others', async () => {
    const vertex = await graphqlOk<{ contractYearCloses: { stateTotals: { stateCode: string }[] }[] }>(
      api.url,
      HISTORY,
      { id: agreementId },
      tokens.vertex,
    );
    expect(vertex.contractYearCloses[0].stateTotals.map((t) => t.stateCode)).toEqual(['CA', 'NY', 'TX']);
    const texas = await graphqlOk<{ contractYearCloses: { stateTotals: { stateCode: string; volume: string }[] }[] }>(
      api.url,
      HISTORY,
      { id: agreementId },
      tokens.TX,
    );
    expect(texas.contractYearCloses.map((c) => c.stateTotals)).toEqual([
      [{ stateCode: 'TX', volume: '2640000.00', total: '2640000.00', entries: 2 }],
      [{ stateCode: 'TX', volume: '110000.00', total: '110000.00', entries: 1 }],
    ]);
    for (const caller of ['GA', 'genetix']) {
      const hidden = await graphql(api.url, HISTORY, { id: agreementId }, tokens[caller]);
      expect({ caller, code: hidden.errors?.[0]?.extensions?.code }).toEqual({ caller, code: 'NOT_FOUND' });
    }
  });
});
