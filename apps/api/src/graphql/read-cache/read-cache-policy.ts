import { createHash } from 'node:crypto';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';

/**
 * Whether an operation may be answered from the read cache: a query whose every root selection is
 * a field marked cacheable (or `__typename`). Fragments at the root, directives (`@include`,
 * `@skip`) and mutations are never cached.
 */
export function isCacheableOperation(
  operation: OperationDefinitionNode,
  cacheableFields: ReadonlySet<string>,
): boolean {
  if (operation.operation !== OperationTypeNode.QUERY) return false;
  const selections = operation.selectionSet.selections;
  if (selections.length === 0) return false;
  let readsData = false;
  for (const selection of selections) {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return false;
    const name = selection.name.value;
    if (name === '__typename') continue;
    if (!cacheableFields.has(name)) return false;
    readsData = true;
  }
  return readsData;
}

/** The SHA-256 (hex) of a GraphQL document, as Apollo names it. */
export function queryHashOf(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/** Names an operation of a document: its hash and the operation name asked for. */
export function readCacheOperationKey(queryHash: string, operationName: string | null | undefined): string {
  return `${queryHash}:${operationName ?? ''}`;
}

/**
 * The response body Apollo sends for an error-free single result (its field order and trailing
 * newline), so that a hit answers byte for byte what the miss answered.
 */
export function responseBodyOf(result: { data?: unknown; extensions?: unknown }): string {
  return `${JSON.stringify({ data: result.data, extensions: result.extensions })}\n`;
}

/** Kept answers at least this long are sent gzip-encoded to a client that accepts it. */
export const GZIP_MIN_BYTES = 1024;

/**
 * Whether an Accept-Encoding header accepts gzip (RFC 9110 12.5.3): `gzip` (or `x-gzip`) or `*`
 * listed with a weight above zero, and gzip not refused by name (`gzip;q=0` wins over `*`).
 */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  let named: boolean | null = null;
  let wildcard = false;
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const weightParam = params.find((param) => param.startsWith('q='));
    const weight = weightParam === undefined ? 1 : Number(weightParam.slice(2));
    const accepted = Number.isFinite(weight) && weight > 0;
    if (coding === 'gzip' || coding === 'x-gzip') named = (named ?? false) || accepted;
    else if (coding === '*') wildcard = accepted;
  }
  return named ?? wildcard;
}

/** What one cached answer depends on besides the data: who asks, what, and on which day. */
export interface ReadCacheKeyParts {
  readonly userId: string;
  readonly today: string;
  readonly query: string;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>> | null;
}

/** A fixed-size key (SHA-256) for a cached answer; the parts are framed so none can bleed into another. */
export function readCacheKey(parts: ReadCacheKeyParts): string {
  return createHash('sha256')
    .update(
      JSON.stringify([parts.userId, parts.today, parts.operationName ?? null, parts.variables ?? null, parts.query]),
    )
    .digest('base64url');
}

/**
 * A least-recently-used map bounded by the bytes its values declare (a Map keeps insertion order:
 * a hit moves its entry to the end, eviction takes from the front). A value larger than a quarter
 * of the budget is not kept, so one huge answer never empties the cache.
 */
export class ByteBoundedLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private used = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.used;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, bytes: number): boolean {
    if (bytes > this.maxBytes / 4) return false;
    this.delete(key);
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }
}
