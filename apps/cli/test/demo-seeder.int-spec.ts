import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AgreementsService } from '@lib/agreements';
import {
  createTestDatabase,
  startApi,
  startWorker,
  testConfig,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';
import { CliModule } from '../src/cli.module';
import { DemoSeeder } from '../src/seed/demo-seeder';
import { DEMO_PASSWORD } from '../src/seed/demo-users';

interface ConsoleExample {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** Signs in through /v1/session as the console does and answers the session cookie. */
async function signIn(api: RunningApi, email: string): Promise<string> {
  const response = await fetch(`${api.url}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: api.url },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

describe('demo dataset (seeded through the services)', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let worker: RunningWorker;
  let api: RunningApi | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url);
    // The demo's claim files are processed by the real worker, as in `npm run demo`.
    worker = await startWorker(config);
    context = await NestFactory.createApplicationContext(CliModule.forRoot(config), { bufferLogs: true });
    context.useLogger(context.get(Logger));
    await context.get(DemoSeeder).seed();
  });

  afterAll(async () => {
    await api?.close();
    await context?.close();
    await worker?.close();
    await db?.drop();
  });

  it('executes both agreements with the illustrative terms of rebate-rules section 9, negotiated step by step', async () => {
    const executed = await context.get(AgreementsService).executedTermsForReconciliation();
    expect(executed).toHaveLength(2);
    const wacs = executed.map((a) => a.versions[0].terms.schedule[0].wac.toFixed(2)).sort();
    expect(wacs).toEqual(['2200000.00', '3100000.00']);
    for (const agreement of executed) {
      const terms = agreement.versions[0].terms;
      expect(agreement.versions.map((v) => v.effectiveFrom)).toEqual([null]);
      expect([terms.enrollmentStart, terms.enrollmentEnd, terms.supplementalCapPct.toFixed(2)]).toEqual([
        '2025-01-01',
        '2030-12-31',
        '0.75',
      ]);
      expect(terms.schedule[0].guaranteedRebatePct.toFixed(2)).toBe('0.10');
      expect(terms.benchmarks[0]).toMatchObject({
        code: 'VOE12',
        washoutDays: 30,
        diagnosisPrefixes: ['D570', 'D5721', 'D5741', 'D5743', 'D5745', 'D5781'],
      });
      expect(terms.benchmarks[0].tiers.map((t) => `${t.throughMonth}:${t.rebatePct.toFixed(2)}`)).toEqual([
        '12:0.50',
        '24:0.30',
        '36:0.15',
      ]);
      // 35 participating jurisdictions, rolling starts 2025-03-01 .. 2026-01-01, New York last.
      expect(agreement.participations).toHaveLength(35);
      const starts = agreement.participations.map((p) => p.effectiveFrom).sort();
      expect([starts[0], starts.at(-1)]).toEqual(['2025-03-01', '2026-01-01']);
      expect(agreement.participations.find((p) => p.stateCode === 'NY')?.effectiveFrom).toBe('2026-01-01');
      expect(agreement.participations.some((p) => p.stateCode === 'GA')).toBe(false);
    }
    const steps: { action: string; n: number }[] = await context
      .get(DataSource)
      .query(`SELECT action, count(*)::int AS n FROM negotiation_step GROUP BY action ORDER BY action`);
    expect(steps).toEqual([
      { action: 'ACCEPTED', n: 4 },
      { action: 'DRAFTED', n: 2 },
      { action: 'EXECUTED', n: 2 },
      { action: 'PROPOSED', n: 2 },
    ]);
  });

  it('is idempotent', async () => {
    await context.get(DemoSeeder).seed();
    expect(await context.get(AgreementsService).executedTermsForReconciliation()).toHaveLength(2);
  });

  it('includes reconciled months of generated claim files for several states: episodes, exceptions, ledger entries', async () => {
    const dataSource = context.get(DataSource);
    const submissions = await dataSource.query<{ status: string; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM claim_submission GROUP BY status`,
    );
    expect(submissions).toEqual([{ status: 'COMPLETED', n: 49 }]);
    const episodes = await dataSource.query<{ state_code: string; n: number }[]>(
      `SELECT state_code, count(*)::int AS n FROM episode WHERE status = 'ELIGIBLE' GROUP BY state_code ORDER BY state_code`,
    );
    expect(episodes.map((e) => e.state_code)).toEqual(['CA', 'NY', 'TX']);
    const georgia = await dataSource.query<{ ineligible_code: string }[]>(
      `SELECT DISTINCT ineligible_code FROM episode WHERE state_code = 'GA'`,
    );
    expect(georgia).toEqual([{ ineligible_code: 'U' }]);
    const components = await dataSource.query<{ component: string }[]>(
      `SELECT DISTINCT component FROM ledger_entry ORDER BY component`,
    );
    expect(components).toEqual([{ component: 'GUARANTEED' }, { component: 'OUTCOME:VOE12' }]);
    const codes = await dataSource.query<{ code: string }[]>(
      `SELECT DISTINCT code FROM reconciliation_exception WHERE resolved_at IS NULL ORDER BY code`,
    );
    expect(codes.map((c) => c.code)).toEqual(expect.arrayContaining(['K', 'M', 'U']));
  });

  it('includes issued statements of the first quarters, an interest rate and one payment', async () => {
    const dataSource = context.get(DataSource);
    const statements = await dataSource.query<{ quarter: string; status: string; n: number }[]>(
      `SELECT quarter, status, count(*)::int AS n FROM statement WHERE quarter IN ('2026Q1', '2026Q2')
        GROUP BY quarter, status ORDER BY quarter, status`,
    );
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((s) => s.status !== 'DRAFT')).toBe(true);
    expect(statements.map((s) => s.status)).toContain('PARTIALLY_PAID');
    const payments = await dataSource.query<{ reference: string; half: boolean }[]>(
      `SELECT p.reference, p.amount = round(s.total / 2, 2) AS half
         FROM statement_payment p JOIN statement s ON s.id = p.statement_id`,
    );
    expect(payments).toEqual([{ reference: 'DEMO-WIRE-0001', half: true }]);
    expect(await dataSource.query(`SELECT effective_from::text, annual_rate::text FROM interest_rate`)).toEqual([
      { effective_from: '2025-01-01', annual_rate: '0.082500' },
    ]);
  });

  it('includes one open dispute by the manufacturer on a line of an issued statement, with its letter', async () => {
    const dataSource = context.get(DataSource);
    const disputes = await dataSource.query<Record<string, unknown>[]>(
      `SELECT d.scope, d.code, d.status, s.status AS statement_status, s.labeler_code,
              d.disputed_amount = l.amount AS whole_line, u.email AS opened_by,
              (SELECT count(*)::int FROM dispute_document x WHERE x.dispute_id = d.id) AS documents
         FROM dispute d JOIN statement s ON s.id = d.statement_id JOIN ledger_entry l ON l.id = d.ledger_entry_id
         JOIN app_user u ON u.id = d.opened_by`,
    );
    expect(disputes).toEqual([
      {
        scope: 'LINE',
        code: 'M',
        status: 'OPEN',
        statement_status: 'DISPUTED',
        labeler_code: '51167',
        whole_line: true,
        opened_by: 'contracts@vertex.example.com',
        documents: 1,
      },
    ]);
  });

  // Last: the examples change the demo (they issue a quarter, expire an agreement ...).
  it('runs every console example of every role on the demo data as is, without an error', async () => {
    api = await startApi(testConfig(db.url));
    const ran: Record<string, string[]> = {};
    // States first, then manufacturers, auditors and coordinators: each role's examples are
    // asked for after the previous role's ran, as a person signing in later would.
    for (const email of [
      'analyst@health.ny.example.gov',
      'contracts@vertex.example.com',
      'auditor@cms.example.gov',
      'coordinator@cms.example.gov',
    ]) {
      const cookie = await signIn(api, email);
      const response = await fetch(`${api.url}/console/examples`, { headers: { cookie } });
      expect(response.status).toBe(200);
      const { role, examples } = (await response.json()) as { role: string; examples: ConsoleExample[] };
      ran[role] = [];
      for (const example of examples) {
        // Real ids and dates only: no placeholder, no all-zero id.
        expect(`${example.title}: ${JSON.stringify(example.variables ?? {})}`).not.toMatch(
          /<[a-z ]+>|00000000-0000-0000-0000-000000000000/,
        );
        const answer = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', origin: api.url },
          body: JSON.stringify({ query: example.query, variables: example.variables ?? {} }),
        });
        const body = (await answer.json()) as { data?: unknown; errors?: { message: string }[] };
        expect({ role, title: example.title, errors: body.errors ?? [] }).toEqual({
          role,
          title: example.title,
          errors: [],
        });
        expect({ role, title: example.title, status: answer.status }).toEqual({
          role,
          title: example.title,
          status: 200,
        });
        ran[role].push(example.title);
      }
    }
    // Each role starts from its everyday page and has the operations of its work.
    expect(ran.STATE_STAFF[0]).toBe('Claim submissions');
    expect(ran.STATE_STAFF).toEqual(
      expect.arrayContaining(['Submit a claim file', 'Report an outcome', 'Resolve a dispute', 'Leave an agreement']),
    );
    expect(ran.MANUFACTURER_STAFF[0]).toBe('Statements');
    expect(ran.MANUFACTURER_STAFF).toEqual(
      expect.arrayContaining(['Acknowledge a statement', 'Dispute a line', 'Record a payment', 'Propose an amendment']),
    );
    expect(ran.AUDITOR[0]).toBe('Program dashboard');
    expect(
      ran.AUDITOR.every(
        (title) => !/^(Submit|Report|Resolve|Leave|Issue|Record|Set|Close|Expire|Accept|Propose|Draft)/.test(title),
      ),
    ).toBe(true);
    expect(ran.FEDERAL_COORDINATOR[0]).toBe('Program dashboard');
    expect(ran.FEDERAL_COORDINATOR).toEqual(
      expect.arrayContaining([
        'Draft an agreement',
        'Accept the amendment',
        'Submit a claim file',
        'Withdraw an outcome',
        'Issue a quarter',
        'Record a payment',
        'Set an interest rate',
        'Close a contract year',
        'Leave an agreement',
        'Expire an agreement',
      ]),
    );
  });
});
