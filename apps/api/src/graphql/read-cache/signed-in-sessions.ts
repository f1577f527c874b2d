import { createHash } from 'node:crypto';
import type { ActorResolver } from '@lib/auth';
import type { AuthenticatedRequest } from '@lib/common';
import type { ReadCache } from './read-cache';

interface RememberedSession {
  userId: string;
  expiresAtMs: number;
}

/**
 * Who a cache hit's caller is, without a database read for every hit (docs/architecture.md,
 * "Read cache"). A token resolved once is remembered (by its SHA-256, never the token itself)
 * only for the read cache's current epoch: signing out, disabling a user or changing a role
 * writes user_session or app_user, whose notification starts a new epoch and forgets every
 * remembered session, exactly as it empties the kept answers. A remembered session also ends at
 * its expiry. The cookie's origin check runs on every request. Only cache hits use this; every
 * other request is authenticated by the auth guard against the database.
 */
export class SignedInSessions {
  private readonly sessions = new Map<string, RememberedSession>();
  private sessionsEpoch = -1;

  constructor(
    private readonly actors: ActorResolver,
    private readonly cache: ReadCache,
    private readonly maxSessions = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /**
   * The id of the user `req` is signed in as, at `epoch` (a settled epoch of the read cache); null
   * when it is not signed in (the auth guard then refuses it with the right error). A session read
   * from the database here is also kept on the request for the auth guard, should the hit miss.
   */
  async userIdAt(req: AuthenticatedRequest, epoch: number): Promise<string | null> {
    let credential: ReturnType<ActorResolver['credentialFor']>;
    try {
      credential = this.actors.credentialFor(req);
    } catch {
      return null;
    }
    if (epoch !== this.sessionsEpoch) {
      this.sessions.clear();
      this.sessionsEpoch = epoch;
    }
    const tokenKey = createHash('sha256').update(credential.token).digest('base64url');
    const remembered = this.sessions.get(tokenKey);
    if (remembered && remembered.expiresAtMs > this.now()) return remembered.userId;
    let resolved;
    try {
      resolved = await this.actors.resolveToken(credential.token, credential.via);
    } catch {
      return null;
    }
    req.actor ??= resolved.actor;
    const userId = resolved.actor.userId;
    if (userId && this.cache.epoch === epoch && this.sessionsEpoch === epoch) {
      if (this.sessions.size >= this.maxSessions) this.sessions.clear();
      this.sessions.set(tokenKey, { userId, expiresAtMs: resolved.expiresAt.getTime() });
    }
    return userId;
  }
}
