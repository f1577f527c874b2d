import { Role } from '@lib/common';
import {
  createTestDatabase,
  graphql,
  insertUser,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';

describe('API foundation (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(
      testConfig(db.url, { LOGIN_MAX_FAILURES: '3', GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COMPLEXITY: '300' }),
    );
    await insertUser(db.url, {
      email: 'coordinator@test.gov',
      role: Role.FEDERAL_COORDINATOR,
      password: 'right-password-1',
    });
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('GET /health answers ok', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /health/ready checks Postgres, migrations and the queue backend', async () => {
    const response = await fetch(`${api.url}/health/ready`);
    const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body).toMatchObject({
      status: 'ok',
      checks: { database: { ok: true }, migrations: { ok: true }, queues: { ok: true } },
    });
    expect(response.status).toBe(200);
  });

  it('refuses GraphQL operations without a token', async () => {
    const result = await graphql(api.url, '{ me { email } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
  });

  it('signs in and answers me', async () => {
    const signIn = await graphql<{ signIn: { token: string } }>(
      api.url,
      'mutation($input: LoginInput!) { signIn(input: $input) { token user { email role } } }',
      { input: { email: 'COORDINATOR@test.gov', password: 'right-password-1' } },
    );
    expect(signIn.errors).toBeUndefined();
    const token = signIn.data!.signIn.token;
    const me = await graphql(api.url, '{ me { email role active } }', {}, token);
    expect(me.data).toEqual({ me: { email: 'coordinator@test.gov', role: 'FEDERAL_COORDINATOR', active: true } });
  });

  it('throttles repeated failed logins, also for unknown emails', async () => {
    const attempt = (email: string, password: string) =>
      graphql(api.url, 'mutation($input: LoginInput!) { signIn(input: $input) { token } }', {
        input: { email, password },
      });
    for (let i = 0; i < 3; i++) {
      const result = await attempt('nobody@test.gov', 'wrong-password');
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
    }
    const locked = await attempt('nobody@test.gov', 'wrong-password');
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'LOGIN_THROTTLED' });
  });

  it('masks unknown errors and reports validation errors by path', async () => {
    const result = await graphql(api.url, 'mutation($input: LoginInput!) { signIn(input: $input) { token } }', {
      input: { email: 'x'.repeat(400), password: 'p' },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [expect.objectContaining({ path: 'input.email' })],
    });
  });

  it('refuses queries deeper than GRAPHQL_MAX_DEPTH before running them', async () => {
    const ok = await graphql(api.url, '{ me { id } }');
    expect(ok.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const tooDeep = await graphql(api.url, '{ auditEvents { edges { node { id } } } }');
    expect(tooDeep.errors?.[0]).toMatchObject({
      message: 'Query is too deep: 4 levels; the limit is 3',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('refuses queries whose estimated cost exceeds GRAPHQL_MAX_COMPLEXITY', async () => {
    const cheap = await graphql(api.url, '{ users(first: 5) { edges { cursor } } }');
    expect(cheap.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const costly = await graphql(api.url, '{ users(first: 100) { edges { cursor } totalCount } }');
    expect(costly.errors?.[0]?.message).toMatch(/^Query is too complex: \d+; the limit is 300$/);
  });

  it('refuses page sizes above 100', async () => {
    const coordinator = await graphql<{ signIn: { token: string } }>(
      api.url,
      'mutation($input: LoginInput!) { signIn(input: $input) { token } }',
      { input: { email: 'coordinator@test.gov', password: 'right-password-1' } },
    );
    const result = await graphql(api.url, '{ users(first: 101) { totalCount } }', {}, coordinator.data!.signIn.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [expect.objectContaining({ path: 'first' })],
    });
  });
});
