import { Role } from '@lib/common';
import {
  createTestDatabase,
  insertUser,
  queryRows,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';

const ATTACKER = '203.0.113.7';
const OWNER = '198.51.100.20';

/**
 * README "Security", row "Password guessing": sign-in throttling that parallel requests cannot
 * race (also across two API processes on one database) and that an attacker cannot use to lock
 * the owner of an email out. Client addresses come from X-Forwarded-For, which the API trusts
 * from loopback (its proxy).
 */
describe('sign-in throttling per email and client address', () => {
  let db: TestDatabase;
  const apis: RunningApi[] = [];

  const signIn = async (api: RunningApi, from: string, email: string, password: string) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({
        query: 'mutation($input: LoginInput!) { signIn(input: $input) { token } }',
        variables: { input: { email, password } },
      }),
    });
    const body = (await response.json()) as {
      data?: { signIn: { token: string } } | null;
      errors?: { message: string; extensions: { reason?: string } }[];
    };
    return body.data?.signIn ? 'SIGNED_IN' : (body.errors?.[0]?.extensions.reason ?? 'NO_ANSWER');
  };
  const failedChecks = async (email: string) =>
    (
      await queryRows<{ n: number }>(
        db.url,
        `SELECT count(*)::int AS n FROM audit_event a JOIN app_user u ON u.id::text = a.entity_id
          WHERE a.action = 'user.login_failed' AND u.email = $1`,
        [email],
      )
    )[0].n;

  /** The wait the stored row imposes now, in seconds (next allowed attempt minus the last one). */
  const waitSeconds = async (email: string) =>
    (
      await queryRows<{ seconds: number }>(
        db.url,
        `SELECT extract(epoch FROM next_attempt_at - last_attempt_at)::int AS seconds
           FROM login_throttle WHERE login_key = $1 AND client_key = $2`,
        [email, ATTACKER],
      )
    )[0]?.seconds;
  /** Lets the wait pass without sleeping through it (the rule compares with the database clock). */
  const waitIsOver = (email: string) =>
    queryRows(
      db.url,
      `UPDATE login_throttle SET next_attempt_at = now() - interval '1 second' WHERE login_key = $1 AND client_key = $2`,
      [email, ATTACKER],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    // Two API processes on one database, with the default limits (5 attempts, 15 s doubling, at most 900 s).
    const config = testConfig(db.url, { LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_SECONDS: '900' });
    apis.push(await startApi(config), await startApi(config));
    await insertUser(db.url, { email: 'owner@test.gov', role: Role.AUDITOR, password: 'right-password-1' });
    await insertUser(db.url, { email: 'second@test.gov', role: Role.AUDITOR, password: 'right-password-2' });
  });

  afterAll(async () => {
    for (const api of apis) await api.close();
    await db?.drop();
  });

  it('checks at most LOGIN_MAX_FAILURES of 15 parallel wrong passwords sent to two API processes', async () => {
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => signIn(apis[i % 2], ATTACKER, 'owner@test.gov', `wrong-${i}`)),
    );
    expect(results.filter((r) => r === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(results.filter((r) => r === 'LOGIN_THROTTLED')).toHaveLength(10);
    expect(await failedChecks('owner@test.gov')).toBe(5);
    // Even the right password waits while the attacker's address is throttled.
    expect(await signIn(apis[0], ATTACKER, 'owner@test.gov', 'right-password-1')).toBe('LOGIN_THROTTLED');
  });

  it('does not lock the owner out: their own address signs in at once', async () => {
    expect(await signIn(apis[1], OWNER, 'owner@test.gov', 'right-password-1')).toBe('SIGNED_IN');
  });

  it('delays instead of locking: after each wait one more attempt is checked, and the next wait doubles', async () => {
    for (const i of [1, 2, 3, 4, 5]) {
      expect(await signIn(apis[i % 2], ATTACKER, 'second@test.gov', `x${i}`)).toBe('INVALID_CREDENTIALS');
    }
    expect(await waitSeconds('second@test.gov')).toBe(15);
    expect(await signIn(apis[1], ATTACKER, 'second@test.gov', 'x6')).toBe('LOGIN_THROTTLED');
    await waitIsOver('second@test.gov');
    expect(await signIn(apis[1], ATTACKER, 'second@test.gov', 'x7')).toBe('INVALID_CREDENTIALS');
    expect(await waitSeconds('second@test.gov')).toBe(30);
    expect(await signIn(apis[0], ATTACKER, 'second@test.gov', 'x8')).toBe('LOGIN_THROTTLED');
    await waitIsOver('second@test.gov');
    expect(await signIn(apis[0], ATTACKER, 'second@test.gov', 'right-password-2')).toBe('SIGNED_IN');
    // A successful sign-in forgets that address's attempts.
    expect(await queryRows(db.url, `SELECT 1 FROM login_throttle WHERE login_key = 'second@test.gov'`)).toEqual([]);
  });

  it('throttles unknown emails alike (no enumeration)', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => signIn(apis[i % 2], ATTACKER, 'nobody@test.gov', `wrong-${i}`)),
    );
    expect(results.filter((r) => r === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(results.filter((r) => r === 'LOGIN_THROTTLED')).toHaveLength(3);
  });
});
