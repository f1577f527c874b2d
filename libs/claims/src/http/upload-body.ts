import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { ClaimsError, ClaimsErrorCode } from '../claims.errors';

const RAW_TYPES = ['application/octet-stream', 'text/plain', 'application/gzip', 'application/x-gzip'];

/**
 * Hands the uploaded file to `receive` as a stream: the raw request body, or the first file
 * field of a multipart/form-data body (busboy streams it; nothing is buffered).
 */
export async function receiveUpload<T>(
  req: Request,
  fileName: string | null,
  receive: (body: Readable, fileName: string | null) => Promise<T>,
): Promise<T> {
  const contentType = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim().toLowerCase();
  if (contentType === 'multipart/form-data') return receiveMultipart(req, fileName, receive);
  if (!RAW_TYPES.includes(contentType)) {
    throw new ClaimsError(
      ClaimsErrorCode.UNSUPPORTED_CONTENT_TYPE,
      `Send the file as application/octet-stream, text/plain or multipart/form-data, not ${contentType}`,
    );
  }
  return receive(req, fileName);
}

function receiveMultipart<T>(
  req: Request,
  fileName: string | null,
  receive: (body: Readable, fileName: string | null) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10 } });
    } catch (error) {
      reject(
        new ClaimsError(
          ClaimsErrorCode.MULTIPART_WITHOUT_FILE,
          `The multipart body is malformed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      return;
    }
    let started = false;
    parser.on('file', (_field, stream, info) => {
      if (started) {
        stream.resume();
        return;
      }
      started = true;
      receive(stream, fileName ?? info.filename ?? null).then(resolve, (error: unknown) => {
        stream.resume();
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
    parser.on('error', (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
    parser.on('close', () => {
      if (!started) {
        reject(new ClaimsError(ClaimsErrorCode.MULTIPART_WITHOUT_FILE, 'The multipart body has no file field'));
      }
    });
    req.pipe(parser);
  });
}
