import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Every GraphQL answer is for one signed-in caller: `Cache-Control: no-store` on all of them, so
 * that no browser or proxy keeps one. This replaces Apollo's cache-control plugin (disabled in
 * graphql-options.ts), which computed a cache policy field by field (a hook on every resolved
 * field) only to reach the same header; the read cache (read-cache/) sends it on its hits too.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
          return Promise.resolve();
        },
      });
    },
  };
}
