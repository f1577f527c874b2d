import type DataLoader from 'dataloader';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor';

/** The HTTP request after the auth guard has resolved who is calling. */
export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

/**
 * Per-request GraphQL context. DataLoaders live here, so every batch and cache is scoped to one
 * request and one actor (style.md habit 4).
 */
export interface GraphqlContext {
  req: AuthenticatedRequest;
  res: Response;
  loaders: Map<unknown, DataLoader<unknown, unknown>>;
}

export function createGraphqlContext({ req, res }: { req: AuthenticatedRequest; res: Response }): GraphqlContext {
  return { req, res, loaders: new Map() };
}

/** The request's loader for `key`, created on first use. */
export function loaderFor<K, V>(ctx: GraphqlContext, key: unknown, create: () => DataLoader<K, V>): DataLoader<K, V> {
  let loader = ctx.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = create();
    ctx.loaders.set(key, loader);
  }
  return loader;
}

/** DataLoader batch results in key order: each key's value from `found`, else `missing`. */
export function alignToKeys<K, V>(keys: readonly K[], found: Map<K, V>, missing: V): V[] {
  return keys.map((key) => found.get(key) ?? missing);
}

/** Indexes rows by a unique key (for alignToKeys). */
export function indexBy<K, V>(rows: V[], keyOf: (row: V) => K): Map<K, V> {
  return new Map(rows.map((row) => [keyOf(row), row]));
}
