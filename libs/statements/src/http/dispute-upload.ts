import busboy from 'busboy';
import type { Request } from 'express';
import { DISPUTE_DOCUMENTS_PER_REQUEST, type NewDisputeDocument } from '../disputes/dispute-documents';
import { ACCEPTED_DOCUMENT_TYPES, DOCUMENT_SIGNATURE_BYTES, sniffDocumentType } from '../disputes/document-types';
import { StatementError, StatementErrorCode } from '../statements.errors';

export interface UploadedDocuments {
  documents: NewDisputeDocument[];
  /** The text fields of the form (first value of each name). */
  fields: Record<string, string>;
}

const FIELD_MAX_BYTES = 16 * 1024;

function tooLarge(fileName: string, maxBytes: number): StatementError {
  return new StatementError(
    StatementErrorCode.DOCUMENT_TOO_LARGE,
    `${fileName}: larger than the limit of ${maxBytes} bytes per document (DISPUTE_DOCUMENT_MAX_BYTES)`,
    [{ path: fileName, message: `larger than ${maxBytes} bytes` }],
  );
}

function refusedType(fileName: string): StatementError {
  return new StatementError(
    StatementErrorCode.DOCUMENT_TYPE_REFUSED,
    `${fileName}: not a PDF, PNG or JPEG file (judged by its content, not its name); ` +
      `supporting documents must be one of ${ACCEPTED_DOCUMENT_TYPES.join(', ')}`,
    [{ path: fileName, message: 'not a PDF, PNG or JPEG file' }],
  );
}

function badInput(message: string): StatementError {
  return new StatementError(StatementErrorCode.DISPUTE_REFUSED, message);
}

/**
 * Reads the supporting documents of a multipart/form-data upload (real file upload,
 * not base64): every file part, each at most `maxBytes` (413 DOCUMENT_TOO_LARGE as soon as one
 * is over, without reading the rest) and a PDF, PNG or JPEG by its first bytes (415
 * DOCUMENT_TYPE_REFUSED); the stored content type is the detected one, never the client's.
 */
export function readUploadedDocuments(
  req: Request,
  maxBytes: number,
  requireDocuments: boolean,
): Promise<UploadedDocuments> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'multipart/form-data') {
    return Promise.reject(
      new StatementError(
        StatementErrorCode.DOCUMENT_TYPE_REFUSED,
        `Send the documents as multipart/form-data (one file part per document), not ${contentType || 'no content type'}`,
      ),
    );
  }
  return new Promise<UploadedDocuments>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fileSize: maxBytes,
          files: DISPUTE_DOCUMENTS_PER_REQUEST,
          fields: 20,
          fieldSize: FIELD_MAX_BYTES,
        },
      });
    } catch (error) {
      reject(badInput(`The multipart body is malformed: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    const documents: NewDisputeDocument[] = [];
    const fields: Record<string, string> = {};
    const pending: Promise<void>[] = [];
    let failed = false;
    const fail = (error: StatementError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume(); // drain what the client still sends; the answer goes out now
      reject(error);
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(badInput(`${name}: longer than ${FIELD_MAX_BYTES} bytes`));
      else if (!(name in fields)) fields[name] = value;
    });
    parser.on('filesLimit', () => fail(badInput(`At most ${DISPUTE_DOCUMENTS_PER_REQUEST} documents per request`)));
    parser.on('file', (_name, stream, info) => {
      const fileName = info.filename || 'document';
      const chunks: Buffer[] = [];
      pending.push(
        new Promise<void>((done) => {
          stream.on('data', (chunk: Buffer) => {
            if (!failed) chunks.push(chunk);
          });
          stream.on('limit', () => fail(tooLarge(fileName, maxBytes)));
          stream.on('end', () => {
            if (!failed) {
              const content = Buffer.concat(chunks);
              if (content.length === 0) fail(badInput(`${fileName}: the document is empty`));
              else {
                const type = sniffDocumentType(content.subarray(0, DOCUMENT_SIGNATURE_BYTES));
                if (type === null) fail(refusedType(fileName));
                else documents.push({ fileName, contentType: type, content });
              }
            }
            done();
          });
        }),
      );
    });
    parser.on('error', (error: unknown) =>
      fail(badInput(`The multipart body is malformed: ${error instanceof Error ? error.message : String(error)}`)),
    );
    parser.on('close', () => {
      void Promise.all(pending).then(() => {
        if (failed) return;
        if (requireDocuments && !documents.length)
          fail(badInput('The multipart body has no file part: attach at least one document'));
        else resolve({ documents, fields });
      });
    });
    req.pipe(parser);
  });
}
