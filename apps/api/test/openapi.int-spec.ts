import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { Role } from '@lib/common';
import {
  createTestDatabase,
  insertUser,
  signIn,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';
import { HTTP_ROUTES } from '../src/openapi/api-routes';
import { missingDescriptions, type OpenApiDocument } from '../src/openapi/openapi-document';

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

/** `v1` + `statements/:number.csv` -> `/v1/statements/{number}.csv` (OpenAPI path templating). */
function openApiPath(...parts: string[]): string {
  const joined = `/${parts.filter((p) => p !== '' && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return joined.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Every route of every controller the API serves, read from Nest's own metadata. */
function controllerRoutes(api: RunningApi): string[] {
  const routes: string[] = [];
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!type) continue;
      const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[];
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || path === undefined) continue;
        for (const b of [base].flat()) {
          for (const p of [path].flat()) routes.push(`${METHODS[method] ?? `method ${method}`} ${openApiPath(b, p)}`);
        }
      }
    }
  }
  return routes.sort();
}

/** GET /v1/openapi.json describes every HTTP route, with descriptions throughout. */
describe('the OpenAPI document of the HTTP endpoints', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    const user = await insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' });
    token = await signIn(api.url, user.email, user.password);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const document = async (): Promise<OpenApiDocument> => {
    const response = await fetch(`${api.url}/v1/openapi.json`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    return (await response.json()) as OpenApiDocument;
  };

  it('has one row in the route table for every controller route, and none other', async () => {
    const described = HTTP_ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(new Set(described).size).toBe(described.length);
    const served = controllerRoutes(api);
    expect(served.length).toBeGreaterThan(15);
    expect(described).toEqual(served);
    const paths = (await document()).paths;
    expect(
      Object.entries(paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
        .sort(),
    ).toEqual(served);
  });

  it('describes every operation, parameter, body, response and schema property', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    expect(missingDescriptions(doc)).toEqual([]);
    // The uploads and downloads, with who may call them.
    const upload = doc.paths['/v1/states/{usps}/claim-files'].post as {
      'x-roles': string[];
      requestBody: { content: Record<string, unknown> };
      responses: Record<string, unknown>;
    };
    expect(upload['x-roles']).toEqual(['STATE_STAFF', 'FEDERAL_COORDINATOR']);
    expect(Object.keys(upload.requestBody.content)).toEqual([
      'application/octet-stream',
      'text/plain',
      'multipart/form-data',
    ]);
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['200', '202', '401', '403']));
    expect(Object.keys(doc.paths['/v1/statements/{number}.pdf'].get as object)).toContain('responses');
  });

  it('takes the bodies’ schemas from the GraphQL schema, descriptions included', async () => {
    const { schemas } = (await document()).components;
    const submission = schemas.ClaimSubmission;
    expect(submission.description).toEqual(expect.any(String));
    expect(submission.properties?.duplicateOf).toMatchObject({
      type: ['string', 'null'],
      description: expect.stringContaining('earlier submission') as string,
    });
    expect(submission.properties?.status).toMatchObject({ $ref: '#/components/schemas/SubmissionStatus' });
    expect(schemas.SubmissionStatus.enum).toEqual(
      expect.arrayContaining(['RECEIVED', 'COMPLETED', 'REJECTED', 'FAILED']),
    );
    expect(submission.properties?.counts).toMatchObject({
      oneOf: [{ $ref: '#/components/schemas/SubmissionCounts' }, { type: 'null' }],
    });
    expect(schemas.Dispute.properties?.disputedAmount).toMatchObject({ type: 'string' });
  });

  it('is answered to signed-in users only, like GraphQL introspection', async () => {
    const response = await fetch(`${api.url}/v1/openapi.json`);
    expect(response.status).toBe(401);
  });
});
