import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { ActorResolver } from '@lib/auth';
import { CACHED_READ_EXTENSION, type Clock, type GraphqlContext } from '@lib/common';
import type { ReadCache } from './read-cache';
import {
  isCacheableOperation,
  queryHashOf,
  readCacheKey,
  readCacheOperationKey,
  responseBodyOf,
} from './read-cache-policy';
import { signedInUserId } from './signed-in-user';

/** The response header that tells whether an answer came from the read cache ("hit") or not ("miss"). */
export const READ_CACHE_HEADER = 'x-read-cache';

/** Query fields marked @CachedRead() in the schema. */
export function cachedReadFields(schema: GraphQLSchema): Set<string> {
  const query = schema.getQueryType();
  const fields = query && isObjectType(query) ? Object.values(query.getFields()) : [];
  return new Set(fields.filter((field) => field.extensions?.[CACHED_READ_EXTENSION] === true).map((f) => f.name));
}

/**
 * The computing half of the read cache: once Apollo knows the operation, a cacheable one is
 * remembered as such (so that readCacheHits looks its repeats up before Apollo) and its error-free
 * answer is kept, as the exact response body, under the key of its caller, document, variables and
 * day. The caller is authenticated as the auth guard would (and kept on the request for it).
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
      let epoch: number | null = null;
      return Promise.resolve({
        async responseForOperation({ operation, request, contextValue, response }) {
          if (!cache.live || request.query === undefined || !isCacheableOperation(operation, cacheableFields)) {
            return null;
          }
          const userId = await signedInUserId(actors, contextValue.req);
          if (!userId) return null;
          // Null when the barrier cannot tell: the answer is then computed and not kept.
          epoch = await cache.settledEpoch();
          const queryHash = queryHashOf(request.query);
          cache.markCacheable(readCacheOperationKey(queryHash, request.operationName));
          key = readCacheKey({
            userId,
            today: clock.today(),
            query: queryHash,
            operationName: request.operationName ?? null,
            variables: request.variables ?? null,
          });
          response.http.headers.set(READ_CACHE_HEADER, 'miss');
          return null;
        },
        willSendResponse({ response }) {
          if (key === null || epoch === null || response.body.kind !== 'single') return Promise.resolve();
          const result = response.body.singleResult;
          if (!result.errors?.length && result.data) cache.store(epoch, key, responseBodyOf(result));
          return Promise.resolve();
        },
      });
    },
  };
}
