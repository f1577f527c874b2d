import { Role, type HttpRoute } from '@lib/common';
import { buildOpenApiDocument, missingDescriptions } from './openapi-document';

const ROUTE: HttpRoute = {
  method: 'get',
  path: '/v1/things/{id}.csv',
  operationId: 'downloadThing',
  tag: 'Things',
  summary: 'A thing, as CSV',
  description: 'The thing.',
  access: [Role.AUDITOR],
  parameters: [{ name: 'id', in: 'path', description: 'The thing.', required: true, schema: { type: 'string' } }],
  responses: { '200': { description: 'The CSV.', content: { 'text/csv': { schema: { type: 'string' } } } } },
};

describe('buildOpenApiDocument', () => {
  it('puts each route under its path and method, with who may call it', () => {
    const doc = buildOpenApiDocument([ROUTE, { ...ROUTE, method: 'delete', access: 'PUBLIC' }], {}, { Things: 'All.' });
    expect(doc.paths['/v1/things/{id}.csv'].get).toMatchObject({
      operationId: 'downloadThing',
      tags: ['Things'],
      'x-roles': ['AUDITOR'],
      security: [{ bearer: [] }, { session: [] }],
      description: 'The thing.\n\nRoles: AUDITOR.',
    });
    expect(doc.paths['/v1/things/{id}.csv'].delete).toMatchObject({ security: [], 'x-roles': [] });
    expect(missingDescriptions(doc)).toEqual([]);
  });

  it('refuses a route described twice', () => {
    expect(() => buildOpenApiDocument([ROUTE, ROUTE], {}, {})).toThrow('GET /v1/things/{id}.csv is described twice');
  });

  it('names every place without a description', () => {
    const bare: HttpRoute = {
      ...ROUTE,
      parameters: [{ ...ROUTE.parameters![0], description: '' }],
      responses: {
        '200': {
          description: 'The CSV.',
          content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } } } } },
        },
      },
    };
    const doc = buildOpenApiDocument(
      [bare],
      { Thing: { type: 'object', properties: { a: { type: 'string' } } } },
      {
        Things: '',
      },
    );
    expect(missingDescriptions(doc)).toEqual([
      'tag Things',
      'GET /v1/things/{id}.csv parameter id',
      'GET /v1/things/{id}.csv 200 application/json.n',
      'schema Thing',
      'schema Thing.a',
    ]);
  });
});
