import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { everyConsoleExample } from '../console/console-examples';
import { sampleConsoleFacts } from '../console/console-facts.fixtures';
import {
  operationShapes,
  realisticEstimator,
  ROOT_FIELD_COST,
  UNPAGINATED_LIST_SIZE,
  type ListBounds,
} from './query-limits';

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', '..', 'schema.gql'), 'utf8'));
const cost = (query: string, variables: Record<string, unknown> = {}, bounds: ListBounds = new Map()) =>
  getComplexity({ schema, query: parse(query), variables, estimators: [realisticEstimator(schema, bounds)] });
const shape = (query: string) => operationShapes(parse(query))[0].shape;
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('operation shape', () => {
  it.each<[string, string, { depth: number; aliases: number; fields: number }]>([
    ['one field', '{ me { id } }', { depth: 2, aliases: 0, fields: 1 }],
    ['aliases at the root', aliases(3, 'me { id }'), { depth: 2, aliases: 3, fields: 3 }],
    ['aliases inside a field', '{ me { a: id b: id } }', { depth: 2, aliases: 2, fields: 1 }],
    [
      'a fragment counts once per use',
      'query { me { ...F } again: me { ...F } } fragment F on User { x: id y: email }',
      { depth: 2, aliases: 5, fields: 2 },
    ],
    [
      'fragment spreads at the root count their fields',
      'query { ...Q } fragment Q on Query { me { id } users { totalCount } }',
      { depth: 2, aliases: 0, fields: 2 },
    ],
    [
      'introspection is not depth',
      '{ __schema { types { fields { type { name } } } } }',
      { depth: 0, aliases: 0, fields: 1 },
    ],
  ])('%s', (_case, query, expected) => {
    expect(shape(query)).toEqual(expected);
  });

  it('a fragment bomb (each fragment spreads the previous twice) is counted in linear time', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i + 1} on User { ...F${i} ...F${i} }`).join(
      '\n',
    );
    const query = `{ me { ...F40 } } fragment F0 on User { a: id } ${fragments}`;
    expect(shape(query).aliases).toBe(2 ** 40);
  });
});

describe('realistic cost: aliases and unpaginated lists count', () => {
  it('a root field costs its database work, a property 1', () => {
    expect(cost('{ me { id email } }')).toBe(ROOT_FIELD_COST + 2);
  });

  it('each alias of a root list costs the whole list', () => {
    const one = cost('{ programDashboard { stateCode } }');
    expect(one).toBe(ROOT_FIELD_COST + UNPAGINATED_LIST_SIZE);
    expect(cost(aliases(100, 'programDashboard { stateCode }'))).toBe(100 * one);
  });

  it('a connection costs its page size, default 20, and its edges are not counted twice', () => {
    expect(cost('{ users { edges { node { id } } } }')).toBe(ROOT_FIELD_COST + 20 * 3);
    expect(cost('{ users(first: 100) { edges { node { id } } } }')).toBe(ROOT_FIELD_COST + 100 * 3);
  });

  it('an unpaginated list inside each item of a page multiplies', () => {
    const query = `{ statements(first: 100) { edges { node {
      lines { episodeRef product ndc11 administrationDate component serviceQuarter amount }
      payments { amount receivedOn reference } } } } }`;
    expect(cost(query)).toBe(
      ROOT_FIELD_COST + 100 * (1 + 1 + (1 + UNPAGINATED_LIST_SIZE * 7) + (1 + UNPAGINATED_LIST_SIZE * 3)),
    );
  });

  it.each(everyConsoleExample(sampleConsoleFacts()).map((e) => [e.title, e] as const))(
    'the console example "%s" stays well within the default limit (20000)',
    (_title, example) => {
      expect(cost(example.query, example.variables ?? {})).toBeLessThanOrEqual(20000);
      expect(shape(example.query).aliases).toBeLessThanOrEqual(30);
      expect(shape(example.query).fields).toBeLessThanOrEqual(20);
    },
  );
});

describe('catalog lists are sized by what exists', () => {
  const CATALOG = `{ products(first: 100) { edges { node { code
    ndcs(first: 50) { edges { node { ndc11 packageLevel } } }
    hcpcsCodes(first: 50) { edges { node { hcpcsCode } } } } } } }`;
  // A product: node 1 + code 1 + ndcs (1 + n x (edges 1 + node 3)) + hcpcsCodes (1 + h x (edges 1 + node 2)); edges 1.
  const catalogCost = (products: number, ndcs: number, hcpcs: number) =>
    ROOT_FIELD_COST + products * (1 + 1 + 1 + (1 + ndcs * 4) + (1 + hcpcs * 3));

  it('products(first:100){ndcs(first:50)} over 2 products costs what 2 products with their NDCs cost', () => {
    expect(cost(CATALOG)).toBe(catalogCost(100, 50, 50));
    expect(cost(CATALOG)).toBeGreaterThan(20000);
    const small = new Map([
      ['Query.products', 2],
      ['Product.ndcs', 3],
      ['Product.hcpcsCodes', 1],
    ]);
    expect(cost(CATALOG, {}, small)).toBe(catalogCost(2, 3, 1));
    expect(cost(CATALOG, {}, small)).toBeLessThan(100);
  });

  it('never above the page size asked for: a large catalog costs what first says', () => {
    const large = new Map([
      ['Query.products', 5000],
      ['Product.ndcs', 80],
      ['Product.hcpcsCodes', 20],
    ]);
    expect(cost(CATALOG, {}, large)).toBe(catalogCost(100, 50, 20));
    expect(cost(CATALOG, {}, large)).toBeGreaterThan(20000);
  });

  it('leaves every other list to its page size: a nested flood stays refused', () => {
    const flood = `{ agreements(first: 100) { edges { node { versions(first: 100) { edges { node { versionNumber status } } } } } } }`;
    const bounds = new Map([
      ['Query.products', 2],
      ['Product.ndcs', 3],
    ]);
    expect(cost(flood, {}, bounds)).toBe(cost(flood));
    expect(cost(flood, {}, bounds)).toBeGreaterThan(20000);
  });
});
