import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import type { ActorResolver } from '@lib/auth';
import type { GraphqlContext } from '@lib/common';

/** Whether a document asks for the schema (`__schema` or `__type`; `__typename` is harmless). */
export function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Introspection only for signed-in users (README "Security": schema discovery): an anonymous caller
 * asking for the schema gets a clear UNAUTHENTICATED error (HTTP 401) before anything runs. The
 * actor is resolved as the auth guard does and kept on the request for it.
 */
export function introspectionForSignedInUsers(actors: ActorResolver): ApolloServerPlugin<GraphqlContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ document, contextValue }) {
          if (!asksForSchema(document)) return;
          const request = contextValue.req;
          try {
            request.actor ??= (await actors.resolveRequest(request)).actor;
          } catch {
            throw new GraphQLError(
              'The schema (__schema, __type) is shown to signed-in users only: sign in (POST /v1/session in a browser) or send "Authorization: Bearer <token>"',
              { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } },
            );
          }
        },
      });
    },
  };
}
