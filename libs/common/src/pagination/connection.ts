import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CommonError, CommonErrorCode } from '../errors/app-error';

/** Lists are Relay connections with a capped page size (style.md habit 3). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType('PageInfo', { description: 'Where this page ends and whether another follows.' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to fetch the next page.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /**
   * A number, or a getter that starts counting when read, which GraphQL does only when a client
   * selects the field: counting every matching row is the costliest part of a page over a large
   * table (docs/architecture.md "Fast reads"). Copy it with withTotalCount, never by value.
   */
  readonly totalCount: number | Promise<number>;
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item; pass as `after` to continue from here.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, in order.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page ends.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return (1 to ${MAX_PAGE_SIZE}).`,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

export type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function invalidCursor(cursor: string): CommonError {
  return new CommonError(CommonErrorCode.INVALID_CURSOR, `Cursor "${cursor.slice(0, 100)}" is not valid for this list`);
}

/** A PostgreSQL data exception (SQLSTATE class 22: a value of the wrong type or out of range). */
function isDataException(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('22');
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return parsed;
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor(cursor);
}

/** A connection whose totalCount is read (and so counted) only when someone reads it. */
function withTotalCount<T>(
  shape: Omit<ConnectionShape<T>, 'totalCount'>,
  totalCount: () => number | Promise<number>,
): ConnectionShape<T> {
  return Object.defineProperty(shape, 'totalCount', { get: totalCount, enumerable: true }) as ConnectionShape<T>;
}

export function mapConnection<T, U>(connection: ConnectionShape<T>, map: (node: T) => U): ConnectionShape<U> {
  return withTotalCount(
    { pageInfo: connection.pageInfo, edges: connection.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })) },
    () => connection.totalCount,
  );
}

/** Builds a connection from rows fetched with `limit first + 1`. */
export function connectionFromRows<T>(
  rows: T[],
  first: number,
  totalCount: number | (() => Promise<number>),
  cursorOf: (row: T) => CursorValue[],
): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return withTotalCount(
    { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } },
    typeof totalCount === 'number' ? () => totalCount : totalCount,
  );
}

export interface KeysetOrder<E> {
  /** SQL expressions of the sort key, unique together (e.g. `['a.created_at', 'a.id']`). */
  columns: string[];
  /** The same key read from a loaded row. */
  valuesOf: (row: E) => CursorValue[];
  direction?: 'ASC' | 'DESC';
}

/**
 * Keyset pagination over a TypeORM query: `(k1, k2) > (:c1, :c2)` from the cursor, ordered by
 * the key, `first + 1` rows to know whether a next page exists. The total is counted separately.
 */
export async function paginateQuery<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  page: PageArgs,
  order: KeysetOrder<E>,
): Promise<ConnectionShape<E>> {
  const direction = order.direction ?? 'ASC';
  const countQuery = qb.clone();
  let counted: Promise<number> | undefined;
  const totalCount = () => (counted ??= countQuery.getCount());
  const query = qb.clone();
  if (page.after) {
    const values = decodeCursor(page.after, order.columns.length);
    const params: Record<string, CursorValue> = {};
    values.forEach((v, i) => (params[`__cursor${i}`] = v));
    const placeholders = values.map((_, i) => `:__cursor${i}`).join(', ');
    query.andWhere(`(${order.columns.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${placeholders})`, params);
  }
  order.columns.forEach((column, i) =>
    i === 0 ? query.orderBy(column, direction) : query.addOrderBy(column, direction),
  );
  let rows: E[];
  try {
    rows = await query.limit(page.first + 1).getMany();
  } catch (error) {
    // A cursor of the right shape but forged values (text for a timestamp or a uuid) fails in
    // the database: the client's input, not a server error (README "Security").
    if (page.after && isDataException(error)) throw invalidCursor(page.after);
    throw error;
  }
  return connectionFromRows(rows, page.first, totalCount, order.valuesOf);
}

/**
 * A connection over rows already loaded in full and in order (a relation fetched by a
 * DataLoader): the same cursors and page cap as paginateQuery, without another query.
 */
export function connectionFromArray<T>(
  rows: readonly T[],
  page: PageArgs,
  cursorOf: (row: T) => CursorValue[],
): ConnectionShape<T> {
  let start = 0;
  if (page.after) {
    const index = rows.findIndex((row) => encodeCursor(cursorOf(row)) === page.after);
    if (index < 0) throw invalidCursor(page.after);
    start = index + 1;
  }
  return connectionFromRows(rows.slice(start, start + page.first + 1), page.first, rows.length, cursorOf);
}
