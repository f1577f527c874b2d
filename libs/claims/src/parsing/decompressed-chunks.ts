import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FileProblemCode, FileRejection, fileProblem } from './parse-problems';

/**
 * The raw bytes of an upload, gunzipped when they start with the gzip magic bytes 1f 8b
 * (profile "Encoding"). A corrupt or truncated gzip stream becomes a FileRejection; an error of
 * the input itself is rethrown as it is (it is not the submitter's fault).
 */
export async function* decompressedChunks(
  input: Readable,
  onRawBytes: (bytes: number) => void,
  onGzip: () => void = () => undefined,
): AsyncGenerator<Buffer> {
  const source = input[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  try {
    let head: Buffer = Buffer.alloc(0);
    while (head.length < 2) {
      const next = await source.next();
      if (next.done === true) break;
      const chunk = toBuffer(next.value);
      onRawBytes(chunk.length);
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    }
    if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) {
      if (head.length > 0) yield head;
      for (;;) {
        const next = await source.next();
        if (next.done === true) return;
        const chunk = toBuffer(next.value);
        onRawBytes(chunk.length);
        yield chunk;
      }
    }
    onGzip();
    yield* gunzipped(head, source, onRawBytes);
  } finally {
    await source.return?.();
  }
}

async function* gunzipped(
  head: Buffer,
  source: AsyncIterator<unknown>,
  onRawBytes: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  async function* compressed(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await source.next();
      if (next.done === true) return;
      const chunk = toBuffer(next.value);
      onRawBytes(chunk.length);
      yield chunk;
    }
  }
  const gunzip = createGunzip();
  pipeline(Readable.from(compressed(), { objectMode: false }), gunzip, () => {
    // Errors surface through the iteration below.
  });
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    if (isZlibError(error)) {
      throw new FileRejection(
        fileProblem(
          FileProblemCode.CORRUPT_GZIP,
          `The file is gzip-compressed but cannot be decompressed (${error.message}).`,
        ),
      );
    }
    throw error;
  } finally {
    gunzip.destroy();
  }
}

/** Duck-typed: errors from zlib may come from another realm (e.g. under Jest), so no instanceof. */
function isZlibError(error: unknown): error is { code: string; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('Z_') && typeof message === 'string';
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('a claim file stream must deliver bytes');
}
