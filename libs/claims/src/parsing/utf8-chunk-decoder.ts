import { isAscii, isUtf8 } from 'node:buffer';

/**
 * Bytes -> text, refusing what is "not a claim file" (profile "Encoding": a NUL byte, or not
 * valid UTF-8). ASCII chunks (the normal case) are checked and decoded natively; only a chunk
 * with a byte >= 0x80 goes through the UTF-8 check, with an incomplete character at the end of
 * a chunk carried over to the next one so that chunk boundaries never matter.
 */

export interface DecodeFailure {
  /** `truncated`: the file ends inside a multi-byte character. */
  readonly kind: 'nul' | 'utf8' | 'truncated';
  /** Offset of the bad byte in the decompressed file. */
  readonly byteOffset: number;
}

const EMPTY = Buffer.alloc(0);

export class Utf8ChunkDecoder {
  private carry: Buffer = EMPTY;
  /** Bytes of the decompressed file before the current carry. */
  private decodedBytes = 0;
  /**
   * Set once a bad byte is found. The text before it is still returned, so the caller reads
   * every line before the bad one first and reports problems in file order, whatever the
   * chunking.
   */
  failure: DecodeFailure | null = null;

  /** Text of the chunk: without a trailing incomplete character, and only up to a bad byte. */
  decode(chunk: Buffer): string {
    if (this.failure !== null) return '';
    if (this.carry.length === 0 && chunk.indexOf(0) === -1 && isAscii(chunk)) {
      this.decodedBytes += chunk.length;
      return chunk.toString('latin1');
    }
    const buffer = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const nul = buffer.indexOf(0);
    let end = nul === -1 ? completeLength(buffer) : nul;
    const body = buffer.subarray(0, end);
    if (!isUtf8(body)) {
      end = Math.max(0, findInvalidUtf8(body));
      this.failure = { kind: 'utf8', byteOffset: this.decodedBytes + end };
    } else if (nul !== -1) {
      this.failure = { kind: 'nul', byteOffset: this.decodedBytes + nul };
    }
    this.carry = this.failure === null && end < buffer.length ? Buffer.from(buffer.subarray(end)) : EMPTY;
    this.decodedBytes += end;
    return buffer.toString('utf8', 0, end);
  }

  /** At the end of the input: an incomplete character left over is invalid UTF-8. */
  end(): DecodeFailure | null {
    if (this.failure === null && this.carry.length > 0) {
      this.failure = { kind: 'truncated', byteOffset: this.decodedBytes };
    }
    return this.failure;
  }
}

/** Length of the prefix of `buffer` that does not end inside a multi-byte character. */
export function completeLength(buffer: Buffer): number {
  const n = buffer.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = buffer[n - back];
    if (byte < 0x80) return n;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needed > back ? n - back : n;
    }
  }
  return n;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (Unicode table 3-7), or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) needed = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      needed = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      needed = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + needed >= n) return i;
    const second = bytes[i + 1];
    if (second < low || second > high) return i;
    for (let k = 2; k <= needed; k++) {
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += needed + 1;
  }
  return -1;
}
