import { SESSION_ROUTES } from '@lib/auth';
import { CLAIM_FILE_ROUTES } from '@lib/claims';
import { errorResponses, Role, type HttpRoute, type JsonSchema } from '@lib/common';
import { SIMULATION_FILE_ROUTES } from '@lib/simulator';
import { STATEMENT_FILE_ROUTES } from '@lib/statements';

const CHECK: JsonSchema = {
  type: 'object',
  description: 'One dependency checked.',
  required: ['ok'],
  properties: {
    ok: { type: 'boolean', description: 'Whether it answered as it should.' },
    detail: { type: 'string', description: 'What went wrong, or a note.' },
  },
};

/** The API's own routes (HealthController, ConsoleController, OpenApiController). */
const API_ROUTES: readonly HttpRoute[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'alive',
    tag: 'Operations',
    summary: 'Liveness',
    description: 'Answers while the process runs.',
    access: 'PUBLIC',
    responses: {
      '200': {
        description: 'Alive.',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              description: 'Always ok.',
              properties: { status: { type: 'string', description: 'ok.' } },
            },
          },
        },
      },
    },
  },
  {
    method: 'get',
    path: '/health/ready',
    operationId: 'ready',
    tag: 'Operations',
    summary: 'Readiness',
    description: 'PostgreSQL reachable, every migration applied, the queue backend reachable.',
    access: 'PUBLIC',
    responses: Object.fromEntries(
      [
        ['200', 'Ready.'],
        ['503', 'A dependency is not ready (see checks).'],
      ].map(([status, description]) => [
        status,
        {
          description,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                description: 'The verdict and each check.',
                required: ['status', 'checks'],
                properties: {
                  status: { type: 'string', enum: ['ok', 'unavailable'], description: 'The verdict.' },
                  checks: {
                    type: 'object',
                    description: 'database, migrations and queues.',
                    properties: {
                      database: { ...CHECK, description: 'PostgreSQL answers.' },
                      migrations: { ...CHECK, description: 'Every migration is applied.' },
                      queues: { ...CHECK, description: 'The queue backend (Redis) answers.' },
                    },
                  },
                },
              },
            },
          },
        },
      ]),
    ),
  },
  {
    method: 'get',
    path: '/console',
    operationId: 'console',
    tag: 'Operations',
    summary: "The coordinators' GraphQL console (a page)",
    description: 'An offline HTML page; it signs in through /v1/session.',
    access: 'PUBLIC',
    responses: { '200': { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } } },
  },
  {
    method: 'get',
    path: '/console/assets/{name}',
    operationId: 'consoleAsset',
    tag: 'Operations',
    summary: "A script, style or font of the console's page",
    description: 'Served from the API itself (no CDN); cached for a day with an ETag.',
    access: 'PUBLIC',
    parameters: [
      {
        name: 'name',
        in: 'path',
        description: 'The asset, e.g. console.js.',
        required: true,
        schema: { type: 'string' },
      },
    ],
    responses: {
      '200': { description: 'The asset.', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
      '304': { description: 'Not modified (If-None-Match).' },
      ...errorResponses('404'),
    },
  },
  {
    method: 'get',
    path: '/console/examples',
    operationId: 'consoleExamples',
    tag: 'Operations',
    summary: "The signed-in user's console examples",
    description:
      'The example operations of the user’s role, filled in with ids and dates of what the user may see now; ' +
      'examples that lack something to act on (e.g. no open dispute) are left out. The console opens the first.',
    access: [Role.FEDERAL_COORDINATOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF, Role.AUDITOR],
    responses: {
      '200': {
        description: 'The role and its examples.',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              description: 'The role and its examples, the one to start from first.',
              required: ['role', 'examples'],
              properties: {
                role: { type: 'string', description: 'The signed-in user’s role.' },
                examples: {
                  type: 'array',
                  description: 'Ready operations.',
                  items: {
                    type: 'object',
                    description: 'One example.',
                    required: ['title', 'query'],
                    properties: {
                      title: { type: 'string', description: 'What it does, in words.' },
                      query: {
                        type: 'string',
                        description: 'The GraphQL document, with a comment saying what it does.',
                      },
                      variables: { type: 'object', description: 'Its variables.' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      ...errorResponses('401'),
    },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    operationId: 'openApiDocument',
    tag: 'Operations',
    summary: 'This document',
    description:
      'The OpenAPI 3.1 document of the HTTP endpoints, generated from the code. Signed-in users only, like GraphQL introspection.',
    access: [Role.FEDERAL_COORDINATOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF, Role.AUDITOR],
    responses: {
      '200': {
        description: 'The document.',
        content: { 'application/json': { schema: { type: 'object', description: 'An OpenAPI 3.1 document.' } } },
      },
      ...errorResponses('401'),
    },
  },
];

/** Every HTTP route of the API, by library; the test checks it against the controllers. */
export const HTTP_ROUTES: readonly HttpRoute[] = [
  ...CLAIM_FILE_ROUTES,
  ...STATEMENT_FILE_ROUTES,
  ...SIMULATION_FILE_ROUTES,
  ...SESSION_ROUTES,
  ...API_ROUTES,
];

export const HTTP_TAGS: Record<string, string> = {
  'Claim files': 'T-MSIS claim files: upload of any size, the submission, its problems and exceptions as CSV.',
  Statements: 'Statement downloads: CSV, printable HTML, PDF and Excel.',
  Disputes: 'Disputes with their supporting documents (multipart uploads) and the documents.',
  Simulations: 'Term-sheet simulation figures as CSV.',
  Session: 'The browser session (cookie) of the portal and the console.',
  Operations: 'Health, the GraphQL console and this document.',
};

/** GraphQL types the HTTP bodies carry (their schemas come from the GraphQL schema). */
export const GRAPHQL_BODY_TYPES = ['ClaimSubmission', 'Dispute'];
