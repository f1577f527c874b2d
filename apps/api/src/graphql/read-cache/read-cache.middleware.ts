import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ActorResolver } from '@lib/auth';
import type { AuthenticatedRequest, Clock } from '@lib/common';
import type { KeptAnswer, ReadCache } from './read-cache';
import { READ_CACHE_HEADER } from './read-cache.plugin';
import { acceptsGzip, GZIP_MIN_BYTES, queryHashOf, readCacheKey, readCacheOperationKey } from './read-cache-policy';
import { SignedInSessions } from './signed-in-sessions';

const gzipAsync = promisify(gzip);

/** Media types a kept answer can be sent as (Apollo answers these with application/json). */
function acceptsPlainJson(accept: string | undefined): boolean {
  if (accept === undefined) return true;
  const types = accept.split(',').map((type) => type.split(';')[0].trim().toLowerCase());
  return types.every((type) => type === 'application/json' || type === '*/*');
}

/**
 * The serving half of the read cache (docs/architecture.md, "Read cache"), in front of Apollo: a
 * POST /graphql of an operation readCachePlugin found cacheable, by a signed-in user, is answered
 * with the kept response body when there is one, without parsing, validating or running anything
 * (gzip-encoded when the client accepts it and the body is not tiny). The caller's session is
 * remembered for the cache's epoch (SignedInSessions). Everything else (a miss, another media
 * type, a refused sign-in) goes on to Apollo unchanged.
 */
export function readCacheHits(cache: ReadCache, actors: ActorResolver, clock: Clock): RequestHandler {
  const sessions = new SignedInSessions(actors, cache);

  const encodingFor = async (req: Request, epoch: number, key: string, answer: KeptAnswer): Promise<Buffer | null> => {
    if (answer.body.length < GZIP_MIN_BYTES || !acceptsGzip(req.headers['accept-encoding'])) return null;
    if (answer.gzipped) return answer.gzipped;
    const gzipped = await gzipAsync(answer.body);
    cache.keepGzipped(epoch, key, answer, gzipped);
    return gzipped;
  };

  const answerFromCache = async (req: AuthenticatedRequest, res: Response): Promise<boolean> => {
    if (req.method !== 'POST' || req.path !== '/graphql' || !cache.live) return false;
    if (!acceptsPlainJson(req.headers.accept)) return false;
    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown } | undefined;
    if (!body || typeof body.query !== 'string') return false;
    const operationName = typeof body.operationName === 'string' ? body.operationName : null;
    const queryHash = queryHashOf(body.query);
    if (!cache.isCacheable(readCacheOperationKey(queryHash, operationName))) return false;
    const epoch = await cache.settledEpoch();
    if (epoch === null) return false;
    const userId = await sessions.userIdAt(req, epoch);
    if (!userId) return false;
    const variables =
      body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : null;
    const key = readCacheKey({ userId, today: clock.today(), query: queryHash, operationName, variables });
    const answer = cache.answerAt(epoch, key);
    if (answer === undefined) return false;
    const gzipped = await encodingFor(req, epoch, key, answer);
    res.status(200);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('vary', 'accept-encoding');
    res.setHeader(READ_CACHE_HEADER, 'hit');
    if (gzipped) {
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipped);
    } else {
      res.end(answer.body);
    }
    return true;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    answerFromCache(req, res).then(
      (answered) => {
        if (!answered) next();
      },
      (error: unknown) => next(error),
    );
  };
}
