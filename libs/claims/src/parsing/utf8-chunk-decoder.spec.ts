import { isUtf8 } from 'node:buffer';
import { Utf8ChunkDecoder, completeLength, findInvalidUtf8 } from './utf8-chunk-decoder';

describe('Utf8ChunkDecoder', () => {
  it.each([
    ['ascii', [0x41, 0x42], 2],
    ['complete 2-byte', [0x41, 0xc3, 0xa9], 3],
    ['cut 2-byte', [0x41, 0xc3], 1],
    ['cut 3-byte after 1', [0x41, 0xe2], 1],
    ['cut 3-byte after 2', [0x41, 0xe2, 0x82], 1],
    ['complete 3-byte', [0xe2, 0x82, 0xac], 3],
    ['cut 4-byte after 3', [0xf0, 0x9d, 0x84], 0],
    ['complete 4-byte', [0xf0, 0x9d, 0x84, 0x9e], 4],
  ])('completeLength: %s', (_name, bytes, expected) => {
    expect(completeLength(Buffer.from(bytes))).toBe(expected);
  });

  it('agrees with the native check on every 1- and 2-byte sequence after a lead byte', () => {
    for (let a = 0x80; a <= 0xff; a++) {
      for (let b = 0; b <= 0xff; b++) {
        for (const c of [0x80, 0x41]) {
          const bytes = Buffer.from([0x41, a, b, c, 0x80, 0x41]);
          expect(findInvalidUtf8(bytes) === -1).toBe(isUtf8(bytes));
        }
      }
    }
  });

  it('decodes text cut anywhere and refuses what is cut inside a character at the end', () => {
    const text = 'a€b𝄞cé\n';
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoder = new Utf8ChunkDecoder();
      const first = decoder.decode(bytes.subarray(0, cut));
      const second = decoder.decode(bytes.subarray(cut));
      expect(first + second).toBe(text);
      expect(decoder.end()).toBeNull();
    }
    const decoder = new Utf8ChunkDecoder();
    expect(decoder.decode(bytes.subarray(0, 2))).toBe('a');
    expect(decoder.end()).toEqual({ kind: 'truncated', byteOffset: 1 });
  });

  it('returns the text before a NUL byte or invalid UTF-8, then nothing', () => {
    const decoder = new Utf8ChunkDecoder();
    decoder.decode(Buffer.from('abc\n'));
    expect(decoder.decode(Buffer.from('de\n\u0000f'))).toBe('de\n');
    expect(decoder.failure).toEqual({ kind: 'nul', byteOffset: 7 });
    expect(decoder.decode(Buffer.from('more'))).toBe('');
    const utf8 = new Utf8ChunkDecoder();
    expect(utf8.decode(Buffer.from([0x61, 0xc3, 0x28, 0x00]))).toBe('a');
    expect(utf8.failure).toEqual({ kind: 'utf8', byteOffset: 1 });
  });
});
