import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock, FixedClock, Role } from '@lib/common';
import {
  createTestDatabase,
  executedCasgevyAgreement,
  graphql,
  graphqlOk,
  insertUser,
  manufacturerIdOf,
  queryRows,
  signIn,
  startApi,
  startWorker,
  testConfig,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
  WAIT_LIMIT_MS,
} from '@lib/testing';

const FIXTURES = join(__dirname, '..', 'fixtures', 'worked-example');
/** The beneficiary of the worked example (its claim files); a manufacturer must never see it. */
const MSIS_ID = 'MSIS00012345';
/** Rebate-rules section 8: the statement CSV columns, in this order. */
const CSV_HEADER =
  'statement_number,state,labeler_code,product,ndc11,episode_ref,administration_date,component,service_quarter,amount';

const LINE_FIELDS =
  'lineId episodeRef product ndc11 administrationDate component serviceQuarter priorPeriodAdjustment cause amount';
const STATEMENT_FIELDS = `id number status stateCode labelerCode quarter issuedOn dueOn issuedTotal issuedLineCount
  lines { ${LINE_FIELDS} } totals { total currentPeriod priorPeriod lineCount }`;
const BALANCE_FIELDS =
  'asOf total paid disputed upheld undisputed outstanding outstandingUndisputed interestStartsOn interestOwed interestProblem';

interface Line {
  lineId: string;
  episodeRef: string;
  component: string;
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
  lines: Line[];
  totals: { total: string; currentPeriod: string; priorPeriod: string; lineCount: number };
}

/**
 * The three user journeys, over HTTP only: REST for claim files and
 * statement downloads, GraphQL for the rest, with real sign-in tokens, the real API and worker
 * and one fixed "today" moved forward on both. Only the users and the executed agreement are
 * fixtures; everything else happens through the API, SQL only reads.
 *
 * Timeline (every date is the API's and the worker's today):
 *   2027-06-15  New York and Georgia submit the worked example's five files; the coordinator
 *               issues 2026Q1 (due 2027-07-22) and sets rates: 5 % from 2027-01-01, 8 % from 2027-09-01.
 *   2027-06-21  Vertex downloads the CSV of CGT-NY-51167-2026Q1 and disputes its line (code U).
 *   2027-06-28  New York upholds at 0: the reversal lands on the next open statement, 2027Q2.
 *   2027-07-01  The coordinator issues 2026Q4 (the +1,100,000.00 outcome line), due 2027-08-07.
 *   2027-08-23  Vertex records 400,000.00 received 2027-08-20, late.
 *   2027-10-04  Vertex pays the remaining 700,000.00 received 2027-10-01.
 */
describe('user journeys: a state submits, the coordinator issues, the manufacturer disputes and pays', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  const tokens: Record<string, string> = {};
  const shared = { episodeRef: '', q1: null as Statement | null, q4: null as Statement | null, disputeId: '' };

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);
  const gql = <T>(who: string, query: string, variables: Record<string, unknown> = {}) =>
    graphqlOk<T>(api.url, query, variables, tokens[who]);
  const gqlErrorCode = async (who: string, query: string, variables: Record<string, unknown> = {}) =>
    (await graphql(api.url, query, variables, tokens[who])).errors?.[0]?.extensions?.code;
  const setToday = (day: string) => {
    for (const clock of [api.app.get<Clock, FixedClock>(Clock), worker.context.get<Clock, FixedClock>(Clock)]) {
      expect(clock).toBeInstanceOf(FixedClock);
      clock.set(`${day}T12:00:00Z`);
    }
  };
  const statementByNumber = async (who: string, number: string) =>
    (
      await gql<{ statementByNumber: Statement }>(
        who,
        `query($n: String!) { statementByNumber(number: $n) { ${STATEMENT_FIELDS} } }`,
        { n: number },
      )
    ).statementByNumber;
  const balancesOf = async (who: string, number: string, asOf: string) =>
    (
      await gql<{ statementByNumber: { status: string; balances: Record<string, string | null> } }>(
        who,
        `query($n: String!, $asOf: Date) { statementByNumber(number: $n) { status balances(asOf: $asOf) { ${BALANCE_FIELDS} } } }`,
        { n: number, asOf },
      )
    ).statementByNumber;
  const balanceRow = (
    quarter: string,
    issued: number,
    billed: string,
    paid: string,
    outstanding: string,
    interestOwed: string,
  ) => ({ quarter, stateCode: 'NY', statements: 1, issued, billed, paid, outstanding, interestOwed });
  const downloadCsv = (who: string, number: string) =>
    fetch(`${api.url}/v1/statements/${number}.csv`, { headers: { authorization: `Bearer ${tokens[who]}` } });

  beforeAll(async () => {
    db = await createTestDatabase();
    // Statements are issued by the coordinator here, never by the automatic quarter close.
    const config = testConfig(db.url, { FIXED_TIME: '2027-06-15T12:00:00Z', STATEMENT_AUTO_ISSUE: 'false' });
    api = await startApi(config);
    worker = await startWorker(config);
    const vertex = await manufacturerIdOf(db.url, '51167');
    const genetix = await manufacturerIdOf(db.url, '73554');
    const users: [string, Parameters<typeof insertUser>[1]][] = [
      ['NY', { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' }],
      ['GA', { email: 'ga@test.gov', role: Role.STATE_STAFF, stateCode: 'GA' }],
      ['coordinator', { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR }],
      ['vertex', { email: 'v@vertex.test', role: Role.MANUFACTURER_STAFF, manufacturerId: vertex }],
      ['genetix', { email: 'g@genetix.test', role: Role.MANUFACTURER_STAFF, manufacturerId: genetix }],
    ];
    for (const [who, user] of users) {
      const created = await insertUser(db.url, user);
      tokens[who] = await signIn(api.url, created.email, created.password);
    }
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  describe('journey 1: the states submit the worked example’s claim files', () => {
    it('takes each file over REST and shows it COMPLETED through GraphQL', async () => {
      setToday('2027-06-15');
      const order = JSON.parse(readFileSync(join(FIXTURES, 'order.json'), 'utf8')) as { file: string; fips: string }[];
      const submitted: { id: string; usps: string; file: string }[] = [];
      for (const { file, fips } of order) {
        const usps = fips === '36' ? 'NY' : 'GA';
        const response = await fetch(`${api.url}/v1/states/${usps}/claim-files?fileName=${encodeURIComponent(file)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[usps]}`, 'content-type': 'application/octet-stream' },
          body: readFileSync(join(FIXTURES, file)),
        });
        expect({ file, status: response.status }).toEqual({ file, status: 202 });
        const { submission } = (await response.json()) as { submission: { id: string } };
        submitted.push({ id: submission.id, usps, file });
        // Files of a state are reconciled in order: follow each one to its end before the next.
        const deadline = Date.now() + WAIT_LIMIT_MS;
        for (;;) {
          const { claimSubmission } = await gql<{ claimSubmission: { status: string } }>(
            usps,
            `query($id: ID!) { claimSubmission(id: $id) { status } }`,
            { id: submission.id },
          );
          if (['COMPLETED', 'REJECTED', 'FAILED'].includes(claimSubmission.status)) {
            expect({ file, status: claimSubmission.status }).toEqual({ file, status: 'COMPLETED' });
            break;
          }
          if (Date.now() > deadline) throw new Error(`${file} still ${claimSubmission.status}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      type Listing = {
        claimSubmissions: {
          totalCount: number;
          edges: { node: { id: string; originalFileName: string; status: string } }[];
        };
      };
      const list = `query($filter: ClaimSubmissionFilterInput) { claimSubmissions(first: 10, filter: $filter) {
        totalCount edges { node { id originalFileName status } } } }`;
      const ny = (await gql<Listing>('NY', list)).claimSubmissions;
      expect(ny.edges.map((e) => e.node)).toEqual(
        submitted
          .filter((s) => s.usps === 'NY')
          .reverse()
          .map((s) => ({ id: s.id, originalFileName: s.file, status: 'COMPLETED' })),
      );
      // Each state sees its own files only; the coordinator sees all five.
      expect((await gql<Listing>('GA', list)).claimSubmissions.edges.map((e) => e.node.originalFileName)).toEqual([
        '5-GA-CLAIMOT-2026-02.txt',
      ]);
      expect(
        (await gql<Listing>('coordinator', list, { filter: { status: 'COMPLETED' } })).claimSubmissions.totalCount,
      ).toBe(5);
    });
  });

  describe('journey 2: the coordinator issues 2026Q1 and sets the interest rates', () => {
    it('issues the quarter’s statements once the quarter has ended', async () => {
      const { issueStatements } = await gql<{ issueStatements: Statement[] }>(
        'coordinator',
        `mutation { issueStatements(input: { quarter: "2026Q1" }) { ${STATEMENT_FIELDS} } }`,
      );
      // Georgia's file only raised an exception (no participation): New York's is the one statement.
      expect(issueStatements.map((s) => [s.number, s.status, s.issuedOn, s.dueOn, s.totals.total])).toEqual([
        ['CGT-NY-51167-2026Q1', 'ISSUED', '2027-06-15', '2027-07-22', '220000.00'],
      ]);
      shared.q1 = issueStatements[0];
      shared.episodeRef = shared.q1.lines[0].episodeRef;
      expect(shared.q1.lines).toEqual([
        {
          lineId: expect.any(String) as string,
          episodeRef: expect.stringMatching(/\S/) as string,
          product: 'CASGEVY',
          ndc11: '51167029009',
          administrationDate: '2026-03-10',
          component: 'GUARANTEED',
          serviceQuarter: '2026Q1',
          priorPeriodAdjustment: false,
          cause: 'CLAIMS',
          amount: '220000.00',
        },
      ]);
      expect(shared.episodeRef).not.toContain(MSIS_ID);
    });

    it('keeps the rate table: 5 % from 2027-01-01, 8 % from 2027-09-01', async () => {
      const set = `mutation($input: SetInterestRateInput!) { setInterestRate(input: $input) { effectiveFrom effectiveTo annualRate } }`;
      expect(await gqlErrorCode('vertex', set, { input: { effectiveFrom: '2027-01-01', annualRate: '0.05' } })).toBe(
        'FORBIDDEN',
      );
      await gql('coordinator', set, { input: { effectiveFrom: '2027-01-01', annualRate: '0.05', note: 'initial' } });
      await gql('coordinator', set, { input: { effectiveFrom: '2027-09-01', annualRate: '0.08', note: 'raised' } });
      expect(await gql('vertex', `{ interestRates { effectiveFrom effectiveTo annualRate } }`)).toEqual({
        interestRates: [
          { effectiveFrom: '2027-01-01', effectiveTo: '2027-08-31', annualRate: '0.05' },
          { effectiveFrom: '2027-09-01', effectiveTo: null, annualRate: '0.08' },
        ],
      });
    });

    it('sees the cross-state summary of what the ledger holds', async () => {
      const { statementSummary } = await gql<{
        statementSummary: {
          total: string;
          outstanding: string;
          interestOwed: string;
          amounts: unknown[];
          balances: unknown[];
        };
      }>(
        'coordinator',
        `{ statementSummary(asOf: "2027-06-15") { total outstanding interestOwed
           amounts { quarter stateCode product component amount lineCount }
           balances { quarter stateCode statements issued billed paid outstanding interestOwed } } }`,
      );
      expect(statementSummary.amounts).toEqual([
        {
          quarter: '2026Q1',
          stateCode: 'NY',
          product: 'CASGEVY',
          component: 'GUARANTEED',
          amount: '220000.00',
          lineCount: 1,
        },
        {
          quarter: '2026Q4',
          stateCode: 'NY',
          product: 'CASGEVY',
          component: 'OUTCOME:VOE12',
          amount: '1100000.00',
          lineCount: 1,
        },
        {
          quarter: '2027Q1',
          stateCode: 'NY',
          product: 'CASGEVY',
          component: 'OUTCOME:VOE12',
          amount: '-1100000.00',
          lineCount: 1,
        },
        {
          quarter: '2027Q2',
          stateCode: 'NY',
          product: 'CASGEVY',
          component: 'OUTCOME:VOE12',
          amount: '660000.00',
          lineCount: 1,
        },
      ]);
      expect(statementSummary.total).toBe('880000.00');
      expect(statementSummary.interestOwed).toBe('0.00');
      // Per quarter and state: one statement each, the first one issued, the others still DRAFT.
      expect(statementSummary.balances).toEqual([
        balanceRow('2026Q1', 1, '220000.00', '0.00', '220000.00', '0.00'),
        balanceRow('2026Q4', 0, '1100000.00', '0.00', '1100000.00', '0.00'),
        balanceRow('2027Q1', 0, '-1100000.00', '0.00', '-1100000.00', '0.00'),
        balanceRow('2027Q2', 0, '660000.00', '0.00', '660000.00', '0.00'),
      ]);
    });
  });

  describe('journey 3: the manufacturer downloads, disputes and pays', () => {
    it('lists its statements and downloads the 2026Q1 CSV, exactly the worked example', async () => {
      setToday('2027-06-21');
      type Listing = { statements: { totalCount: number; edges: { node: { number: string; status: string } }[] } };
      const listing = (
        await gql<Listing>('vertex', `{ statements(first: 20) { totalCount edges { node { number status } } } }`)
      ).statements;
      expect(listing.edges.map((e) => [e.node.number, e.node.status]).sort()).toEqual([
        ['CGT-NY-51167-2026Q1', 'ISSUED'],
        ['CGT-NY-51167-2026Q4', 'DRAFT'],
        ['CGT-NY-51167-2027Q1', 'DRAFT'],
        ['CGT-NY-51167-2027Q2', 'DRAFT'],
      ]);

      const response = await downloadCsv('vertex', 'CGT-NY-51167-2026Q1');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const body = await response.text();
      // The expected ledger's 2026Q1 row, with the statement number and the episode reference GraphQL shows.
      const [, ...rows] = readFileSync(join(FIXTURES, 'expected-ledger.csv'), 'utf8').trim().split(/\r?\n/);
      const q1Rows = rows.map((r) => r.split(',')).filter((r) => r[6] === '2026Q1');
      expect(q1Rows).toHaveLength(1);
      const [state, labeler, product, ndc11, adminDate, component, serviceQuarter, amount] = q1Rows[0];
      expect(body).toBe(
        `${CSV_HEADER}\r\n` +
          `${['CGT-NY-51167-2026Q1', state, labeler, product, ndc11, shared.episodeRef, adminDate, component, serviceQuarter, amount].join(',')}\r\n`,
      );
      expect(body).toBe(
        `${CSV_HEADER}\r\nCGT-NY-51167-2026Q1,NY,51167,CASGEVY,51167029009,${shared.episodeRef},2026-03-10,GUARANTEED,2026Q1,220000.00\r\n`,
      );
      expect(body).not.toContain('MSIS');
    });

    it('keeps a foreign manufacturer out: NOT_FOUND for the CSV and the statement, an empty list', async () => {
      expect((await downloadCsv('genetix', 'CGT-NY-51167-2026Q1')).status).toBe(404);
      const denied = (await (await downloadCsv('genetix', 'CGT-NY-51167-2026Q1')).json()) as Record<string, unknown>;
      expect(JSON.stringify(denied)).toContain('NOT_FOUND');
      expect(await gqlErrorCode('genetix', `{ statementByNumber(number: "CGT-NY-51167-2026Q1") { id } }`)).toBe(
        'NOT_FOUND',
      );
      expect(await gql('genetix', `{ statements { totalCount edges { node { number } } } }`)).toEqual({
        statements: { totalCount: 0, edges: [] },
      });
      expect(await gql('genetix', `{ statementSummary { total amounts { quarter } balances { quarter } } }`)).toEqual({
        statementSummary: { total: '0.00', amounts: [], balances: [] },
      });
      // Vertex's own GraphQL view names the episode by its reference only.
      expect(JSON.stringify(await statementByNumber('vertex', 'CGT-NY-51167-2026Q1'))).not.toContain(MSIS_ID);
    });

    it('disputes the line with code U and a document: the statement becomes DISPUTED', async () => {
      const q1 = shared.q1!;
      const letter = Buffer.from('Eligibility letter: not enrolled on 2026-03-10\n');
      const { openDispute } = await gql<{ openDispute: Record<string, unknown> & { id: string } }>(
        'vertex',
        `mutation($input: OpenDisputeInput!) { openDispute(input: $input) {
           id statementNumber scope ledgerEntryId code disputedAmount openedOn dueOn status documents { fileName sizeBytes } } }`,
        {
          input: {
            statementId: q1.id,
            ledgerEntryId: q1.lines[0].lineId,
            code: 'U',
            note: 'Not rebate eligible: not enrolled on the administration date',
            documents: [
              { fileName: 'letter.txt', contentType: 'text/plain', contentBase64: letter.toString('base64') },
            ],
          },
        },
      );
      expect(openDispute).toEqual({
        id: expect.any(String) as string,
        statementNumber: 'CGT-NY-51167-2026Q1',
        scope: 'LINE',
        ledgerEntryId: q1.lines[0].lineId,
        code: 'U',
        disputedAmount: '220000.00',
        openedOn: '2027-06-21',
        // The state has 60 days to resolve it.
        dueOn: '2027-08-20',
        status: 'OPEN',
        documents: [{ fileName: 'letter.txt', sizeBytes: letter.length }],
      });
      shared.disputeId = openDispute.id;
      expect(await balancesOf('vertex', q1.number, '2027-06-21')).toEqual({
        status: 'DISPUTED',
        balances: {
          asOf: '2027-06-21',
          total: '220000.00',
          paid: '0.00',
          disputed: '220000.00',
          upheld: '0.00',
          undisputed: '0.00',
          outstanding: '220000.00',
          outstandingUndisputed: '0.00',
          interestStartsOn: '2027-07-23',
          interestOwed: '0.00',
          interestProblem: null,
        },
      });
    });

    it('New York upholds at 0: the reversal lands on the next open statement; 2026Q1 never changes', async () => {
      setToday('2027-06-28');
      const { resolveDispute } = await gql<{ resolveDispute: unknown }>(
        'NY',
        `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { status resolution { outcome resolvedOn agreedAmount } } }`,
        {
          input: {
            disputeId: shared.disputeId,
            outcome: 'UPHELD',
            agreedAmount: '0.00',
            note: 'Eligibility file confirms it',
          },
        },
      );
      expect(resolveDispute).toEqual({
        status: 'UPHELD',
        resolution: { outcome: 'UPHELD', resolvedOn: '2027-06-28', agreedAmount: '0.00' },
      });

      // 2026Q1 is issued: its lines and total are what was issued; it is settled by the resolution.
      const q1 = await statementByNumber('vertex', 'CGT-NY-51167-2026Q1');
      expect(q1).toEqual({ ...shared.q1, status: 'ACKNOWLEDGED' });
      expect((await balancesOf('vertex', q1.number, '2027-09-30')).balances).toMatchObject({
        total: '220000.00',
        upheld: '220000.00',
        outstandingUndisputed: '0.00',
        interestOwed: '0.00',
      });
      // The next open statement, 2027Q2 (the quarter of the resolution), carries the reversal.
      const q2 = await statementByNumber('vertex', 'CGT-NY-51167-2027Q2');
      expect(q2.status).toBe('DRAFT');
      expect(
        q2.lines.map((l) => [l.episodeRef, l.component, l.serviceQuarter, l.priorPeriodAdjustment, l.cause, l.amount]),
      ).toEqual([
        [shared.episodeRef, 'GUARANTEED', '2027Q2', false, 'DISPUTE_RESOLUTION', '-220000.00'],
        [shared.episodeRef, 'OUTCOME:VOE12', '2027Q2', false, 'CLAIMS', '660000.00'],
      ]);
      expect(q2.totals).toEqual({ total: '440000.00', currentPeriod: '440000.00', priorPeriod: '0.00', lineCount: 2 });
      // The manufacturer's downloads say the same: 2026Q1 unchanged, 2027Q2 with the reversal.
      expect(await (await downloadCsv('vertex', 'CGT-NY-51167-2026Q1')).text()).toBe(
        `${CSV_HEADER}\r\nCGT-NY-51167-2026Q1,NY,51167,CASGEVY,51167029009,${shared.episodeRef},2026-03-10,GUARANTEED,2026Q1,220000.00\r\n`,
      );
      expect(await (await downloadCsv('vertex', 'CGT-NY-51167-2027Q2')).text()).toBe(
        `${CSV_HEADER}\r\n` +
          `CGT-NY-51167-2027Q2,NY,51167,CASGEVY,51167029009,${shared.episodeRef},2026-03-10,GUARANTEED,2027Q2,-220000.00\r\n` +
          `CGT-NY-51167-2027Q2,NY,51167,CASGEVY,51167029009,${shared.episodeRef},2026-03-10,OUTCOME:VOE12,2027Q2,660000.00\r\n`,
      );
    });

    it('pays the 2026Q4 statement in part, late: balances and interest to the cent', async () => {
      setToday('2027-07-01');
      const { issueStatements } = await gql<{ issueStatements: Statement[] }>(
        'coordinator',
        `mutation { issueStatements(input: { quarter: "2026Q4", stateCode: "NY", labelerCode: "51167" }) { ${STATEMENT_FIELDS} } }`,
      );
      expect(issueStatements.map((s) => [s.number, s.status, s.issuedOn, s.dueOn, s.totals.total])).toEqual([
        ['CGT-NY-51167-2026Q4', 'ISSUED', '2027-07-01', '2027-08-07', '1100000.00'],
      ]);
      shared.q4 = issueStatements[0];
      expect(shared.q4.lines.map((l) => [l.component, l.serviceQuarter, l.amount])).toEqual([
        ['OUTCOME:VOE12', '2026Q4', '1100000.00'],
      ]);

      setToday('2027-08-23');
      const pay = `mutation($input: RecordStatementPaymentInput!) { recordStatementPayment(input: $input) {
        status payments { amount receivedOn reference } } }`;
      const first = {
        statementId: shared.q4.id,
        amount: '400000.00',
        receivedOn: '2027-08-20',
        reference: 'WIRE-4001',
      };
      expect(await gqlErrorCode('genetix', pay, { input: first })).toBe('NOT_FOUND');
      expect(await gql('vertex', pay, { input: first })).toEqual({
        recordStatementPayment: {
          status: 'PARTIALLY_PAID',
          payments: [{ amount: '400000.00', receivedOn: '2027-08-20', reference: 'WIRE-4001' }],
        },
      });

      // Issued 2027-07-01, due 2027-08-07 (issue + 37); interest runs from day 38, 2027-08-08, simple
      // daily, actual/365, on the unpaid undisputed amount; the payment received 2027-08-20 counts
      // from 2027-08-21; the rate is 5 % through 2027-08-31 and 8 % from 2027-09-01. As of 2027-09-30:
      //   2027-08-08..2027-08-20  13 days x 1,100,000.00 x 0.05 / 365 = 715,000 / 365 = 1,958.904109...
      //   2027-08-21..2027-08-31  11 days x   700,000.00 x 0.05 / 365 = 385,000 / 365 = 1,054.794520...
      //   2027-09-01..2027-09-30  30 days x   700,000.00 x 0.08 / 365 = 1,680,000 / 365 = 4,602.739726...
      //   total 2,780,000 / 365 = 7,616.438356... -> 7,616.44 (rounded once, half up)
      expect(await balancesOf('vertex', 'CGT-NY-51167-2026Q4', '2027-09-30')).toEqual({
        status: 'PARTIALLY_PAID',
        balances: {
          asOf: '2027-09-30',
          total: '1100000.00',
          paid: '400000.00',
          disputed: '0.00',
          upheld: '0.00',
          undisputed: '1100000.00',
          outstanding: '700000.00',
          outstandingUndisputed: '700000.00',
          interestStartsOn: '2027-08-08',
          interestOwed: '7616.44',
          interestProblem: null,
        },
      });
      // As of the day the payment was received: it is paid, but the whole amount bore interest that
      // day, 13 days in all (1,958.904109... -> 1,958.90); from the next day on, only 700,000.00 does.
      expect((await balancesOf('NY', 'CGT-NY-51167-2026Q4', '2027-08-20')).balances).toMatchObject({
        paid: '400000.00',
        outstandingUndisputed: '700000.00',
        interestOwed: '1958.90',
      });
      // Paying on the due date would have cost nothing: nothing accrues through 2027-08-07.
      expect((await balancesOf('coordinator', 'CGT-NY-51167-2026Q4', '2027-08-07')).balances).toMatchObject({
        interestOwed: '0.00',
      });
    });

    it('pays the rest: PAID, interest frozen, and the summary shows it', async () => {
      setToday('2027-10-04');
      const { recordStatementPayment } = await gql<{ recordStatementPayment: { status: string } }>(
        'vertex',
        `mutation($input: RecordStatementPaymentInput!) { recordStatementPayment(input: $input) { status } }`,
        {
          input: { statementId: shared.q4!.id, amount: '700000.00', receivedOn: '2027-10-01', reference: 'WIRE-4002' },
        },
      );
      expect(recordStatementPayment.status).toBe('PAID');
      // One more day at 8 % on 700,000.00 (2027-10-01): 56,000 / 365 = 153.424657...; with the
      // 2,780,000 / 365 above: 2,836,000 / 365 = 7,769.863013... -> 7,769.86, and no more after.
      expect((await balancesOf('vertex', 'CGT-NY-51167-2026Q4', '2027-12-31')).balances).toMatchObject({
        paid: '1100000.00',
        outstanding: '0.00',
        outstandingUndisputed: '0.00',
        interestOwed: '7769.86',
      });
      const summary = `{ statementSummary(asOf: "2027-12-31") { interestOwed
        balances { quarter stateCode statements issued billed paid outstanding interestOwed } } }`;
      const { statementSummary } = await gql<{ statementSummary: { interestOwed: string; balances: unknown[] } }>(
        'coordinator',
        summary,
      );
      // Vertex is the only manufacturer with statements: it sees the same summary as the coordinator.
      expect(await gql('vertex', summary)).toEqual({ statementSummary });
      expect(statementSummary.interestOwed).toBe('7769.86');
      // The upheld 220,000.00 stays outstanding on 2026Q1 (balances.ts): its correction is the
      // -220,000.00 line of 2027Q2, which now bills 440,000.00.
      expect(statementSummary.balances).toEqual([
        balanceRow('2026Q1', 1, '220000.00', '0.00', '220000.00', '0.00'),
        balanceRow('2026Q4', 1, '1100000.00', '1100000.00', '0.00', '7769.86'),
        balanceRow('2027Q1', 0, '-1100000.00', '0.00', '-1100000.00', '0.00'),
        balanceRow('2027Q2', 0, '440000.00', '0.00', '440000.00', '0.00'),
      ]);
    });

    it('leaves the audit trail of the issue, the dispute, its resolution and the payments', async () => {
      type Events = { auditEvents: { edges: { node: { action: string; actorRole: string } }[] } };
      const trail = async (entityId: string) =>
        (
          await gql<Events>(
            'coordinator',
            `query($filter: AuditFilterInput) { auditEvents(first: 50, filter: $filter) { edges { node { action actorRole } } } }`,
            { filter: { entityId } },
          )
        ).auditEvents.edges
          .map((e) => [e.node.action, e.node.actorRole])
          .reverse();
      expect(await trail(shared.q1!.id)).toEqual([
        ['statement.issue', 'FEDERAL_COORDINATOR'],
        ['statement.dispute', 'MANUFACTURER_STAFF'],
        ['statement.disputes_resolved', 'STATE_STAFF'],
      ]);
      expect(await trail(shared.disputeId)).toEqual([
        ['dispute.open', 'MANUFACTURER_STAFF'],
        ['dispute.resolve', 'STATE_STAFF'],
      ]);
      expect(await trail(shared.q4!.id)).toEqual([
        ['statement.issue', 'FEDERAL_COORDINATOR'],
        ['statement.payment_recorded', 'MANUFACTURER_STAFF'],
        ['statement.payment_recorded', 'MANUFACTURER_STAFF'],
      ]);
      const payments = await gql<{ auditEvents: { edges: { node: { after: Record<string, string> } }[] } }>(
        'coordinator',
        `{ auditEvents(first: 10, filter: { action: "statement-payment.recorded" }) { edges { node { after } } } }`,
      );
      expect(payments.auditEvents.edges.map((e) => e.node.after).reverse()).toEqual([
        {
          statementId: shared.q4!.id,
          amount: '400000.00',
          received: '400000.00',
          credit: '0.00',
          outstandingBefore: '1100000.00',
          receivedOn: '2027-08-20',
          reference: 'WIRE-4001',
        },
        {
          statementId: shared.q4!.id,
          amount: '700000.00',
          received: '700000.00',
          credit: '0.00',
          outstandingBefore: '700000.00',
          receivedOn: '2027-10-01',
          reference: 'WIRE-4002',
        },
      ]);
      // Nothing in the trail names the beneficiary.
      expect(JSON.stringify(await sql(`SELECT before, after FROM audit_event`))).not.toContain(MSIS_ID);
    });
  });
});
