import { errorResponses, Role, schemaRef, uuidParameter, type HttpParameter, type HttpRoute } from '@lib/common';
import { STATEMENT_CONTENT_TYPES, type StatementFormat } from '../statement-exports.service';

const READERS = [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF];
const STATEMENTS = 'Statements';
const DISPUTES = 'Disputes';

const AS_OF: HttpParameter = {
  name: 'asOf',
  in: 'query',
  description: 'The day the balances and interest are computed for (YYYY-MM-DD); default today.',
  required: false,
  schema: { type: 'string', format: 'date' },
};

const NUMBER: HttpParameter = {
  name: 'number',
  in: 'path',
  description: 'The statement number (e.g. CGT-NY-51167-2026Q1) or its id.',
  required: true,
  schema: { type: 'string' },
};

const FORMAT_WORDS: Record<StatementFormat, string> = {
  csv: 'the ledger lines as CSV, exactly the rebate-rules section 8 columns',
  html: 'the printable statement document (HTML)',
  pdf: 'the statement document as PDF',
  xlsx: 'the statement document as an Excel workbook',
};

function download(format: StatementFormat): HttpRoute {
  return {
    method: 'get',
    path: `/v1/statements/{number}.${format}`,
    operationId: `downloadStatement${format.toUpperCase()}`,
    tag: STATEMENTS,
    summary: `A statement, ${FORMAT_WORDS[format]}`,
    description: `The statement by number or id, ${FORMAT_WORDS[format]}; the same scope as the GraphQL reads.`,
    access: READERS,
    parameters: format === 'csv' ? [NUMBER] : [NUMBER, AS_OF],
    responses: {
      '200': {
        description: `The ${format.toUpperCase()} file, as an attachment.`,
        content: { [STATEMENT_CONTENT_TYPES[format]]: { schema: { type: 'string', format: 'binary' } } },
      },
      ...errorResponses('400', '401', '403', '404'),
    },
  };
}

const DISPUTE_RESPONSE = {
  'application/json': {
    schema: {
      type: 'object',
      description: 'The dispute after the request.',
      required: ['dispute'],
      properties: { dispute: { ...schemaRef('Dispute'), description: 'The dispute (the Dispute type of GraphQL).' } },
    },
  },
} as const;

const DOCUMENT_PARTS = {
  type: 'string',
  format: 'binary',
  description: 'A supporting document: PDF, PNG or JPEG by content, at most DISPUTE_DOCUMENT_MAX_BYTES.',
} as const;

/** The statements library's HTTP routes (StatementFilesController, DisputeDocumentsController). */
export const STATEMENT_FILE_ROUTES: readonly HttpRoute[] = [
  download('csv'),
  download('html'),
  download('pdf'),
  download('xlsx'),
  {
    method: 'get',
    path: '/v1/labelers/{labeler}/states/{state}/statements/{quarter}.{format}',
    operationId: 'downloadStatementByKey',
    tag: STATEMENTS,
    summary: 'A statement by labeler, state and quarter',
    description: 'What `cli statement export` calls: the statement of a labeler, state and quarter in one format.',
    access: READERS,
    parameters: [
      {
        name: 'labeler',
        in: 'path',
        description: 'Labeler code, e.g. 51167.',
        required: true,
        schema: { type: 'string' },
      },
      {
        name: 'state',
        in: 'path',
        description: 'USPS state code, e.g. NY.',
        required: true,
        schema: { type: 'string' },
      },
      {
        name: 'quarter',
        in: 'path',
        description: 'The quarter, e.g. 2026Q1.',
        required: true,
        schema: { type: 'string' },
      },
      {
        name: 'format',
        in: 'path',
        description: 'csv, html, pdf or xlsx.',
        required: true,
        schema: { type: 'string', enum: ['csv', 'html', 'pdf', 'xlsx'] },
      },
      AS_OF,
    ],
    responses: {
      '200': {
        description: 'The file in the format asked for, as an attachment.',
        content: Object.fromEntries(
          Object.values(STATEMENT_CONTENT_TYPES).map((type) => [
            type,
            { schema: { type: 'string', format: 'binary' } },
          ]),
        ),
      },
      ...errorResponses('400', '401', '403', '404'),
    },
  },
  {
    method: 'post',
    path: '/v1/statements/{ref}/disputes',
    operationId: 'openDisputeWithDocuments',
    tag: DISPUTES,
    summary: 'Open a dispute with its documents',
    description:
      'Disputes a line (lineNumber or ledgerEntryId) or the whole statement, with a code, a note and the ' +
      'supporting documents, in one multipart request. A cookie-authorized request must come from this site.',
    access: [Role.MANUFACTURER_STAFF, Role.FEDERAL_COORDINATOR],
    parameters: [{ ...NUMBER, name: 'ref' }],
    requestBody: {
      description: 'The dispute fields, then one file part per document.',
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            description: 'Fields code, note and optionally lineNumber or ledgerEntryId; then the file parts.',
            required: ['code', 'note'],
            properties: {
              code: { type: 'string', description: 'The dispute code (the DisputeCode values of GraphQL).' },
              note: { type: 'string', description: 'Why the manufacturer disputes, in words.' },
              lineNumber: { type: 'integer', description: 'The numbered statement line disputed (from 1).' },
              ledgerEntryId: { type: 'string', format: 'uuid', description: 'The ledger entry disputed.' },
              documents: { type: 'array', items: DOCUMENT_PARTS, description: 'The supporting documents.' },
            },
          },
        },
      },
    },
    responses: {
      '201': { description: 'The dispute opened, with every document and its SHA-256.', content: DISPUTE_RESPONSE },
      ...errorResponses('400', '401', '403', '404', '413', '415'),
    },
  },
  {
    method: 'post',
    path: '/v1/disputes/{id}/documents',
    operationId: 'addDisputeDocuments',
    tag: DISPUTES,
    summary: 'Add documents to a dispute',
    description: 'One file part per document; the SHA-256 of each is computed here and answered.',
    access: [Role.MANUFACTURER_STAFF, Role.STATE_STAFF, Role.FEDERAL_COORDINATOR],
    parameters: [uuidParameter('id', 'The dispute.')],
    requestBody: {
      description: 'One file part per document.',
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            description: 'The file parts.',
            properties: { documents: { type: 'array', items: DOCUMENT_PARTS, description: 'The documents.' } },
          },
        },
      },
    },
    responses: {
      '201': { description: 'The dispute with its documents.', content: DISPUTE_RESPONSE },
      ...errorResponses('400', '401', '403', '404', '413', '415'),
    },
  },
  {
    method: 'get',
    path: '/v1/disputes/{id}/documents/{documentId}',
    operationId: 'downloadDisputeDocument',
    tag: DISPUTES,
    summary: 'A supporting document of a dispute',
    description: 'The document as uploaded, its SHA-256 in the x-content-sha256 header.',
    access: READERS,
    parameters: [uuidParameter('id', 'The dispute.'), uuidParameter('documentId', 'The document.')],
    responses: {
      '200': {
        description: 'The document, as an attachment.',
        content: Object.fromEntries(
          ['application/pdf', 'image/png', 'image/jpeg'].map((type) => [
            type,
            { schema: { type: 'string', format: 'binary' } },
          ]),
        ),
      },
      ...errorResponses('400', '401', '403', '404'),
    },
  },
];
