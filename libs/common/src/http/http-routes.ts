import type { Role } from '../auth/actor';

/**
 * The HTTP endpoints as data: each library describes its controllers' routes
 * in a typed table next to them; the API builds `/v1/openapi.json` from the tables and a test
 * checks that every controller route has exactly one row, and every row a description.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON Schema subset the route tables use (OpenAPI 3.1 schema objects). */
export interface JsonSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null' | readonly string[];
  description?: string;
  format?: string;
  pattern?: string;
  enum?: readonly (string | number)[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
  oneOf?: readonly JsonSchema[];
  maxLength?: number;
}

export interface HttpParameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly description: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
}

export interface HttpContent {
  readonly schema: JsonSchema;
}

export interface HttpResponse {
  readonly description: string;
  /** By media type; absent for a response without a body. */
  readonly content?: Readonly<Record<string, HttpContent>>;
}

export interface HttpRoute {
  readonly method: HttpMethod;
  /** OpenAPI form, from the root: `/v1/claim-submissions/{id}/problems.csv`. */
  readonly path: string;
  readonly operationId: string;
  /** The area, e.g. `Claim files` (an OpenAPI tag). */
  readonly tag: string;
  readonly summary: string;
  readonly description: string;
  /** Roles that may call it (bearer token or session cookie), or PUBLIC (no sign-in). */
  readonly access: readonly Role[] | 'PUBLIC';
  readonly parameters?: readonly HttpParameter[];
  readonly requestBody?: {
    readonly description: string;
    readonly required: boolean;
    readonly content: Readonly<Record<string, HttpContent>>;
  };
  /** By HTTP status code. */
  readonly responses: Readonly<Record<string, HttpResponse>>;
}

/** A component schema of the document (`#/components/schemas/<name>`). */
export function schemaRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

export const ERROR_SCHEMA = 'Error';

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'The request is not valid (BAD_USER_INPUT): the error names the field or rule.',
  '401': 'Not signed in: send a bearer token or the session cookie (UNAUTHENTICATED).',
  '403': "The caller's role may not do this (FORBIDDEN).",
  '404': "Not found, or outside the caller's scope (NOT_FOUND).",
  '413': 'The upload is larger than the limit.',
  '415': 'The content type is not one this endpoint accepts.',
};

/** The usual error answers: `{ error: { category, code, message, violations? } }`. */
export function errorResponses(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]): Record<string, HttpResponse> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status],
        content: { 'application/json': { schema: schemaRef(ERROR_SCHEMA) } },
      },
    ]),
  );
}

/** A path parameter holding a UUID. */
export function uuidParameter(name: string, description: string): HttpParameter {
  return { name, in: 'path', description, required: true, schema: { type: 'string', format: 'uuid' } };
}

/** A file answered as an attachment of the given media type. */
export function fileResponse(description: string, mediaType: string): HttpResponse {
  return { description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } };
}
