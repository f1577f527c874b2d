import type { ActorResolver } from '@lib/auth';
import type { AuthenticatedRequest } from '@lib/common';

/**
 * The id of the user a request is signed in as, resolved as the auth guard does and kept on the
 * request for it; null when it is not signed in as a user (the guard then refuses it with the
 * right error, so the read cache only stands aside).
 */
export async function signedInUserId(actors: ActorResolver, req: AuthenticatedRequest): Promise<string | null> {
  try {
    req.actor ??= (await actors.resolveRequest(req)).actor;
  } catch {
    return null;
  }
  return req.actor.userId;
}
