import { createHmac } from 'node:crypto';
import { Role } from '@lib/common';
import {
  createTestDatabase,
  graphql,
  insertUser,
  issueStatementForTest,
  manufacturerIdOf,
  queryRows,
  signIn,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';

/**
 * One sign-in for portal and console (README "Portal") and session revocation
 * (README "Security"), through HTTP against the real API: the session cookie authorizes GraphQL
 * and the /v1 downloads within the same scope as a bearer token; every state-changing request it
 * authorizes must come from this site; sign-out ends the session in Postgres.
 */
const PASSWORD = 'session-pass-123';
const STATEMENT = 'CGT-NY-51167-2026Q1';
const JSON_BODY = { 'content-type': 'application/json' };

interface Session {
  cookie: string;
  setCookie: string;
  body: { user: Record<string, unknown>; expiresAt: string };
}

/** HS256 like the API's tokens, with claims of our choosing (to forge what the API must refuse). */
function forgeToken(secret: string, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}

describe('browser sessions: cookie sign-in, CSRF rule, sign-out (README "Sessions")', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let secret: string;
  let statementId: string;
  let lineId: string;
  const origin = () => api.url;

  async function signInCookie(email: string, headers: Record<string, string> = {}): Promise<Session> {
    const response = await fetch(`${api.url}/v1/session`, {
      method: 'POST',
      headers: { ...JSON_BODY, origin: origin(), ...headers },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { cookie: setCookie.split(';')[0], setCookie, body: (await response.json()) as Session['body'] };
  }

  function gql(cookie: string, query: string, variables: Record<string, unknown> = {}, headers = {}) {
    return fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { ...JSON_BODY, cookie, ...headers },
      body: JSON.stringify({ query, variables }),
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as {
        data?: Record<string, unknown> | null;
        errors?: { extensions?: Record<string, unknown>; message: string }[];
      },
    }));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url);
    secret = config.auth.jwtSecret;
    api = await startApi(config, { now: '2026-06-01T12:00:00Z' });
    const vertex = await manufacturerIdOf(db.url, '51167');
    const genetix = await manufacturerIdOf(db.url, '73554');
    await insertUser(db.url, {
      email: 'v@vertex.test',
      role: Role.MANUFACTURER_STAFF,
      manufacturerId: vertex,
      password: PASSWORD,
    });
    await insertUser(db.url, {
      email: 'g@genetix.test',
      role: Role.MANUFACTURER_STAFF,
      manufacturerId: genetix,
      password: PASSWORD,
    });
    await insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY', password: PASSWORD });
    await insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR, password: PASSWORD });
    // One issued New York Vertex line to download and dispute.
    const [episode] = await queryRows<{ id: string }>(
      db.url,
      `INSERT INTO episode (episode_key, episode_ref, state_code, product_id, labeler_code, index_icn, administration_date,
                            paid, status, fingerprint, created_by_cause, updated_by_cause)
       SELECT 'NY|sessions|1', 'EP-0000-0000-0000-0001', 'NY', id, '51167', 'ICN-S1', '2026-03-10', 2200000, 'ELIGIBLE',
              'f', 'test', 'test' FROM product WHERE code = 'CASGEVY'
       RETURNING id`,
    );
    const [line] = await queryRows<{ id: string }>(
      db.url,
      `INSERT INTO ledger_entry (episode_id, state_code, labeler_code, product_id, administration_date, component, amount,
                                 service_quarter, statement_quarter, cause_type, cause_id)
       SELECT $1, 'NY', '51167', product_id, '2026-03-10', 'GUARANTEED', 220000, '2026Q1', '2026Q1', 'SUBMISSION', 'test'
         FROM episode WHERE id = $1
       RETURNING id::text AS id`,
      [episode.id],
    );
    lineId = line.id;
    statementId = (
      await issueStatementForTest(db.url, {
        labelerCode: '51167',
        stateCode: 'NY',
        quarter: '2026Q1',
        issuedOn: '2026-05-01',
      })
    ).id;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('signs in with a HttpOnly, SameSite=Strict cookie on / and answers who signed in, never the token', async () => {
    const session = await signInCookie('v@vertex.test');
    expect(session.setCookie).toMatch(/^cgt_session=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(session.setCookie).toMatch(/; HttpOnly/i);
    expect(session.setCookie).toMatch(/; SameSite=Strict/i);
    expect(session.setCookie).toMatch(/; Path=\//);
    expect(session.setCookie).toMatch(/; Expires=/);
    expect(session.setCookie).not.toMatch(/; Secure/i);
    expect(session.body).toEqual({
      user: {
        id: expect.any(String),
        email: 'v@vertex.test',
        name: 'v@vertex.test',
        role: 'MANUFACTURER_STAFF',
        stateCode: null,
        manufacturerId: await manufacturerIdOf(db.url, '51167'),
      },
      expiresAt: expect.any(String),
    });
    expect(new Date(session.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(JSON.stringify(session.body)).not.toContain(session.cookie.split('=')[1]);

    const me = await fetch(`${api.url}/v1/session`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual(session.body);
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted (loopback) proxy', async () => {
    const session = await signInCookie('v@vertex.test', {
      'x-forwarded-proto': 'https',
      origin: origin().replace('http:', 'https:'),
    });
    expect(session.setCookie).toMatch(/; Secure/i);
  });

  it('answers 401 with a clear error when not signed in, and refuses a wrong password', async () => {
    const anonymous = await fetch(`${api.url}/v1/session`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: {
        category: 'UNAUTHENTICATED',
        code: 'TOKEN_MISSING',
        message: expect.stringMatching(/^Sign in first: POST \/v1\/session/),
      },
    });
    const wrong = await fetch(`${api.url}/v1/session`, {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({ email: 'v@vertex.test', password: 'not-the-password' }),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' },
    });
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a sign-in posted from a foreign page (login CSRF), but not one from a script', async () => {
    const foreign = await fetch(`${api.url}/v1/session`, {
      method: 'POST',
      headers: { ...JSON_BODY, origin: 'https://evil.example' },
      body: JSON.stringify({ email: 'v@vertex.test', password: PASSWORD }),
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({
      error: {
        code: 'CROSS_SITE_REQUEST',
        message: expect.stringContaining('Origin https://evil.example is not this site'),
      },
    });
    expect(foreign.headers.get('set-cookie')).toBeNull();
    const script = await fetch(`${api.url}/v1/session`, {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({ email: 'v@vertex.test', password: PASSWORD }),
    });
    expect(script.status).toBe(200);
  });

  it('opens downloads in the browser session, within the same scope as the bearer token', async () => {
    const vertex = await signInCookie('v@vertex.test');
    const csv = await fetch(`${api.url}/v1/statements/${STATEMENT}.csv`, { headers: { cookie: vertex.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')[1]).toMatch(/^CGT-NY-51167-2026Q1,NY,51167,CASGEVY,/);

    const genetix = await signInCookie('g@genetix.test');
    const foreign = await fetch(`${api.url}/v1/statements/${STATEMENT}.csv`, { headers: { cookie: genetix.cookie } });
    expect(foreign.status).toBe(404);
    expect((await fetch(`${api.url}/v1/statements/${STATEMENT}.csv`)).status).toBe(401);
  });

  it('lets the cookie authorize GraphQL from this site only (Origin, else Sec-Fetch-Site or Referer)', async () => {
    const { cookie } = await signInCookie('v@vertex.test');
    const query = `{ statementByNumber(number: "${STATEMENT}") { number lines { lineNumber lineId } } }`;
    const ours = await gql(cookie, query, {}, { origin: origin() });
    expect(ours.body.errors).toBeUndefined();
    expect(ours.body.data).toEqual({ statementByNumber: { number: STATEMENT, lines: [{ lineNumber: 1, lineId }] } });
    expect((await gql(cookie, query, {}, { 'sec-fetch-site': 'same-origin' })).body.errors).toBeUndefined();
    expect((await gql(cookie, query, {}, { referer: `${origin()}/portal/statements` })).body.errors).toBeUndefined();

    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { referer: 'https://evil.example/page' },
      {},
    ]) {
      const refused = await gql(cookie, query, {}, headers);
      expect({ headers, data: refused.body.data ?? null, extensions: refused.body.errors?.[0]?.extensions }).toEqual({
        headers,
        data: null,
        extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'CROSS_SITE_REQUEST' }),
      });
    }
    const foreign = await gql(cookie, query, {}, { origin: 'https://evil.example' });
    expect(foreign.body.errors?.[0]?.message).toBe(
      `Refused: a change authorized by the session cookie must come from this site's own pages, but Origin https://evil.example is not this site (${origin()}). Integrations send "Authorization: Bearer <token>" instead of the cookie.`,
    );
  });

  it('runs a cookie-authorized mutation from this site, refuses it from another, and serves its document in the session', async () => {
    const { cookie } = await signInCookie('v@vertex.test');
    const open = `mutation($input: OpenDisputeInput!) { openDispute(input: $input) { id status documents { downloadPath sha256 } } }`;
    const input = {
      statementId,
      ledgerEntryId: lineId,
      code: 'M',
      note: 'Billed twice',
      documents: [
        {
          fileName: 'letter.txt',
          contentType: 'text/plain',
          contentBase64: Buffer.from('Billed twice.').toString('base64'),
        },
      ],
    };
    const refused = await gql(cookie, open, { input }, { origin: 'https://evil.example' });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CROSS_SITE_REQUEST' });
    expect(await queryRows(db.url, 'SELECT id FROM dispute')).toEqual([]);

    const opened = await gql(cookie, open, { input }, { origin: origin() });
    expect(opened.body.errors).toBeUndefined();
    const dispute = (opened.body.data as { openDispute: { status: string; documents: { downloadPath: string }[] } })
      .openDispute;
    expect(dispute.status).toBe('OPEN');
    const document = await fetch(`${api.url}${dispute.documents[0].downloadPath}`, { headers: { cookie } });
    expect(document.status).toBe(200);
    expect(await document.text()).toBe('Billed twice.');
    const genetix = await signInCookie('g@genetix.test');
    expect(
      (await fetch(`${api.url}${dispute.documents[0].downloadPath}`, { headers: { cookie: genetix.cookie } })).status,
    ).toBe(404);
  });

  it('applies the same rule to state-changing HTTP routes: a claim file upload needs our Origin', async () => {
    const { cookie } = await signInCookie('ny@test.gov');
    const file = [
      'COT00001|4.0.0|O|CLAIMOT|36|20260405|20260301|20260331|1|2',
      'COT00002|36|1|NY2026030199001||20260320|0|F00000001|1|F1|0|1234567893|||20260315|20260315||10.00',
      'COT00003|36|2|NY2026030199001||20260320|0|1||99213||0||1|20260315|20260315|10.00',
    ].join('\n');
    const upload = (headers: Record<string, string>) =>
      fetch(`${api.url}/v1/states/NY/claim-files?fileName=ot.txt`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie, ...headers },
        body: file,
      });
    const foreign = await upload({ origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { category: 'FORBIDDEN', code: 'CROSS_SITE_REQUEST' } });
    expect(await queryRows(db.url, 'SELECT id FROM claim_submission')).toEqual([]);

    const accepted = await upload({ origin: origin() });
    expect(accepted.status).toBe(202);
    const { links } = (await accepted.json()) as { links: { problemsCsv: string } };
    const problems = await fetch(`${api.url}${links.problemsCsv}`, { headers: { cookie } });
    expect(problems.status).toBe(200);
    expect(problems.headers.get('content-type')).toMatch(/^text\/csv/);
  });

  it('never runs a mutation sent as a GraphQL GET, cookie or not', async () => {
    const { cookie } = await signInCookie('coord@test.gov');
    const mutation = encodeURIComponent('mutation { issueStatements(input: { quarter: "2026Q1" }) { number } }');
    const response = await fetch(`${api.url}/graphql?query=${mutation}`, {
      headers: { cookie, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(405);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0].message).toBe('GET requests only support query operations, not mutation operations');
    // Without a preflight-forcing header, Apollo's CSRF prevention refuses the GET outright.
    const simple = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ me { email } }')}`, {
      headers: { cookie },
    });
    expect(simple.status).toBe(400);
  });

  it('keeps bearer tokens as they were: no Origin check (not cookie-borne), same role scoping', async () => {
    const token = await signIn(api.url, 'g@genetix.test', PASSWORD);
    const foreignOrigin = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { ...JSON_BODY, authorization: `Bearer ${token}`, origin: 'https://evil.example' },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(await foreignOrigin.json()).toEqual({ data: { me: { email: 'g@genetix.test' } } });
    const scoped = await graphql(api.url, `{ statementByNumber(number: "${STATEMENT}") { number } }`, {}, token);
    expect(scoped.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const stateStaff = await signInCookie('ny@test.gov');
    const forbidden = await gql(
      stateStaff.cookie,
      'mutation { issueStatements(input: { quarter: "2026Q1" }) { number } }',
      {},
      { origin: origin() },
    );
    expect(forbidden.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('signs out server-side: the cookie then answers 401 in every route, other sessions live on, and it is audited', async () => {
    const browser = await signInCookie('ny@test.gov');
    const otherBrowser = await signInCookie('ny@test.gov');
    const out = await fetch(`${api.url}/v1/session`, {
      method: 'DELETE',
      headers: { cookie: browser.cookie, origin: origin() },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(
      /^cgt_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/,
    );

    // A copy of the old cookie (stolen, or another tab) is refused now, by GraphQL and HTTP alike.
    const me = await gql(browser.cookie, '{ me { email } }', {}, { origin: origin() });
    expect(me.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    const again = await fetch(`${api.url}/v1/session`, { headers: { cookie: browser.cookie } });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({
      error: { code: 'SESSION_ENDED', message: 'This session has been signed out: sign in again' },
    });
    expect((await fetch(`${api.url}/v1/session`, { headers: { cookie: otherBrowser.cookie } })).status).toBe(200);

    const audit = await queryRows<{ action: string; actor_label: string }>(
      db.url,
      `SELECT action, actor_label FROM audit_event WHERE action = 'user.logout'`,
    );
    expect(audit).toEqual([{ action: 'user.logout', actor_label: 'ny@test.gov' }]);
    // Signing out again, or without a session, only clears the cookie.
    expect(
      (
        await fetch(`${api.url}/v1/session`, {
          method: 'DELETE',
          headers: { cookie: browser.cookie, origin: origin() },
        })
      ).status,
    ).toBe(204);
    expect((await fetch(`${api.url}/v1/session`, { method: 'DELETE' })).status).toBe(204);
  });

  it('refuses a cookie sign-out posted from a foreign page, and keeps the session', async () => {
    const browser = await signInCookie('ny@test.gov');
    const out = await fetch(`${api.url}/v1/session`, {
      method: 'DELETE',
      headers: { cookie: browser.cookie, origin: 'https://evil.example' },
    });
    expect(out.status).toBe(403);
    expect((await fetch(`${api.url}/v1/session`, { headers: { cookie: browser.cookie } })).status).toBe(200);
  });

  describe('tokens', () => {
    it('revokes a bearer token at sign-out: used afterwards it answers 401', async () => {
      const token = await signIn(api.url, 'coord@test.gov', PASSWORD);
      expect((await graphql(api.url, '{ me { email } }', {}, token)).data).toEqual({ me: { email: 'coord@test.gov' } });
      const out = await fetch(`${api.url}/v1/session`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(out.status).toBe(204);
      const after = await graphql(api.url, '{ me { email } }', {}, token);
      expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
      const download = await fetch(`${api.url}/v1/statements/${STATEMENT}.csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(download.status).toBe(401);
    });

    it.each<[string, (claims: Record<string, unknown>) => Record<string, unknown>]>([
      ['a token without exp', ({ exp: _exp, ...claims }) => claims],
      ['a token whose subject is not a UUID', (claims) => ({ ...claims, sub: 'not-a-uuid' })],
      ['a token whose subject is a number', (claims) => ({ ...claims, sub: 42 })],
      ['a token of a user without a session', ({ sid: _sid, ...claims }) => claims],
      [
        'a token naming a session that does not exist',
        (claims) => ({ ...claims, sid: '00000000-0000-4000-8000-000000000000' }),
      ],
      [
        'a token naming another user’s session',
        (claims) => ({ ...claims, sub: '00000000-0000-4000-8000-000000000001' }),
      ],
    ])('answers %s with 401, never 500', async (_, change) => {
      const real = await signIn(api.url, 'coord@test.gov', PASSWORD);
      const forged = forgeToken(secret, change(claimsOf(real)));
      const result = await graphql(api.url, '{ me { email } }', {}, forged);
      expect(result.status).toBe(200);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' });
      const http = await fetch(`${api.url}/v1/session`, { headers: { authorization: `Bearer ${forged}` } });
      expect(http.status).toBe(401);
      const cookie = await fetch(`${api.url}/v1/session`, { headers: { cookie: `cgt_session=${forged}` } });
      expect(cookie.status).toBe(401);
    });

    it('answers a malformed Authorization header with 401 rather than falling back to the cookie', async () => {
      const { cookie } = await signInCookie('coord@test.gov');
      const response = await fetch(`${api.url}/v1/session`, { headers: { cookie, authorization: 'Basic Y29vcmQ=' } });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: { code: 'TOKEN_INVALID', message: 'The Authorization header must be "Bearer <token>"' },
      });
    });
  });
});

describe('browser sessions behind a proxy: PUBLIC_ORIGIN and API_ALLOWED_ORIGINS', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(
      testConfig(db.url, {
        PUBLIC_ORIGIN: 'https://cgt.example.gov',
        API_ALLOWED_ORIGINS: 'https://admin.example.gov',
      }),
    );
    await insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR, password: PASSWORD });
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('sets a Secure cookie and accepts changes from the configured origins only, not from the Host', async () => {
    const response = await fetch(`${api.url}/v1/session`, {
      method: 'POST',
      headers: { ...JSON_BODY, origin: 'https://cgt.example.gov' },
      body: JSON.stringify({ email: 'coord@test.gov', password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/; Secure/i);
    const cookie = setCookie.split(';')[0];
    const me = (origin: string) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { ...JSON_BODY, cookie, origin },
        body: JSON.stringify({ query: '{ me { email } }' }),
      }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { extensions: { reason: string } }[] }>);
    expect((await me('https://cgt.example.gov')).data).toEqual({ me: { email: 'coord@test.gov' } });
    expect((await me('https://admin.example.gov')).data).toEqual({ me: { email: 'coord@test.gov' } });
    expect((await me(api.url)).errors?.[0]?.extensions.reason).toBe('CROSS_SITE_REQUEST');
  });
});
