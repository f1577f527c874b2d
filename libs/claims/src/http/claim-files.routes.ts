import { errorResponses, fileResponse, Role, schemaRef, uuidParameter, type HttpRoute } from '@lib/common';

const READERS = [Role.STATE_STAFF, Role.FEDERAL_COORDINATOR, Role.AUDITOR];
const TAG = 'Claim files';

/** `{ submission, links }`: what the upload and GET /v1/claim-submissions/{id} answer. */
const SUBMISSION_RESPONSE = {
  'application/json': {
    schema: {
      type: 'object',
      description: 'A claim submission and the addresses of its downloads.',
      required: ['submission', 'links'],
      properties: {
        submission: {
          ...schemaRef('ClaimSubmission'),
          description: 'The submission (the ClaimSubmission type of GraphQL).',
        },
        links: {
          type: 'object',
          description: 'Where to follow the submission and download its problems and exceptions.',
          required: ['self', 'problemsCsv', 'exceptionsCsv'],
          properties: {
            self: { type: 'string', description: 'GET: the submission with its status, progress and counts.' },
            problemsCsv: { type: 'string', description: 'GET: the record-level problems as CSV.' },
            exceptionsCsv: { type: 'string', description: 'GET: the reconciliation exceptions as CSV.' },
          },
        },
      },
    },
  },
} as const;

const SUBMISSION_ID = uuidParameter('id', 'The claim submission.');

/** The claims library's HTTP routes (ClaimFilesController), for /v1/openapi.json. */
export const CLAIM_FILE_ROUTES: readonly HttpRoute[] = [
  {
    method: 'post',
    path: '/v1/states/{usps}/claim-files',
    operationId: 'submitClaimFile',
    tag: TAG,
    summary: 'Submit a T-MSIS claim file of any size',
    description:
      'Streams the file (text or gzip, never buffered) to storage and records the submission (RECEIVED); the ' +
      'worker then reads it to COMPLETED or REJECTED. The raw body (application/octet-stream or text/plain) or ' +
      'the one file field of a multipart/form-data body. State staff submit for their own state, coordinators ' +
      'for any. An empty file is a submission too, REJECTED EMPTY_FILE by the worker.',
    access: [Role.STATE_STAFF, Role.FEDERAL_COORDINATOR],
    parameters: [
      {
        name: 'usps',
        in: 'path',
        description: 'USPS code of the state the file is for, e.g. NY.',
        required: true,
        schema: { type: 'string', pattern: '^[A-Za-z]{2}$' },
      },
      {
        name: 'fileName',
        in: 'query',
        description: "The file's name, for the submitter's reference (a multipart part's own name otherwise).",
        required: false,
        schema: { type: 'string', maxLength: 255 },
      },
    ],
    requestBody: {
      description: 'The claim file (tmsis-cgt-profile), as sent by the state: text or gzip.',
      required: true,
      content: {
        'application/octet-stream': { schema: { type: 'string', format: 'binary', description: 'The file itself.' } },
        'text/plain': { schema: { type: 'string', description: 'The file itself, as text.' } },
        'multipart/form-data': {
          schema: {
            type: 'object',
            description: 'One file field; other fields are ignored.',
            properties: { file: { type: 'string', format: 'binary', description: 'The claim file.' } },
          },
        },
      },
    },
    responses: {
      '202': { description: 'A new submission (RECEIVED), or a FAILED one retried.', content: SUBMISSION_RESPONSE },
      '200': {
        description: 'The state sent the same bytes before: the earlier submission, its duplicateOf naming it.',
        content: SUBMISSION_RESPONSE,
      },
      ...errorResponses('400', '401', '403', '404', '413'),
    },
  },
  {
    method: 'get',
    path: '/v1/claim-submissions/{id}',
    operationId: 'getClaimSubmission',
    tag: TAG,
    summary: 'A claim submission',
    description: 'Its status, progress, counts and, when rejected, the code and reason.',
    access: READERS,
    parameters: [SUBMISSION_ID],
    responses: {
      '200': { description: 'The submission.', content: SUBMISSION_RESPONSE },
      ...errorResponses('400', '401', '403', '404'),
    },
  },
  {
    method: 'get',
    path: '/v1/claim-submissions/{id}/problems.csv',
    operationId: 'downloadRecordProblems',
    tag: TAG,
    summary: 'The record-level problems of a submission, as CSV',
    description:
      'Streamed, in file order: position, line, record number, RECORD-ID, ICN-ORIG, field, value, reason code and ' +
      'reason; formula-like cells neutralised.',
    access: READERS,
    parameters: [SUBMISSION_ID],
    responses: {
      '200': fileResponse('The problems (CSV with a header row).', 'text/csv'),
      ...errorResponses('400', '401', '403', '404'),
    },
  },
  {
    method: 'get',
    path: '/v1/claim-submissions/{id}/exceptions.csv',
    operationId: 'downloadClaimExceptions',
    tag: TAG,
    summary: 'The reconciliation exceptions of a submission, as CSV',
    description: 'Streamed: code, record number, position, ICN-ORIG, ICN-ADJ, field and reason.',
    access: READERS,
    parameters: [SUBMISSION_ID],
    responses: {
      '200': fileResponse('The exceptions (CSV with a header row).', 'text/csv'),
      ...errorResponses('400', '401', '403', '404'),
    },
  },
  {
    method: 'get',
    path: '/v1/exceptions.csv',
    operationId: 'downloadStateExceptions',
    tag: TAG,
    summary: 'State-wide reconciliation exceptions, as CSV (the exceptions query)',
    description:
      'One row per (state, code, ICN-ORIG) with its status, when and by what it was raised and resolved, and ' +
      'its versions in one cell. State staff see their own state; coordinators and auditors every state; ' +
      'manufacturers are refused.',
    access: READERS,
    parameters: [
      {
        name: 'stateCode',
        in: 'query',
        description: 'Only this state (USPS code).',
        required: false,
        schema: { type: 'string', pattern: '^[A-Za-z]{2}$' },
      },
      {
        name: 'code',
        in: 'query',
        description: 'Only this exception code, e.g. M.',
        required: false,
        schema: { type: 'string' },
      },
      {
        name: 'status',
        in: 'query',
        description: 'Only open, or only resolved, exceptions.',
        required: false,
        schema: { type: 'string', enum: ['OPEN', 'RESOLVED'] },
      },
      {
        name: 'submissionId',
        in: 'query',
        description: 'Only exceptions with a version received in this submission, or raised or resolved by it.',
        required: false,
        schema: { type: 'string', format: 'uuid' },
      },
      {
        name: 'from',
        in: 'query',
        description: 'Only exceptions with a version raised or resolved at or after this instant (ISO 8601).',
        required: false,
        schema: { type: 'string', format: 'date-time' },
      },
      {
        name: 'to',
        in: 'query',
        description: 'Only exceptions with a version raised or resolved before this instant (ISO 8601).',
        required: false,
        schema: { type: 'string', format: 'date-time' },
      },
    ],
    responses: {
      '200': fileResponse('The exceptions (CSV with a header row).', 'text/csv'),
      ...errorResponses('400', '401', '403'),
    },
  },
];
