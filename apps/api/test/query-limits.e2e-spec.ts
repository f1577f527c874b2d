import { Role } from '@lib/common';
import { ProgramDashboardService } from '@lib/statements';
import {
  createTestDatabase,
  insertUser,
  manufacturerIdOf,
  signIn,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';

const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/**
 * README "Security", row "Expensive GraphQL queries": one manufacturer query with 4,000 aliases
 * of programDashboard ran 14.6 s (5,000 gave a 500). Every operation over a limit is refused with
 * a client error before any resolver runs.
 */
describe('GraphQL query limits (alias flood)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let token: string;
  let dashboards: jest.SpyInstance;

  const post = async (query: string) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions: { code: string } }[];
    };
    return { status: response.status, body };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    const user = await insertUser(db.url, {
      email: 'v@vertex.test',
      role: Role.MANUFACTURER_STAFF,
      manufacturerId: await manufacturerIdOf(db.url, '51167'),
    });
    token = await signIn(api.url, user.email, user.password);
    dashboards = jest.spyOn(api.app.get(ProgramDashboardService), 'dashboard');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  beforeEach(() => dashboards.mockClear());

  it('answers an ordinary dashboard query', async () => {
    const { status, body } = await post('{ programDashboard { stateCode accruedTotal } }');
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    expect(dashboards).toHaveBeenCalledTimes(1);
  });

  it.each([4000, 5000])('refuses %i aliases of programDashboard with a client error, running nothing', async (n) => {
    const { status, body } = await post(aliases(n, 'programDashboard { stateCode }'));
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/^Syntax Error: Document contains more tha[nt] 5000 tokens/);
    expect(body.errors?.[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(dashboards).not.toHaveBeenCalled();
  });

  it('with the token limit raised, 4000 aliases are still refused, by the alias limit', async () => {
    const roomy = await startApi(testConfig(db.url, { GRAPHQL_MAX_TOKENS: '100000' }));
    try {
      const response = await fetch(`${roomy.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: aliases(4000, 'programDashboard { stateCode }') }),
      });
      const body = (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
      expect(response.status).toBe(400);
      expect(body.errors?.map((e) => e.message)).toEqual([
        'Query uses 4000 aliases; the limit is 30',
        'Query asks for 4000 root fields; the limit is 20',
      ]);
      expect(dashboards).not.toHaveBeenCalled();
    } finally {
      await roomy.close();
    }
  });

  it.each<[string, string, RegExp]>([
    ['31 aliases', aliases(31, 'programDashboard { stateCode }'), /^Query uses 31 aliases; the limit is 30$/],
    [
      '21 root fields',
      `{ ${Array.from({ length: 21 }, () => 'programDashboard { stateCode }').join(' ')} }`,
      /^Query asks for 21 root fields; the limit is 20$/,
    ],
    [
      'aliases hidden in a fragment used many times',
      `{ ${Array.from({ length: 10 }, (_, i) => `d${i}: programDashboard { ...R }`).join(' ')} }
       fragment R on ProgramDashboardRow { a: stateCode b: stateCode c: stateCode }`,
      /^Query uses 40 aliases; the limit is 30$/,
    ],
    [
      'a page of episodes with their unpaginated ledger entries, benchmarks and observations',
      `{ episodes(first: 100) { edges { node { episodeRef
         ledgerEntries { id amount component serviceQuarter statementQuarter causeType causeId createdAt }
         benchmarks { code status windowEnd event { months amount } }
         desired { component amount }
         observations { id stateCode reportedAt withdrawnAt episodeRef } } } } }`,
      /^Query is too complex: \d+; the limit is 20000$/,
    ],
  ])('refuses %s before running it', async (_case, query, message) => {
    const { status, body } = await post(query);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(body.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(dashboards).not.toHaveBeenCalled();
  });
});
