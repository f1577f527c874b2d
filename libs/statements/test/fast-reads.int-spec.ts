import { Role, formatMoney } from '@lib/common';
import {
  DisputeEntity,
  StatementEntity,
  StatementReader,
  StatementsService,
  statementBalances,
  statementInterest,
  toDispute,
  toPayment,
} from '@lib/statements';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  insertUser,
  seedProgramYear,
  signIn,
  startApi,
  testConfig,
  type RunningApi,
  type SeededProgramYear,
  type TestDatabase,
} from '@lib/testing';

/**
 * Fast reads on a seeded program year, moderately sized (56 jurisdictions, 2
 * products, 8 quarters; 2,240 episodes, 22,400 ledger entries): the set-based balances agree with
 * the line-by-line rules on every statement, lists and summaries run a bounded number of SQL
 * statements whatever the page size (x-sql-statements), and scoped queries use indexes.
 */
describe('fast reads on a program year', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let token = '';
  let seeded: SeededProgramYear;

  beforeAll(async () => {
    db = await createTestDatabase();
    const coordinator = await insertUser(db.url, { email: 'coord@cms.example.gov', role: Role.FEDERAL_COORDINATOR });
    seeded = await seedProgramYear(db.url, coordinator.id, { episodesPerStateProduct: 20, entriesPerEpisode: 10 });
    api = await startApi(testConfig(db.url, { API_SQL_COUNT_HEADER: 'true' }), { now: '2026-12-05T10:00:00Z' });
    token = await signIn(api.url, coordinator.email, coordinator.password);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('seeds statements, payments and disputes in every state', () => {
    expect(seeded).toMatchObject({ episodes: 2240, ledgerEntries: 22400, statements: 896, issued: 784 });
    expect(seeded.payments).toBeGreaterThan(300);
    expect(seeded.disputes).toBeGreaterThan(50);
  });

  it('agrees with the line-by-line rules on every statement, to the cent, for several asOf', async () => {
    const dataSource = api.app.get(DataSource);
    const reader = api.app.get(StatementReader);
    const service = api.app.get(StatementsService);
    const statements = await dataSource.manager.find(StatementEntity);
    const ids = statements.map((s) => s.id);
    const lines = await reader.linesOf(dataSource.manager, ids);
    const payments = await reader.paymentRowsOf(dataSource.manager, ids);
    const disputes = await dataSource.manager.find(DisputeEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
    const rates = await reader.rates(dataSource.manager);
    const shown = (b: ReturnType<typeof statementBalances>) =>
      Object.fromEntries(Object.entries(b).map(([k, v]) => [k, formatMoney(v)]));
    let compared = 0;
    let withInterest = 0;
    for (const asOf of ['2025-05-20', '2026-02-28', '2026-12-05', '2029-01-01']) {
      const views = await service.balancesOf(ids, asOf);
      for (const statement of statements) {
        const money = {
          lines: lines.get(statement.id)!,
          payments: payments.get(statement.id)!.map(toPayment),
          disputes: disputes.filter((d) => d.statementId === statement.id).map(toDispute),
        };
        const interest =
          statement.issuedOn === null ? null : statementInterest(money, statement.issuedOn, asOf, rates).interest;
        const view = views.get(statement.id)!;
        expect({
          id: statement.id,
          asOf,
          ...shown(view.balances),
          interest: view.interest?.interest.toFixed(2),
        }).toEqual({
          id: statement.id,
          asOf,
          ...shown(statementBalances(money, asOf)),
          interest: interest?.toFixed(2),
        });
        compared += 1;
        if (interest?.greaterThan(0)) withInterest += 1;
      }
    }
    expect(compared).toBe(896 * 4);
    expect(withInterest).toBeGreaterThan(500);
  });

  async function sqlStatementsOf(query: string, variables: Record<string, unknown> = {}): Promise<number> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    return Number(response.headers.get('x-sql-statements'));
  }

  it.each([
    [
      'statements with balances',
      (n: number) =>
        `{ statements(first: ${n}) { edges { node { number balances { total paid outstanding interestOwed } } } } }`,
      5,
    ],
    [
      'statements with lines, totals, payments, credits and balances',
      (n: number) =>
        `{ statements(first: ${n}) { edges { node { number lines { lineNumber amount } totals { total }
            payments { amount } credits { amount } balances { outstanding } } } } }`,
      7,
    ],
    [
      'episodes with their ledger entries',
      (n: number) => `{ episodes(first: ${n}) { edges { node { episodeRef ledgerEntries { amount } } } } }`,
      4,
    ],
    ['ledger entries', (n: number) => `{ ledgerEntries(first: ${n}) { edges { node { id episodeRef amount } } } }`, 4],
    ['disputes', (n: number) => `{ disputes(first: ${n}) { edges { node { id status statementNumber } } } }`, 6],
  ])('%s: no more SQL statements for a page of 100 than the bound for any page', async (_name, query, bound) => {
    // A small page may skip a read it does not need (no line disputes among the first five, say);
    // what must not happen is a count that grows with the page (one query per row).
    const small = await sqlStatementsOf(query(5));
    const large = await sqlStatementsOf(query(100));
    expect(small).toBeLessThanOrEqual(large);
    expect(large).toBeLessThanOrEqual(bound);
  });

  it('summaries and the dashboard: a bounded number of SQL statements for a whole year', async () => {
    const year = await sqlStatementsOf(
      `{ statementSummary { total outstanding interestOwed balances { quarter stateCode interestOwed } amounts { amount } } }`,
    );
    const quarter = await sqlStatementsOf(
      `{ statementSummary(filter: { quarter: "2026Q1" }) { total outstanding interestOwed balances { interestOwed } } }`,
    );
    expect({ year, quarter }).toEqual({ year: quarter, quarter });
    expect(year).toBeLessThanOrEqual(5);
    expect(await sqlStatementsOf(`{ programDashboard { stateCode accruedTotal disputesOpen } }`)).toBeLessThanOrEqual(
      7,
    );
  });

  it.each([
    [
      'a state’s statements page',
      `SELECT s.id FROM statement s WHERE s.state_code = 'NY' ORDER BY s.number LIMIT 21`,
      'statement',
    ],
    [
      'a manufacturer’s statements page',
      `SELECT s.id FROM statement s WHERE s.labeler_code IN (SELECT code FROM labeler_code WHERE manufacturer_id =
         (SELECT manufacturer_id FROM labeler_code WHERE code = '51167')) AND s.quarter = '2026Q1' ORDER BY s.number LIMIT 21`,
      'statement',
    ],
    [
      'a state’s episodes page',
      `SELECT e.id FROM episode e WHERE e.state_code = 'NY' ORDER BY e.administration_date, e.episode_ref LIMIT 21`,
      'episode',
    ],
    [
      'a manufacturer’s episodes page',
      `SELECT e.id FROM episode e WHERE e.labeler_code IN ('51167') ORDER BY e.administration_date, e.episode_ref LIMIT 21`,
      'episode',
    ],
    [
      'a state’s ledger entries page',
      `SELECT l.id FROM ledger_entry l WHERE l.state_code = 'NY' ORDER BY l.id LIMIT 21`,
      'ledger_entry',
    ],
    [
      'a statement’s lines',
      `SELECT l.id FROM ledger_entry l WHERE l.labeler_code = '51167' AND l.state_code = 'NY' AND l.statement_quarter = '2026Q1'`,
      'ledger_entry',
    ],
    [
      'an episode’s ledger entries',
      `SELECT l.id FROM ledger_entry l WHERE l.episode_id = (SELECT id FROM episode WHERE episode_ref = 'EP-NY-CASGEVY-00001')`,
      'ledger_entry',
    ],
  ])('EXPLAIN %s: no sequential scan of %s', async (_name, query, table) => {
    // Test databases are copies of a migrated template, which do not inherit the database-level
    // random_page_cost that migration 1764200001000 sets; the session setting is the same thing.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    let plan = '';
    try {
      await client.query('SET random_page_cost = 1.1');
      plan = JSON.stringify((await client.query(`EXPLAIN (FORMAT JSON) ${query}`)).rows);
    } finally {
      await client.end();
    }
    const seqScans = [...plan.matchAll(/"Node Type":"Seq Scan"[^}]*?"Relation Name":"(\w+)"/g)].map((m) => m[1]);
    expect({ table, seqScans: seqScans.filter((t) => ['statement', 'episode', 'ledger_entry'].includes(t)) }).toEqual({
      table,
      seqScans: [],
    });
  });
});
