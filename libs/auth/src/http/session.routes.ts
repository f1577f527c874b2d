import { errorResponses, type HttpRoute, type JsonSchema } from '@lib/common';

const TAG = 'Session';

const SESSION_VIEW: JsonSchema = {
  type: 'object',
  description: 'Who is signed in, until when.',
  required: ['user', 'expiresAt'],
  properties: {
    user: {
      type: 'object',
      description: 'The signed-in user.',
      required: ['id', 'email', 'name', 'role', 'stateCode', 'manufacturerId'],
      properties: {
        id: { type: 'string', format: 'uuid', description: 'The user.' },
        email: { type: 'string', description: 'Sign-in email.' },
        name: { type: 'string', description: 'Display name.' },
        role: {
          type: 'string',
          enum: ['FEDERAL_COORDINATOR', 'STATE_STAFF', 'MANUFACTURER_STAFF', 'AUDITOR'],
          description: 'The role, which decides what the user may read and do.',
        },
        stateCode: { type: ['string', 'null'], description: 'USPS code of the state, for state staff.' },
        manufacturerId: { type: ['string', 'null'], description: 'The manufacturer, for manufacturer staff.' },
      },
    },
    expiresAt: { type: 'string', format: 'date-time', description: 'When the session ends.' },
  },
};

const SESSION_RESPONSE = { 'application/json': { schema: SESSION_VIEW } };

/** The browser session's HTTP routes (SessionController), for /v1/openapi.json. */
export const SESSION_ROUTES: readonly HttpRoute[] = [
  {
    method: 'post',
    path: '/v1/session',
    operationId: 'signIn',
    tag: TAG,
    summary: 'Sign in (browser session)',
    description:
      'Sets the HttpOnly, SameSite=Strict cgt_session cookie, which then authorizes GraphQL and the /v1 endpoints ' +
      'like a bearer token. Repeated failures make further attempts wait.',
    access: 'PUBLIC',
    requestBody: {
      description: 'The credentials.',
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            description: 'Email and password.',
            required: ['email', 'password'],
            properties: {
              email: { type: 'string', maxLength: 320, description: 'Sign-in email.' },
              password: { type: 'string', maxLength: 200, description: 'Password.' },
            },
          },
        },
      },
    },
    responses: {
      '200': { description: 'Signed in; the cookie is set.', content: SESSION_RESPONSE },
      ...errorResponses('400', '401'),
    },
  },
  {
    method: 'get',
    path: '/v1/session',
    operationId: 'currentSession',
    tag: TAG,
    summary: 'The current session',
    description: 'Who the session cookie belongs to, and until when.',
    access: 'PUBLIC',
    responses: {
      '200': { description: 'The session.', content: SESSION_RESPONSE },
      ...errorResponses('401'),
    },
  },
  {
    method: 'delete',
    path: '/v1/session',
    operationId: 'signOut',
    tag: TAG,
    summary: 'Sign out',
    description: 'Ends the session and clears the cookie.',
    access: 'PUBLIC',
    responses: { '204': { description: 'Signed out.' } },
  },
];
