import { AuthError, AuthErrorCode, type ActorResolver, type ResolvedSession } from '@lib/auth';
import type { AuthenticatedRequest } from '@lib/common';
import { ReadCache, type ChangeBarrier } from './read-cache';
import { SignedInSessions } from './signed-in-sessions';

const alwaysSynced: ChangeBarrier = { synced: () => Promise.resolve(true) };
const EXPIRES = Date.parse('2027-03-01T13:00:00Z');

/** An ActorResolver whose database is a map of tokens to users, counting its reads. */
class FakeActors {
  reads = 0;
  users = new Map<string, string>([
    ['token-a', 'user-a'],
    ['token-b', 'user-b'],
  ]);
  duringRead: (() => void) | null = null;

  credentialFor(req: AuthenticatedRequest): { token: string; via: 'bearer' } {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new AuthError(AuthErrorCode.TOKEN_MISSING, 'Sign in first');
    return { token: header.slice('Bearer '.length), via: 'bearer' };
  }

  resolveToken(token: string): Promise<ResolvedSession> {
    this.reads += 1;
    this.duringRead?.();
    const userId = this.users.get(token);
    if (!userId) return Promise.reject(new AuthError(AuthErrorCode.TOKEN_INVALID, 'no session'));
    return Promise.resolve({
      actor: { kind: 'user', userId, role: 'MANUFACTURER', label: userId, stateCode: null, manufacturerId: 'm' },
      expiresAt: new Date(EXPIRES),
    } as unknown as ResolvedSession);
  }
}

const requestWith = (token?: string) =>
  ({ headers: token ? { authorization: `Bearer ${token}` } : {} }) as unknown as AuthenticatedRequest;

describe('SignedInSessions', () => {
  let cache: ReadCache;
  let actors: FakeActors;
  let now: number;
  let sessions: SignedInSessions;

  beforeEach(() => {
    cache = new ReadCache(1024 * 1024);
    cache.setLive(alwaysSynced);
    actors = new FakeActors();
    now = Date.parse('2027-03-01T12:00:00Z');
    sessions = new SignedInSessions(actors as unknown as ActorResolver, cache, 3, () => now);
  });

  it('reads a session from the database once per epoch, and keeps it on the request for the auth guard', async () => {
    const first = requestWith('token-a');
    expect(await sessions.userIdAt(first, cache.epoch)).toBe('user-a');
    expect(first.actor?.userId).toBe('user-a');
    const second = requestWith('token-a');
    expect(await sessions.userIdAt(second, cache.epoch)).toBe('user-a');
    expect(second.actor).toBeUndefined();
    expect(actors.reads).toBe(1);
  });

  it('reads every session again after any change (a sign-out or a disabled user is a change)', async () => {
    await sessions.userIdAt(requestWith('token-a'), cache.epoch);
    cache.invalidate();
    actors.users.delete('token-a');
    expect(await sessions.userIdAt(requestWith('token-a'), cache.epoch)).toBeNull();
    expect(actors.reads).toBe(2);
  });

  it('does not remember a session read across a change', async () => {
    const epoch = cache.epoch;
    actors.duringRead = () => cache.invalidate();
    expect(await sessions.userIdAt(requestWith('token-a'), epoch)).toBe('user-a');
    actors.duringRead = null;
    await sessions.userIdAt(requestWith('token-a'), epoch);
    expect(actors.reads).toBe(2);
  });

  it('forgets a session at its expiry', async () => {
    await sessions.userIdAt(requestWith('token-a'), cache.epoch);
    now = EXPIRES;
    actors.users.delete('token-a');
    expect(await sessions.userIdAt(requestWith('token-a'), cache.epoch)).toBeNull();
  });

  it('remembers no refusal: a request without a valid credential is read every time', async () => {
    expect(await sessions.userIdAt(requestWith(), cache.epoch)).toBeNull();
    expect(await sessions.userIdAt(requestWith('token-x'), cache.epoch)).toBeNull();
    expect(await sessions.userIdAt(requestWith('token-x'), cache.epoch)).toBeNull();
    expect([actors.reads, sessions.size]).toEqual([2, 0]);
  });

  it('keeps one user per token and a bounded number of sessions', async () => {
    expect(await sessions.userIdAt(requestWith('token-b'), cache.epoch)).toBe('user-b');
    expect(await sessions.userIdAt(requestWith('token-a'), cache.epoch)).toBe('user-a');
    for (let i = 0; i < 5; i++) {
      actors.users.set(`token-${i}`, `user-${i}`);
      await sessions.userIdAt(requestWith(`token-${i}`), cache.epoch);
      expect(sessions.size).toBeLessThanOrEqual(3);
    }
  });
});
