import { Role } from '@lib/common';
import { createTestDatabase, insertUser, startApi, testConfig, type RunningApi, type TestDatabase } from '@lib/testing';

/** Every URL a page or script could fetch: src/href attributes, url(...), fetch('...'), import('...'). */
function outsideReferences(text: string, allowed: RegExp[]): string[] {
  const found = text.match(/\b(?:src|href)\s*=\s*["'](?:https?:)?\/\/[^"']+/gi) ?? [];
  const cssUrls = text.match(/url\(\s*["']?(?:https?:)?\/\/[^)"']+/gi) ?? [];
  return [...found, ...cssUrls].filter((ref) => !allowed.some((re) => re.test(ref)));
}

describe('GraphQL console at /console (offline: nothing from outside hosts)', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    await insertUser(db.url, {
      email: 'coordinator@test.gov',
      role: Role.FEDERAL_COORDINATOR,
      password: 'console-pass-1',
    });
    await insertUser(db.url, {
      email: 'ny@test.gov',
      role: Role.STATE_STAFF,
      stateCode: 'NY',
      password: 'console-pass-1',
    });
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('serves a page whose every script and stylesheet is a same-host path', async () => {
    const response = await fetch(`${api.url}/console`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) expect(asset).toMatch(/^(\/|data:|#)/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  it('serves every asset the page loads from the API itself, with no outside host in them', async () => {
    const html = await (await fetch(`${api.url}/console`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/console\/[^"]+)"/g)].map((m) => m[1]);
    const script = await (await fetch(`${api.url}/console/assets/console.js`)).text();
    const workers = [...script.matchAll(/'(\/console\/assets\/worker-[a-z]+\.js)'/g)].map((m) => m[1]);
    expect(workers).toHaveLength(3);
    for (const path of [...assets, ...workers]) {
      const response = await fetch(`${api.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const body = await response.text();
      // The bundle mentions w3.org namespaces and docs links in strings; nothing is loaded from them.
      expect(outsideReferences(body, [/w3\.org/])).toEqual([]);
    }
  });

  it('answers a repeat asset request with 304 by its ETag, and an unknown asset name with 404', async () => {
    const first = await fetch(`${api.url}/console/assets/graphiql.css`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await fetch(`${api.url}/console/assets/graphiql.css`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    for (const name of ['nothing.js', '__proto__', 'constructor']) {
      const response = await fetch(`${api.url}/console/assets/${name}`);
      expect({ name, status: response.status }).toEqual({ name, status: 404 });
    }
  });

  it('ships example operations and signs in through /v1/session: a session cookie, no token for page scripts', async () => {
    const script = await (await fetch(`${api.url}/console/assets/console.js`)).text();
    expect(script).toContain('mutation SignIn');
    expect(script).toContain("fetch('/v1/session'");
    expect(script).toContain("fetch('/console/examples'");
    // GraphiQL keeps its tabs in memory: a new sign-in opens the new role's first example.
    expect(script).toContain('storage: memoryStorage()');
    expect(script).not.toMatch(/sessionStorage|localStorage/);
    const response = await fetch(`${api.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: api.url },
      body: JSON.stringify({ email: 'coordinator@test.gov', password: 'console-pass-1' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { role: string } };
    expect(body.user.role).toBe('FEDERAL_COORDINATOR');
    expect(body).not.toHaveProperty('token');
    expect(response.headers.get('set-cookie')).toMatch(/cgt_session=.+; .*HttpOnly/i);
  });

  it('rejects a wrong password at sign-in with a clear error', async () => {
    const response = await fetch(`${api.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinator@test.gov', password: 'nope-nope-nope' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' },
    });
  });

  it('restricts the queue dashboard at /queues to federal coordinators', async () => {
    expect((await fetch(`${api.url}/queues`)).status).toBe(401);
    const session = async (email: string) => {
      const response = await fetch(`${api.url}/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'console-pass-1' }),
      });
      return (response.headers.get('set-cookie') ?? '').split(';')[0];
    };
    expect((await fetch(`${api.url}/queues`, { headers: { cookie: await session('ny@test.gov') } })).status).toBe(403);
    const allowed = await fetch(`${api.url}/queues`, { headers: { cookie: await session('coordinator@test.gov') } });
    expect(allowed.status).toBe(200);
    const html = await allowed.text();
    expect(html).toMatch(/<html/i);
    // Bull Board's own template links Google Fonts; the served copy must not.
    expect(outsideReferences(html, [])).toEqual([]);
  });

  it("answers the signed-in user's examples at /console/examples, leaving out what has nothing to act on", async () => {
    expect((await fetch(`${api.url}/console/examples`)).status).toBe(401);
    const response = await fetch(`${api.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ny@test.gov', password: 'console-pass-1' }),
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    const answer = await fetch(`${api.url}/console/examples`, { headers: { cookie } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = (await answer.json()) as { role: string; examples: { title: string; variables?: unknown }[] };
    expect(body.role).toBe('STATE_STAFF');
    expect(body.examples[0].title).toBe('Claim submissions');
    // No claim file received, no episode, no statement: what needs one is left out, and the
    // state's own examples name New York only.
    const titles = body.examples.map((e) => e.title);
    expect(titles).toContain('Submit a claim file');
    expect(titles).not.toContain('Report an outcome');
    expect(titles).not.toContain('Statement lines');
    expect(JSON.stringify(body.examples.map((e) => e.variables ?? {}))).not.toMatch(/"stateCode":"(?!NY)/);
  });
});
