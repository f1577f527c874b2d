import { print } from '@0no-co/graphql.web';
import { initGraphQLTada, type TadaDocumentNode } from 'gql.tada';
import type { introspection } from '../graphql-env.d.ts';
import { ApiError, notifySignedOut } from './http';

/** Typed operations against the committed schema.gql (src/graphql-env.d.ts is generated from it). */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
  scalars: { Date: string; DateTime: string; Decimal: string; Money: string; JSON: unknown };
}>();

export type { ResultOf, VariablesOf } from 'gql.tada';

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Sends one operation with the session cookie; the first GraphQL error becomes an ApiError. */
export async function gqlRequest<R, V>(document: TadaDocumentNode<R, V>, variables: V): Promise<R> {
  // The operation with the fragments it uses (gql.tada appends them to the document).
  const query = print(document);
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body: GraphqlResponse<R>;
  try {
    body = (await response.json()) as GraphqlResponse<R>;
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}`, response.status);
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? null;
    if (code === 'UNAUTHENTICATED' || response.status === 401) notifySignedOut();
    throw new ApiError(first.message, response.status, code);
  }
  if (!response.ok || !body.data) throw new ApiError(`The server answered ${response.status}`, response.status);
  return body.data;
}
