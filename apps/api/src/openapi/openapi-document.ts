import { ERROR_SCHEMA, type HttpRoute, type JsonSchema } from '@lib/common';

/** An OpenAPI 3.1 document (the parts this API uses). */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, JsonSchema> };
}

const ERROR: JsonSchema = {
  type: 'object',
  description: 'What every refused request answers.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      description: 'The error, for the caller.',
      required: ['category', 'code', 'message'],
      properties: {
        category: {
          type: 'string',
          description: 'BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT or INTERNAL_SERVER_ERROR.',
        },
        code: { type: 'string', description: 'A stable code naming the rule, e.g. SUBMISSION_NOT_FOUND.' },
        message: { type: 'string', description: 'A sentence for a person.' },
        violations: {
          type: 'array',
          description: 'The fields at fault, when the input was invalid.',
          items: {
            type: 'object',
            description: 'One field at fault.',
            required: ['path', 'message'],
            properties: {
              path: { type: 'string', description: 'The field, e.g. input.stateCode.' },
              message: { type: 'string', description: 'What is wrong with it.' },
            },
          },
        },
        errorId: { type: 'string', description: 'For an unexpected error: the id under which it was logged.' },
      },
    },
  },
};

/**
 * The OpenAPI document of the HTTP endpoints, from the route tables of the libraries
 * and the component schemas generated from the GraphQL schema. Pure: the same tables give the
 * same document.
 */
export function buildOpenApiDocument(
  routes: readonly HttpRoute[],
  schemas: Record<string, JsonSchema>,
  tags: Record<string, string>,
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const operations = (paths[route.path] ??= {});
    if (operations[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is described twice`);
    const signedIn = route.access !== 'PUBLIC';
    operations[route.method] = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      description: signedIn
        ? `${route.description}\n\nRoles: ${route.access.join(', ')}.`
        : `${route.description}\n\nNo sign-in needed.`,
      security: signedIn ? [{ bearer: [] }, { session: [] }] : [],
      'x-roles': signedIn ? [...route.access] : [],
      ...(route.parameters ? { parameters: route.parameters } : {}),
      ...(route.requestBody ? { requestBody: route.requestBody } : {}),
      responses: route.responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CGT Access Platform: HTTP endpoints',
      version: '1',
      description:
        'Uploads and downloads that do not fit GraphQL (files of any size, CSV, PDF, XLSX), the browser session ' +
        'and health. Everything else is GraphQL at POST /graphql (schema.gql). Generated from the route tables ' +
        'next to the controllers.',
    },
    tags: Object.entries(tags).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from the signIn mutation or the CLI.' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'cgt_session',
          description: 'The browser session cookie (POST /v1/session); changes must come from this site.',
        },
      },
      schemas: { [ERROR_SCHEMA]: ERROR, ...schemas },
    },
  };
}

/**
 * Where the document lacks a description (the GraphQL schema's discipline): every operation, tag,
 * parameter, request body, response and schema property. Empty when complete.
 */
export function missingDescriptions(document: OpenApiDocument): string[] {
  const missing: string[] = [];
  const need = (where: string, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') missing.push(where);
  };
  const schema = (where: string, s: JsonSchema | undefined) => {
    if (!s) return;
    for (const [name, property] of Object.entries(s.properties ?? {})) {
      need(`${where}.${name}`, property.description);
      schema(`${where}.${name}`, property);
    }
    if (s.items) schema(`${where}[]`, s.items);
  };
  for (const tag of document.tags) need(`tag ${tag.name}`, tag.description);
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(operations)) {
      const op = raw as {
        summary?: string;
        description?: string;
        parameters?: { name: string; description?: string }[];
        requestBody?: { description?: string; content: Record<string, { schema: JsonSchema }> };
        responses: Record<string, { description?: string; content?: Record<string, { schema: JsonSchema }> }>;
      };
      const at = `${method.toUpperCase()} ${path}`;
      need(`${at} summary`, op.summary);
      need(`${at} description`, op.description);
      for (const p of op.parameters ?? []) need(`${at} parameter ${p.name}`, p.description);
      if (op.requestBody) {
        need(`${at} request body`, op.requestBody.description);
        for (const [type, c] of Object.entries(op.requestBody.content)) schema(`${at} request ${type}`, c.schema);
      }
      for (const [status, response] of Object.entries(op.responses)) {
        need(`${at} ${status}`, response.description);
        for (const [type, c] of Object.entries(response.content ?? {})) schema(`${at} ${status} ${type}`, c.schema);
      }
    }
  }
  for (const [name, s] of Object.entries(document.components.schemas)) {
    need(`schema ${name}`, s.description);
    schema(`schema ${name}`, s);
  }
  return missing;
}
