import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { ActorResolver } from '@lib/auth';
import { CACHED_READ_EXTENSION, type Clock, type GraphqlContext } from '@lib/common';
import type { ReadCache } from './read-cache';
import { isCacheableOperation, readCacheKey } from './read-cache-policy';

/** The response header that tells whether an answer came from the read cache ("hit") or not ("miss"). */
export const READ_CACHE_HEADER = 'x-read-cache';

/** Query fields marked @CachedRead() in the schema. */
export function cachedReadFields(schema: GraphQLSchema): Set<string> {
  const query = schema.getQueryType();
  const fields = query && isObjectType(query) ? Object.values(query.getFields()) : [];
  return new Set(fields.filter((field) => field.extensions?.[CACHED_READ_EXTENSION] === true).map((f) => f.name));
}

/**
 * Answers a repeated cacheable query of the same user on the same day from the read cache
 * (read-cache.ts says why that is exact), and keeps every error-free answer of one. The caller is
 * authenticated first, exactly as the auth guard would, so a signed-out or expired session never
 * gets a kept answer; what the caller may see was checked when the answer was computed for them.
 */
export function readCachePlugin(
  cache: ReadCache,
  actors: ActorResolver,
  clock: Clock,
): ApolloServerPlugin<GraphqlContext> {
  let cacheableFields = new Set<string>();
  return {
    serverWillStart({ schema }) {
      cacheableFields = cachedReadFields(schema);
      return Promise.resolve();
    },
    requestDidStart(): Promise<GraphQLRequestListener<GraphqlContext>> {
      let key: string | null = null;
      let epoch = 0;
      let hit = false;
      return Promise.resolve({
        async responseForOperation({ operation, request, queryHash, contextValue, response }) {
          if (!cache.live || !isCacheableOperation(operation, cacheableFields)) return null;
          epoch = cache.epoch;
          const req = contextValue.req;
          try {
            req.actor ??= (await actors.resolveRequest(req)).actor;
          } catch {
            return null; // the auth guard refuses it with the right error
          }
          if (!req.actor.userId || !queryHash) return null;
          key = readCacheKey({
            userId: req.actor.userId,
            today: clock.today(),
            query: queryHash,
            operationName: request.operationName ?? null,
            variables: request.variables ?? null,
          });
          const answer = await cache.lookup(key);
          response.http.headers.set(READ_CACHE_HEADER, answer === undefined ? 'miss' : 'hit');
          if (answer === undefined) return null;
          hit = true;
          return {
            http: { headers: new HeaderMap() },
            body: { kind: 'single', singleResult: answer as Record<string, unknown> },
          };
        },
        willSendResponse({ response }) {
          if (hit || key === null || response.body.kind !== 'single') return Promise.resolve();
          const result = response.body.singleResult;
          if (!result.errors?.length && result.data) {
            cache.store(epoch, key, result, Buffer.byteLength(JSON.stringify(result)));
          }
          return Promise.resolve();
        },
      });
    },
  };
}
