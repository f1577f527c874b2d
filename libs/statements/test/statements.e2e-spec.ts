import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueue, QueueName } from '@lib/queue';
import {
  executedCasgevyAgreement,
  graphql,
  graphqlOk,
  queryRows,
  signInCast,
  startTestStack,
  startWorker,
  stopTestStack,
  testConfig,
  waitForJob,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';
import { exportStatement } from '../../../apps/cli/src/statement/statement-export-client';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');
const CSV_HEADER =
  'statement_number,state,labeler_code,product,ndc11,episode_ref,administration_date,component,service_quarter,amount';

/**
 * A late NY file for March 2026 voiding the worked example's administration, both the fee-for-service
 * claim and the managed-care encounter (which would otherwise become the index): service quarter 2026Q1.
 */
const LATE_VOID = [
  'COT00001|4.0.0|O|CLAIMOT|36|20260420|20260301|20260331|2|4',
  'COT00002|36|1|NY2026030100017|NY2026041500001|20260415|1|MSIS00012345|1|F1|0|1234567893|||20260310|20260310||2200000.00',
  'COT00003|36|2|NY2026030100017|NY2026041500001|20260415|1|1|0892|J3392|51167-0290-09|1|UN|1|20260310|20260310|2200000.00',
  'COT00002|36|3|NY2026030100018|NY2026041500002|20260415|1|MSIS00012345|3|F1|0|1234567893|||20260310|||2150000.00',
  'COT00003|36|4|NY2026030100018|NY2026041500002|20260415|1|1|0892|J3392|51167029009|1|UN|1|20260310|20260310|2150000.00',
].join('\n');

const STATEMENT_FIELDS = `id number status stateCode labelerCode quarter issuedOn dueOn issuedAutomatically issuedTotal issuedLineCount
  lines { lineNumber lineId episodeRef product ndc11 administrationDate component componentLabel serviceQuarter priorPeriodAdjustment cause causeLabel amount }
  totals { total currentPeriod priorPeriod lineCount byComponent { component label amount } byCause { cause label amount } }
  payments { amount receivedOn reference }`;

interface Line {
  lineNumber: number;
  lineId: string;
  episodeRef: string;
  component: string;
  componentLabel: string;
  causeLabel: string;
  serviceQuarter: string;
  priorPeriodAdjustment: boolean;
  cause: string;
  amount: string;
}
interface Statement {
  id: string;
  number: string;
  status: string;
  quarter: string;
  issuedOn: string | null;
  dueOn: string | null;
  issuedAutomatically: boolean;
  issuedTotal: string | null;
  issuedLineCount: number | null;
  lines: Line[];
  totals: {
    total: string;
    currentPeriod: string;
    priorPeriod: string;
    lineCount: number;
    byComponent: { component: string; label: string; amount: string }[];
    byCause: { cause: string; label: string; amount: string }[];
  };
  payments: { amount: string; receivedOn: string; reference: string }[];
}

/**
 * Statements end to end: the worked example's files go in over HTTP and through the
 * real worker; a coordinator issues the first quarter, which freezes it, and a late void for
 * that quarter lands on the next statement as a prior-period adjustment; the manufacturer
 * acknowledges, pays in two remittances across an interest rate change (balances and interest to
 * the cent), downloads the CSV and HTML; other tenants see nothing; the automatic quarter close
 * issues the due drafts only.
 */
describe('statements: issue, freeze, pay, export', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let queuePrefix = '';
  const tokens: Record<string, string> = {};
  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);
  const gql = <T>(who: string, query: string, variables: Record<string, unknown> = {}) =>
    graphqlOk<T>(api.url, query, variables, tokens[who]);
  const gqlError = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const result = await graphql(api.url, query, variables, tokens[who]);
    expect(result.errors?.length).toBeGreaterThan(0);
    return { ...result.errors![0].extensions, message: result.errors![0].message };
  };
  const byNumber = async (who: string, number: string, asOf?: string) =>
    (
      await gql<{ statementByNumber: Statement & { balances: Record<string, string | null> } }>(
        who,
        `query($n: String!, $asOf: Date) { statementByNumber(number: $n) { ${STATEMENT_FIELDS}
           balances(asOf: $asOf) { asOf total paid disputed outstanding outstandingUndisputed interestStartsOn interestOwed interestProblem } } }`,
        { n: number, asOf },
      )
    ).statementByNumber;

  beforeAll(async () => {
    // The API's clock starts in April 2026; the worker's is pinned after the worked example's last
    // reporting period (May 2027), since a period after the current month is rejected.
    const stack = await startTestStack(
      { STATEMENT_AUTO_ISSUE: 'false', FIXED_TIME: '2027-06-15T12:00:00Z' },
      { now: '2026-04-10T12:00:00Z' },
    );
    ({ db, api, worker } = stack);
    queuePrefix = stack.config.queue.prefix;
    Object.assign(tokens, await signInCast({ db, api }, ['NY', 'TX', 'coordinator', 'auditor', 'vertex', 'genetix']));
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' });
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  async function submit(name: string, body: Buffer | string): Promise<void> {
    const response = await fetch(`${api.url}/v1/states/NY/claim-files?fileName=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.NY}`, 'content-type': 'application/octet-stream' },
      body,
    });
    expect(response.status).toBe(202);
    const { submission } = (await response.json()) as { submission: { id: string } };
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [row] = await sql<{ status: string }>('SELECT status FROM claim_submission WHERE id = $1', [submission.id]);
      if (row.status === 'COMPLETED') return;
      if (['REJECTED', 'FAILED'].includes(row.status) || Date.now() > deadline)
        throw new Error(`${name}: ${row.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const submitFixture = (file: string) => submit(file, readFileSync(join(FIXTURES, file)));
  const episodeRef = async () =>
    (await sql<{ episode_ref: string }>(`SELECT episode_ref FROM episode WHERE index_icn = 'NY2026030100017'`))[0]
      .episode_ref;

  it('shows a live DRAFT, refuses to issue a quarter still running, and issuing freezes the statement', async () => {
    await submitFixture('1-NY-CLAIMOT-2026-03.txt');
    const draft = await byNumber('vertex', 'CGT-NY-51167-2026Q1');
    expect(draft).toMatchObject({
      status: 'DRAFT',
      issuedOn: null,
      issuedTotal: null,
      totals: { total: '220000.00', currentPeriod: '220000.00', priorPeriod: '0.00', lineCount: 1 },
      balances: { interestOwed: null, interestStartsOn: null, outstanding: '220000.00' },
    });
    expect(draft.lines).toEqual([
      expect.objectContaining({
        episodeRef: await episodeRef(),
        component: 'GUARANTEED',
        serviceQuarter: '2026Q1',
        priorPeriodAdjustment: false,
        cause: 'CLAIMS',
        amount: '220000.00',
      }),
    ]);

    const open = await gqlError('coordinator', `mutation { issueStatements(input: { quarter: "2026Q2" }) { number } }`);
    expect(open.reason ?? open.code).toBeDefined();
    expect(JSON.stringify(open)).toContain('STATEMENT_QUARTER_OPEN');
    expect(
      (await gqlError('vertex', `mutation($id: ID!) { issueStatement(id: $id) { number } }`, { id: draft.id })).code,
    ).toBe('FORBIDDEN');

    const { issueStatement } = await gql<{ issueStatement: Statement }>(
      'coordinator',
      `mutation($id: ID!) { issueStatement(id: $id) { number status issuedOn dueOn issuedTotal issuedLineCount issuedAutomatically } }`,
      { id: draft.id },
    );
    expect(issueStatement).toEqual({
      number: 'CGT-NY-51167-2026Q1',
      status: 'ISSUED',
      issuedOn: '2026-04-10',
      dueOn: '2026-05-17',
      issuedTotal: '220000.00',
      issuedLineCount: 1,
      issuedAutomatically: false,
    });
    const again = await gqlError('coordinator', `mutation($id: ID!) { issueStatement(id: $id) { number } }`, {
      id: draft.id,
    });
    expect(JSON.stringify(again)).toContain('STATEMENT_INVALID_TRANSITION');
    expect(
      await sql(`SELECT quarter FROM ledger_period_close WHERE labeler_code = '51167' AND state_code = 'NY'`),
    ).toEqual([{ quarter: '2026Q1' }]);
  });

  it('lets the owning manufacturer acknowledge, once; other manufacturers do not find the statement', async () => {
    const { id } = await byNumber('coordinator', 'CGT-NY-51167-2026Q1');
    const ack = `mutation($id: ID!) { acknowledgeStatement(id: $id) { status } }`;
    expect((await gqlError('genetix', ack, { id })).code).toBe('NOT_FOUND');
    expect((await gqlError('coordinator', ack, { id })).code).toBe('FORBIDDEN');
    expect(await gql('vertex', ack, { id })).toEqual({ acknowledgeStatement: { status: 'ACKNOWLEDGED' } });
    expect(JSON.stringify(await gqlError('vertex', ack, { id }))).toContain('STATEMENT_INVALID_TRANSITION');
    // No rate table yet: balances still show, interest names the missing rate instead of charging nothing.
    expect((await byNumber('vertex', 'CGT-NY-51167-2026Q1', '2026-06-30')).balances).toMatchObject({
      outstanding: '220000.00',
      interestOwed: null,
      interestProblem: 'No interest rate in force on 2026-05-18',
    });
    const page = await fetch(`${api.url}/v1/statements/CGT-NY-51167-2026Q1.html?asOf=2026-06-30`, {
      headers: { authorization: `Bearer ${tokens.vertex}` },
    });
    // The document still downloads, and says why interest is not shown (as GraphQL does).
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Not computed: No interest rate in force on 2026-05-18');
  });

  it('puts the worked example on its statements and a late correction for an issued quarter on the next one', async () => {
    for (const file of ['2-NY-CLAIMIP-2026-11.txt', '3-NY-CLAIMIP-2027-01.txt', '4-NY-CLAIMIP-2027-05.txt']) {
      await submitFixture(file);
    }
    const ref = await episodeRef();
    const expected = readFileSync(join(FIXTURES, 'expected-ledger.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    for (const row of expected) {
      const [state, labeler, product, ndc11, adminDate, component, serviceQuarter, amount] = row.split(',');
      const number = `CGT-${state}-${labeler}-${serviceQuarter}`;
      const response = await fetch(`${api.url}/v1/statements/${number}.csv`, {
        headers: { authorization: `Bearer ${tokens.vertex}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(await response.text()).toBe(
        `${CSV_HEADER}\r\n${[number, state, labeler, product, ndc11, ref, adminDate, component, serviceQuarter, amount].join(',')}\r\n`,
      );
    }

    // The issued 2026Q1 statement never changes; the void for March 2026 lands on 2026Q2.
    await submit('late-void-2026-03.txt', LATE_VOID);
    const q1 = await byNumber('vertex', 'CGT-NY-51167-2026Q1');
    expect(q1.totals).toMatchObject({ total: '220000.00', lineCount: 1 });
    const q2 = await byNumber('vertex', 'CGT-NY-51167-2026Q2');
    expect(q2.status).toBe('DRAFT');
    expect(q2.lines.map((l) => [l.component, l.serviceQuarter, l.priorPeriodAdjustment, l.amount])).toEqual([
      ['GUARANTEED', '2026Q1', true, '-220000.00'],
      ['OUTCOME:VOE12', '2026Q1', true, '-660000.00'],
    ]);
    expect(q2.totals).toMatchObject({ total: '-880000.00', currentPeriod: '0.00', priorPeriod: '-880000.00' });
    // Numbered lines in statement order (what a dispute refers to), with the codes in plain words.
    expect(q2.lines.map((l) => [l.lineNumber, l.componentLabel, l.causeLabel])).toEqual([
      [1, 'Guaranteed rebate', 'Claims'],
      [2, 'Outcome rebate: VOE within 12 months', 'Claims'],
    ]);
    expect(q2.totals.byComponent.map((c) => [c.component, c.label, c.amount])).toEqual([
      ['GUARANTEED', 'Guaranteed rebate', '-220000.00'],
      ['OUTCOME:VOE12', 'Outcome rebate: VOE within 12 months', '-660000.00'],
    ]);
    expect(q2.totals.byCause.find((c) => c.cause === 'DISPUTE_RESOLUTION')?.label).toBe('Dispute resolution');
    const { statementByNumber: numbered } = await gql<{
      statementByNumber: { second: Line | null; none: Line | null; zero: Line | null };
    }>(
      'vertex',
      `query($n: String!) { statementByNumber(number: $n) {
         second: line(number: 2) { lineNumber lineId componentLabel }
         none: line(number: 3) { lineId }
         zero: line(number: 0) { lineId } } }`,
      { n: 'CGT-NY-51167-2026Q2' },
    );
    expect(numbered).toEqual({
      second: { lineNumber: 2, lineId: q2.lines[1].lineId, componentLabel: 'Outcome rebate: VOE within 12 months' },
      none: null,
      zero: null,
    });
  });

  it('keeps interest rates in a table that only grows forward', async () => {
    const set = `mutation($input: SetInterestRateInput!) { setInterestRate(input: $input) { effectiveFrom effectiveTo annualRate } }`;
    expect((await gqlError('vertex', set, { input: { effectiveFrom: '2026-01-01', annualRate: '0.05' } })).code).toBe(
      'FORBIDDEN',
    );
    await gql('coordinator', set, { input: { effectiveFrom: '2026-01-01', annualRate: '0.05', note: 'initial' } });
    api.clock!.set('2026-06-01T09:00:00Z');
    expect(
      JSON.stringify(
        await gqlError('coordinator', set, { input: { effectiveFrom: '2026-05-01', annualRate: '0.07' } }),
      ),
    ).toContain('INTEREST_RATE_REFUSED');
    await gql('coordinator', set, { input: { effectiveFrom: '2026-06-01', annualRate: '0.08', note: 'raised' } });
    expect(await gql('NY', `{ interestRates { effectiveFrom effectiveTo annualRate note } }`)).toEqual({
      interestRates: [
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-05-31', annualRate: '0.05', note: 'initial' },
        { effectiveFrom: '2026-06-01', effectiveTo: null, annualRate: '0.08', note: 'raised' },
      ],
    });
  });

  it('records payments, refuses a repeated reference, and computes balances and interest to the cent', async () => {
    const { id } = await byNumber('vertex', 'CGT-NY-51167-2026Q1');
    const pay = `mutation($input: RecordStatementPaymentInput!) { recordStatementPayment(input: $input) { status payments { amount receivedOn reference } } }`;
    const first = { statementId: id, amount: '100000.00', receivedOn: '2026-05-27', reference: 'WIRE-1' };
    expect((await gqlError('genetix', pay, { input: first })).code).toBe('NOT_FOUND');
    expect((await gqlError('NY', pay, { input: first })).code).toBe('FORBIDDEN');
    expect(await gql('vertex', pay, { input: first })).toEqual({
      recordStatementPayment: {
        status: 'PARTIALLY_PAID',
        payments: [{ amount: '100000.00', receivedOn: '2026-05-27', reference: 'WIRE-1' }],
      },
    });
    const duplicate = await gqlError('vertex', pay, { input: { ...first, amount: '5.00' } });
    expect(duplicate).toMatchObject({ code: 'CONFLICT', reason: 'PAYMENT_REFUSED' });
    expect(JSON.stringify(duplicate)).toContain('WIRE-1');
    expect(await gqlError('vertex', pay, { input: { ...first, reference: 'X', amount: '0.00' } })).toMatchObject({
      reason: 'PAYMENT_AMOUNT_INVALID',
    });

    // Day 38 after 2026-04-10 is 2026-05-18: 10 days on 220,000.00 at 5 %, 4 days on 120,000.00 at 5 %,
    // then 30 days on 120,000.00 at 8 % (actual/365, rounded once).
    expect((await byNumber('vertex', 'CGT-NY-51167-2026Q1', '2026-05-31')).balances).toMatchObject({
      paid: '100000.00',
      outstanding: '120000.00',
      outstandingUndisputed: '120000.00',
      interestStartsOn: '2026-05-18',
      interestOwed: '367.12',
    });
    expect((await byNumber('NY', 'CGT-NY-51167-2026Q1', '2026-06-30')).balances).toEqual({
      asOf: '2026-06-30',
      total: '220000.00',
      paid: '100000.00',
      disputed: '0.00',
      outstanding: '120000.00',
      outstandingUndisputed: '120000.00',
      interestStartsOn: '2026-05-18',
      interestOwed: '1156.16',
      interestProblem: null,
    });

    api.clock!.set('2026-07-01T09:00:00Z');
    // Money integrity: bounded amounts, no overpayment unless flagged.
    const second = { statementId: id, amount: '120050.00', receivedOn: '2026-06-30', reference: 'WIRE-2' };
    for (const amount of ['99999999999999.99', '1' + '0'.repeat(60) + '.00', '10000000000.01']) {
      const huge = await gqlError('vertex', pay, { input: { ...second, amount, overpayment: true } });
      expect(huge).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYMENT_AMOUNT_INVALID' });
      expect(huge.message).toContain('above the maximum of 10000000000.00');
    }
    const over = await gqlError('vertex', pay, { input: second });
    expect(over).toMatchObject({ code: 'CONFLICT', reason: 'PAYMENT_REFUSED' });
    expect(over.message).toContain('120050.00 is more than the outstanding 120000.00');
    expect(over.message).toContain('overpayment: true');
    expect(await sql(`SELECT count(*)::int AS n FROM statement_payment WHERE statement_id = $1`, [id])).toEqual([
      { n: 1 },
    ]);
    expect(
      await gql(
        'coordinator',
        `mutation($input: RecordStatementPaymentInput!) { recordStatementPayment(input: $input) {
           status payments { amount reference } credits { amount receivedOn reference } } }`,
        {
          input: { ...second, overpayment: true },
        },
      ),
    ).toEqual({
      recordStatementPayment: {
        status: 'PAID',
        payments: [
          { amount: '100000.00', reference: 'WIRE-1' },
          { amount: '120000.00', reference: 'WIRE-2' },
        ],
        credits: [{ amount: '50.00', receivedOn: '2026-06-30', reference: 'WIRE-2' }],
      },
    });
    expect((await byNumber('vertex', 'CGT-NY-51167-2026Q1', '2026-07-15')).balances).toMatchObject({
      paid: '220000.00',
      outstanding: '0.00',
      interestOwed: '1156.16',
    });
    // Nothing is outstanding any more: a further payment is refused, or kept whole as a credit.
    const third = { statementId: id, amount: '10.00', receivedOn: '2026-06-30', reference: 'WIRE-3' };
    expect((await gqlError('vertex', pay, { input: third })).message).toContain('more than the outstanding 0.00');
    await gql('vertex', pay, { input: { ...third, overpayment: true } });
    expect((await byNumber('vertex', 'CGT-NY-51167-2026Q1', '2026-07-15')).balances.outstanding).toBe('0.00');
    expect(
      await sql(`SELECT amount::text, reference, payment_id IS NULL AS whole FROM statement_credit ORDER BY reference`),
    ).toEqual([
      { amount: '50.00', reference: 'WIRE-2', whole: false },
      { amount: '10.00', reference: 'WIRE-3', whole: true },
    ]);
    const audit = await sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'statement.issue',
      'statement.acknowledge',
      'statement.payment_recorded',
      'statement.payment_recorded',
    ]);
    expect(
      await sql(`SELECT after->>'reference' AS reference, after->>'amount' AS amount, after->>'received' AS received,
                        after->>'credit' AS credit FROM audit_event
                  WHERE action = 'statement-payment.recorded' ORDER BY id`),
    ).toEqual([
      { reference: 'WIRE-1', amount: '100000.00', received: '100000.00', credit: '0.00' },
      { reference: 'WIRE-2', amount: '120000.00', received: '120050.00', credit: '50.00' },
      { reference: 'WIRE-3', amount: '0.00', received: '10.00', credit: '10.00' },
    ]);
  });

  it('serves the printable document and exports through the CLI, within the caller’s scope', async () => {
    const html = await fetch(`${api.url}/v1/statements/CGT-NY-51167-2026Q1.html?asOf=2026-06-30`, {
      headers: { authorization: `Bearer ${tokens.vertex}` },
    });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await html.text();
    expect(page).toContain('Rebate statement CGT-NY-51167-2026Q1');
    expect(page).toContain('Vertex');
    expect(page).toMatch(/Interest accrued \(from 2026-05-18\)<\/th><td class="num">\$1,156\.16/);
    expect(page).not.toContain('MSIS');

    const draft = await fetch(`${api.url}/v1/labelers/51167/states/NY/statements/2026Q4.html`, {
      headers: { authorization: `Bearer ${tokens.NY}` },
    });
    expect(draft.status).toBe(200);
    expect(await draft.text()).toContain('Not issued (draft)');
    const { id: draftId } = await byNumber('coordinator', 'CGT-NY-51167-2026Q4');
    const payDraft = await gqlError(
      'coordinator',
      `mutation($input: RecordStatementPaymentInput!) { recordStatementPayment(input: $input) { status } }`,
      { input: { statementId: draftId, amount: '1.00', receivedOn: '2026-06-01', reference: 'EARLY' } },
    );
    expect(payDraft).toMatchObject({ reason: 'PAYMENT_REFUSED' });
    expect(payDraft.message).toContain('has not been issued');

    for (const who of ['genetix', 'TX']) {
      for (const path of ['statements/CGT-NY-51167-2026Q1.csv', 'labelers/51167/states/NY/statements/2026Q1.html']) {
        const denied = await fetch(`${api.url}/v1/${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
        expect({ who, path, status: denied.status }).toEqual({ who, path, status: 404 });
      }
    }
    expect((await fetch(`${api.url}/v1/statements/CGT-NY-51167-2026Q1.csv`)).status).toBe(401);
    for (const path of ['statements/not-a-statement.csv', 'labelers/51167/states/NY/statements/2026Q1.docx']) {
      const missing = await fetch(`${api.url}/v1/${path}`, { headers: { authorization: `Bearer ${tokens.vertex}` } });
      expect({ path, status: missing.status }).toEqual({ path, status: 404 });
    }
    const foreign = await gql<{ statements: { totalCount: number } }>('genetix', `{ statements { totalCount } }`);
    expect(foreign.statements.totalCount).toBe(0);
    expect((await gqlError('TX', `{ statementByNumber(number: "CGT-NY-51167-2026Q1") { id } }`)).code).toBe(
      'NOT_FOUND',
    );

    const out = join(mkdtempSync(join(tmpdir(), 'cgt-export-')), 'q1.csv');
    const body = await exportStatement({
      api: api.url,
      token: tokens.vertex,
      labeler: '51167',
      state: 'ny',
      quarter: '2026Q1',
      format: 'csv',
      out,
    });
    expect(readFileSync(out, 'utf8')).toBe(body);
    expect(body).toBe(
      `${CSV_HEADER}\r\nCGT-NY-51167-2026Q1,NY,51167,CASGEVY,51167029009,${await episodeRef()},2026-03-10,GUARANTEED,2026Q1,220000.00\r\n`,
    );
    await expect(
      exportStatement({
        api: api.url,
        token: tokens.genetix,
        labeler: '51167',
        state: 'NY',
        quarter: '2026Q1',
        format: 'csv',
      }),
    ).rejects.toThrow(/HTTP 404 NOT_FOUND/);
  });

  it('summarises across states for coordinators and within scope for manufacturers and states', async () => {
    const query = `query($asOf: Date) { statementSummary(asOf: $asOf) { total outstanding interestOwed
      amounts { quarter stateCode product component amount lineCount }
      balances { quarter stateCode statements issued billed paid outstanding interestOwed } } }`;
    type Summary = {
      statementSummary: {
        total: string;
        interestOwed: string;
        amounts: { quarter: string; component: string; amount: string }[];
        balances: { quarter: string; issued: number; billed: string; paid: string; interestOwed: string }[];
      };
    };
    const coordinator = (await gql<Summary>('coordinator', query, { asOf: '2026-06-30' })).statementSummary;
    expect(coordinator.amounts.map((a) => [a.quarter, a.component, a.amount])).toEqual([
      ['2026Q1', 'GUARANTEED', '220000.00'],
      ['2026Q2', 'GUARANTEED', '-220000.00'],
      ['2026Q2', 'OUTCOME:VOE12', '-660000.00'],
      ['2026Q4', 'OUTCOME:VOE12', '1100000.00'],
      ['2027Q1', 'OUTCOME:VOE12', '-1100000.00'],
      ['2027Q2', 'OUTCOME:VOE12', '660000.00'],
    ]);
    expect(coordinator.total).toBe('0.00');
    expect(coordinator.interestOwed).toBe('1156.16');
    expect(coordinator.balances[0]).toMatchObject({
      quarter: '2026Q1',
      issued: 1,
      billed: '220000.00',
      paid: '220000.00',
    });
    expect((await gql<Summary>('vertex', query, { asOf: '2026-06-30' })).statementSummary).toEqual(coordinator);
    expect((await gql<Summary>('genetix', query)).statementSummary.amounts).toEqual([]);
    expect((await gql<Summary>('TX', query)).statementSummary.amounts).toEqual([]);
  });

  it('closes quarters automatically: the worker issues the drafts due, and only those', async () => {
    await worker.close();
    // 2026Q2 ended 2026-06-30 and is due 60 days later; 2026Q4 and later are not due on 2026-09-15.
    worker = await startWorker(
      testConfig(db.url, { QUEUE_PREFIX: queuePrefix, FIXED_TIME: '2026-09-15', STATEMENT_AUTO_ISSUE_DAYS: '60' }),
    );
    const jobs = worker.context.get(JobQueue);
    await jobs.enqueue(QueueName.STATEMENTS, 'issue-due-statements', {}, { jobId: 'auto-close-test' });
    expect((await waitForJob(jobs, QueueName.STATEMENTS, 'auto-close-test')).failedReason).toBeUndefined();
    expect(
      await sql(
        `SELECT quarter, status, issued_on::text, issued_automatically, issued_by, total::text
           FROM statement ORDER BY quarter`,
      ),
    ).toEqual([
      {
        quarter: '2026Q1',
        status: 'PAID',
        issued_on: '2026-04-10',
        issued_automatically: false,
        issued_by: expect.any(String),
        total: '220000.00',
      },
      {
        quarter: '2026Q2',
        status: 'ISSUED',
        issued_on: '2026-09-15',
        issued_automatically: true,
        issued_by: null,
        total: '-880000.00',
      },
      {
        quarter: '2026Q4',
        status: 'DRAFT',
        issued_on: null,
        issued_automatically: false,
        issued_by: null,
        total: null,
      },
      {
        quarter: '2027Q1',
        status: 'DRAFT',
        issued_on: null,
        issued_automatically: false,
        issued_by: null,
        total: null,
      },
      {
        quarter: '2027Q2',
        status: 'DRAFT',
        issued_on: null,
        issued_automatically: false,
        issued_by: null,
        total: null,
      },
    ]);
  });
});
