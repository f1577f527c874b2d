import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Role } from '@lib/common';
import {
  createTestDatabase,
  graphqlOk,
  insertUser,
  queryRows,
  seedProgramYear,
  signIn,
  signInCast,
  startApi,
  testConfig,
  WAIT_LIMIT_MS,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';
import { DataChangeListener } from '../src/graphql/read-cache/data-change-listener';
import { cachedReadFields, READ_CACHE_HEADER } from '../src/graphql/read-cache/read-cache.plugin';

const NOW = '2027-03-01T12:00:00Z';
const STATEMENTS = `{ statements(first: 20) { edges { node { number stateCode status dueOn
  balances { total paid disputed outstanding interestOwed } } } } }`;
const SUMMARY = `{ statementSummary { asOf total outstanding interestOwed } }`;
const DISPUTES = `{ disputes(first: 50) { edges { node { id dueOn status } } } }`;
const BY_NUMBER = `query($n: String!) { statementByNumber(number: $n) { number dueOn } }`;

/** Tables whose writes do not notify data_changed (migration 1764940000000, which says why). */
const NOT_NOTIFYING = /^(schema_migration|login_throttle|claim_stage_.*)$/;

/**
 * The API's read cache (docs/architecture.md, "Read cache") against a seeded program year: a
 * repeat is served from the cache byte for byte, per user and per day; any committed write, from
 * this API or any other process, is visible to the very next read; errors and signed-out sessions
 * are never served from it; and it stands aside while its change listener is away.
 */
describe('read cache', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let tokens: Record<string, string> = {};

  const ask = async (query: string, who: string, variables: Record<string, unknown> = {}, accept?: string) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[who]}`,
        ...(accept ? { accept } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return {
      status: response.status,
      cache: response.headers.get(READ_CACHE_HEADER),
      contentType: response.headers.get('content-type'),
      cacheControl: response.headers.get('cache-control'),
      text,
      body: JSON.parse(text),
    };
  };
  const sql = <T>(text: string, params: unknown[] = []) => queryRows<T>(db.url, text, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url), { now: NOW });
    const seeder = await insertUser(db.url, { email: 'seed@test.gov', role: Role.FEDERAL_COORDINATOR });
    await seedProgramYear(db.url, seeder.id, { episodesPerStateProduct: 2, entriesPerEpisode: 3 });
    tokens = await signInCast({ db, api }, ['NY', 'GA', 'vertex', 'coordinator']);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('answers a repeat of the same query by the same user from the cache, byte for byte', async () => {
    const first = await ask(STATEMENTS, 'vertex');
    const second = await ask(STATEMENTS, 'vertex');
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.statements.edges.length).toBeGreaterThan(0);
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    expect(second.text).toBe(first.text);
    expect([second.status, second.contentType, second.cacheControl]).toEqual([
      first.status,
      first.contentType,
      'no-store',
    ]);
    expect(first.cacheControl).toBe('no-store');
  });

  it('answers a client that prefers another media type through Apollo, as before', async () => {
    const accept = 'application/graphql-response+json, application/json;q=0.9';
    const plain = await ask(STATEMENTS, 'vertex');
    const other = await ask(STATEMENTS, 'vertex', {}, accept);
    expect(plain.cache).toBe('hit');
    expect(other.cache).toBe('miss');
    expect(other.contentType).toMatch(/^application\/graphql-response\+json/);
    expect(other.text).toBe(plain.text);
  });

  it('keeps one answer per user: each sees only what they may see', async () => {
    const ny = await ask(STATEMENTS, 'NY');
    const ga = await ask(STATEMENTS, 'GA');
    expect([ny.cache, ga.cache]).toEqual(['miss', 'miss']);
    const statesOf = (r: typeof ny) =>
      new Set((r.body.data.statements.edges as { node: { stateCode: string } }[]).map((e) => e.node.stateCode));
    expect(statesOf(ny)).toEqual(new Set(['NY']));
    expect(statesOf(ga)).toEqual(new Set(['GA']));
    expect((await ask(STATEMENTS, 'NY')).text).toBe(ny.text);
    expect((await ask(STATEMENTS, 'GA')).text).toBe(ga.text);
  });

  it('shows a change committed by another process to the very next read, every time', async () => {
    const [statement] = await sql<{ number: string }>(
      `SELECT number FROM statement WHERE state_code = 'NY' ORDER BY number LIMIT 1`,
    );
    const variables = { n: statement.number };
    const dueOn = async (): Promise<string> =>
      ((await ask(BY_NUMBER, 'coordinator', variables)).body as { data: { statementByNumber: { dueOn: string } } }).data
        .statementByNumber.dueOn;
    await dueOn();
    expect((await ask(BY_NUMBER, 'coordinator', variables)).cache).toBe('hit');
    for (let round = 0; round < 25; round++) {
      const [changed] = await sql<{ due_on: string }>(
        `UPDATE statement SET due_on = due_on + 1 WHERE number = $1 RETURNING due_on::text`,
        [statement.number],
      );
      expect(await dueOn()).toBe(changed.due_on);
      expect(await dueOn()).toBe(changed.due_on);
    }
  });

  it('shows a change whose notification is late: the hit waits for the barrier, and computes when it cannot tell', async () => {
    const [statement] = await sql<{ number: string }>(
      `SELECT number FROM statement WHERE state_code = 'GA' ORDER BY number LIMIT 1`,
    );
    const variables = { n: statement.number };
    await ask(BY_NUMBER, 'coordinator', variables);
    expect((await ask(BY_NUMBER, 'coordinator', variables)).cache).toBe('hit');
    // Hold back what Postgres sends the listening connection: notifications and barrier answers.
    const listener = api.app.get<DataChangeListener, { client: { connection: { stream: Socket } } }>(
      DataChangeListener,
    );
    const socket = listener.client.connection.stream;
    socket.pause();
    try {
      const [changed] = await sql<{ due_on: string }>(
        `UPDATE statement SET due_on = due_on + 1 WHERE number = $1 RETURNING due_on::text`,
        [statement.number],
      );
      const late = await ask(BY_NUMBER, 'coordinator', variables);
      expect(late.body.data.statementByNumber.dueOn).toBe(changed.due_on);
      expect(late.cache).toBe('miss');
    } finally {
      socket.resume();
    }
  });

  it("empties on this API's own mutations", async () => {
    await ask(SUMMARY, 'coordinator');
    expect((await ask(SUMMARY, 'coordinator')).cache).toBe('hit');
    await graphqlOk(
      api.url,
      `mutation($input: SetInterestRateInput!) { setInterestRate(input: $input) { effectiveFrom } }`,
      { input: { effectiveFrom: '2027-04-01', annualRate: '0.0725', note: 'read cache test' } },
      tokens.coordinator,
    );
    expect((await ask(SUMMARY, 'coordinator')).cache).toBe('miss');
  });

  it('computes afresh on the next day (balances and interest depend on it)', async () => {
    const today = await ask(SUMMARY, 'vertex');
    expect((await ask(SUMMARY, 'vertex')).cache).toBe('hit');
    api.clock?.set('2027-03-02T08:00:00Z');
    try {
      const tomorrow = await ask(SUMMARY, 'vertex');
      expect(tomorrow.cache).toBe('miss');
      expect([today.body.data.statementSummary.asOf, tomorrow.body.data.statementSummary.asOf]).toEqual([
        '2027-03-01',
        '2027-03-02',
      ]);
    } finally {
      api.clock?.set(NOW);
    }
  });

  it('never keeps an error', async () => {
    const missing = { n: 'CGT-NY-51167-1999Q1' };
    const first = await ask(BY_NUMBER, 'NY', missing);
    const second = await ask(BY_NUMBER, 'NY', missing);
    expect(first.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect([first.cache, second.cache]).toEqual(['miss', 'miss']);
  });

  it('never serves a signed-out session', async () => {
    const user = await insertUser(db.url, { email: 'ga2@test.gov', role: Role.STATE_STAFF, stateCode: 'GA' });
    tokens.ga2 = await signIn(api.url, user.email, user.password);
    await ask(DISPUTES, 'ga2');
    expect((await ask(DISPUTES, 'ga2')).cache).toBe('hit');
    const out = await fetch(`${api.url}/v1/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens.ga2}` },
    });
    expect(out.status).toBe(204);
    const after = await ask(DISPUTES, 'ga2');
    expect(after.body.data ?? null).toBeNull();
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a user disabled by another process at the very next read, though their session was remembered', async () => {
    const user = await insertUser(db.url, { email: 'ga3@test.gov', role: Role.STATE_STAFF, stateCode: 'GA' });
    tokens.ga3 = await signIn(api.url, user.email, user.password);
    await ask(DISPUTES, 'ga3');
    expect((await ask(DISPUTES, 'ga3')).cache).toBe('hit');
    expect((await ask(DISPUTES, 'ga3')).cache).toBe('hit');
    await sql(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [user.id]);
    const after = await ask(DISPUTES, 'ga3');
    expect(after.body.data ?? null).toBeNull();
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('sends a kept answer gzip-encoded to a client that accepts it, and plain to one that does not', async () => {
    const raw = (acceptEncoding: string) =>
      new Promise<{ encoding: string | undefined; cache: string | undefined; bytes: Buffer }>((resolve, reject) => {
        const body = JSON.stringify({ query: STATEMENTS, variables: {} });
        const req = httpRequest(
          `${api.url}/graphql`,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'accept-encoding': acceptEncoding,
              authorization: `Bearer ${tokens.coordinator}`,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                encoding: res.headers['content-encoding'],
                cache: res.headers[READ_CACHE_HEADER] as string | undefined,
                bytes: Buffer.concat(chunks),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const miss = await raw('identity');
    const gzipped = await raw('gzip, deflate, br');
    const plain = await raw('identity');
    expect([miss.cache, gzipped.cache, plain.cache]).toEqual(['miss', 'hit', 'hit']);
    expect([miss.encoding, gzipped.encoding, plain.encoding]).toEqual([undefined, 'gzip', undefined]);
    expect(miss.bytes.length).toBeGreaterThan(1024);
    expect(gzipped.bytes.length).toBeLessThan(miss.bytes.length);
    expect(gunzipSync(gzipped.bytes).toString('utf8')).toBe(miss.bytes.toString('utf8'));
    expect(plain.bytes.toString('utf8')).toBe(miss.bytes.toString('utf8'));
  });

  it('stands aside while its change listener is away, and starts again empty when it is back', async () => {
    await ask(DISPUTES, 'vertex');
    expect((await ask(DISPUTES, 'vertex')).cache).toBe('hit');
    await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'cgt-api-read-cache'`);
    // While it reconnects, answers are computed (no header) and nothing is kept.
    const deadline = Date.now() + WAIT_LIMIT_MS;
    let seen = await ask(DISPUTES, 'vertex');
    while (seen.cache === 'hit' && Date.now() < deadline) seen = await ask(DISPUTES, 'vertex');
    expect(seen.cache).not.toBe('hit');
    while (Date.now() < deadline) {
      seen = await ask(DISPUTES, 'vertex');
      if (seen.cache === 'hit') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen.cache).toBe('hit');
  });

  it('marks exactly the reads whose answer depends only on Postgres rows, the caller and the day', () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    expect([...cachedReadFields(schema)].sort()).toEqual([
      'dispute',
      'disputeAging',
      'disputes',
      'episode',
      'episodes',
      'ledgerEntries',
      'programDashboard',
      'statement',
      'statementByNumber',
      'statementSummary',
      'statements',
    ]);
  });

  it('is notified by a write to every table but the migrations, throttles and loader scratch tables', async () => {
    const tables = await sql<{ name: string; notifies: boolean }>(
      `SELECT c.relname AS name,
              EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'data_changed') AS notifies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY 1`,
    );
    expect(tables.length).toBeGreaterThan(30);
    const wrong = tables.filter((t) => t.notifies === NOT_NOTIFYING.test(t.name)).map((t) => t.name);
    expect(wrong).toEqual([]);
  });
});
