import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, parse, printSchema, validate } from 'graphql';
import { everyConsoleExample } from '../src/console/console-examples';
import { sampleConsoleFacts } from '../src/console/console-facts.fixtures';
import { createTestDatabase, startApi, testConfig, type RunningApi, type TestDatabase } from '@lib/testing';

const SCHEMA_FILE = join(__dirname, '..', '..', '..', 'schema.gql');

/**
 * The public GraphQL schema is committed (schema.gql, sorted). A change to the code that changes
 * the schema fails here until the file is regenerated with `npm run schema:update` and reviewed.
 */
describe('committed GraphQL schema', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('matches the schema the code generates', () => {
    const generated = printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated);
    expect(existsSync(SCHEMA_FILE)).toBe(true);
    expect(generated).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('describes every type and field the console shows', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description && !['Query', 'Mutation'].includes(type.name)) undocumented.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it.each(everyConsoleExample(sampleConsoleFacts()).map((e) => [e.title, e.query]))(
    'console example "%s" is valid against the schema',
    (_title, query) => {
      const schema = api.app.get(GraphQLSchemaHost).schema;
      expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
    },
  );
});
