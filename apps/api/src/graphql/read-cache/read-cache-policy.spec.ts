import { parse, type OperationDefinitionNode } from 'graphql';
import {
  acceptsGzip,
  ByteBoundedLru,
  isCacheableOperation,
  readCacheKey,
  type ReadCacheKeyParts,
} from './read-cache-policy';

const CACHEABLE = new Set(['statements', 'programDashboard']);
const operationOf = (document: string) => parse(document).definitions[0] as OperationDefinitionNode;

describe('isCacheableOperation', () => {
  it.each([
    ['a cacheable field', '{ statements(first: 2) { edges { node { id } } } }', true],
    ['two cacheable fields', 'query Q { statements { edges { node { id } } } programDashboard { stateCode } }', true],
    ['a cacheable field and __typename', '{ __typename programDashboard { stateCode } }', true],
    ['__typename alone (nothing to keep)', '{ __typename }', false],
    ['a field not marked', '{ me { id } }', false],
    ['a marked and an unmarked field', '{ statements { edges { node { id } } } me { id } }', false],
    ['an aliased marked field', '{ s: statements { edges { node { id } } } }', true],
    ['a root fragment spread', '{ ...F } fragment F on Query { statements { edges { node { id } } } }', false],
    ['a root inline fragment', '{ ... on Query { statements { edges { node { id } } } } }', false],
    ['a directive at the root', 'query($x: Boolean!) { statements @include(if: $x) { edges { node { id } } } }', false],
    ['a mutation', 'mutation { statements { id } }', false],
    ['a subscription', 'subscription { statements { id } }', false],
  ])('%s', (_what, document, expected) => {
    expect(isCacheableOperation(operationOf(document), CACHEABLE)).toBe(expected);
  });
});

describe('readCacheKey', () => {
  const base: ReadCacheKeyParts = {
    userId: 'u1',
    today: '2027-08-02',
    query: 'hash-of-query',
    operationName: null,
    variables: { n: 'CGT-NY-51167-2026Q1' },
  };

  it('is the same for the same parts and fixed in size', () => {
    expect(readCacheKey({ ...base, variables: { n: 'CGT-NY-51167-2026Q1' } })).toBe(readCacheKey(base));
    expect(readCacheKey(base)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each<[string, Partial<ReadCacheKeyParts>]>([
    ['another user', { userId: 'u2' }],
    ['another day', { today: '2027-08-03' }],
    ['another query', { query: 'hash-of-other-query' }],
    ['an operation name', { operationName: 'Statements' }],
    ['other variables', { variables: { n: 'CGT-NY-51167-2026Q2' } }],
    ['no variables', { variables: null }],
  ])('differs for %s', (_what, change) => {
    expect(readCacheKey({ ...base, ...change })).not.toBe(readCacheKey(base));
  });

  it('frames the parts, so text moved from one part to the next changes the key', () => {
    expect(readCacheKey({ ...base, userId: 'u1', today: '2027-08-02' })).not.toBe(
      readCacheKey({ ...base, userId: 'u12', today: '027-08-02' }),
    );
  });
});

describe('ByteBoundedLru', () => {
  it('evicts the least recently used entries once over budget, counting bytes', () => {
    const lru = new ByteBoundedLru<string>(100);
    lru.set('a', 'A', 25);
    lru.set('b', 'B', 25);
    lru.set('c', 'C', 25);
    expect(lru.get('a')).toBe('A'); // a is now the most recent
    lru.set('d', 'D', 25);
    expect([lru.size, lru.bytes]).toEqual([4, 100]);
    lru.set('e', 'E', 20);
    expect(lru.get('b')).toBeUndefined();
    expect(['a', 'c', 'd', 'e'].map((k) => lru.get(k))).toEqual(['A', 'C', 'D', 'E']);
    expect([lru.size, lru.bytes]).toEqual([4, 95]);
  });

  it('replaces an entry with the same key without counting it twice', () => {
    const lru = new ByteBoundedLru<string>(100);
    lru.set('a', 'A1', 20);
    lru.set('a', 'A2', 10);
    expect([lru.get('a'), lru.size, lru.bytes]).toEqual(['A2', 1, 10]);
  });

  it('refuses an entry larger than a quarter of the budget and keeps the others', () => {
    const lru = new ByteBoundedLru<string>(100);
    lru.set('a', 'A', 20);
    expect(lru.set('huge', 'H', 26)).toBe(false);
    expect([lru.get('huge'), lru.get('a'), lru.bytes]).toEqual([undefined, 'A', 20]);
  });

  it('empties on clear and on delete', () => {
    const lru = new ByteBoundedLru<string>(100);
    lru.set('a', 'A', 20);
    lru.set('b', 'B', 20);
    lru.delete('a');
    expect([lru.size, lru.bytes]).toEqual([1, 20]);
    lru.clear();
    expect([lru.size, lru.bytes, lru.get('b')]).toEqual([0, 0, undefined]);
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['no header', undefined, false],
    ['an empty header', '', false],
    ['gzip', 'gzip', true],
    ["a browser's list", 'gzip, deflate, br, zstd', true],
    ['gzip in capitals with spaces', ' GZIP ;q=0.5', true],
    ['x-gzip', 'x-gzip', true],
    ['identity only', 'identity', false],
    ['other codings only', 'br, deflate', false],
    ['gzip refused by weight', 'gzip;q=0', false],
    ['gzip refused with a zero weight written out', 'gzip; q=0.000', false],
    ['any coding', '*', true],
    ['any coding but gzip', '*, gzip;q=0', false],
    ['any coding refused', 'br, *;q=0', false],
    ['a malformed weight', 'gzip;q=abc', false],
  ])('%s', (_what, header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
