import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { GZIP_RATIO_GRACE_BYTES, readClaimFile } from './claim-file-reader';
import { FileProblemCode } from './parse-problems';
import { TEST_RELEVANCE, claimFile, collect, fillerClaims, otClaim } from './claim-file-test-kit';

/** Bounded bad input (README "Security", decompression bombs): decompressed size, compression ratio and reading time per file. */
describe('readClaimFile limits', () => {
  const FILE = claimFile([...otClaim(), ...fillerClaims(200)]);

  it('rejects a gzip bomb (a header and megabytes of newlines) by its ratio, after reading little of it', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(claimFile([])), Buffer.alloc(16 * 1024 * 1024, 0x0a)]));
    const { result } = await collect(bomb, { limits: { maxGzipRatio: 100 } }, 4096);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe(FileProblemCode.GZIP_RATIO);
    expect(result.problem.message).toMatch(/expands more than 100 times .* decompression bomb/);
    // Stopped soon after the grace: far from the 16 MB of text.
    expect(result.counts.textBytes).toBeLessThan(GZIP_RATIO_GRACE_BYTES + 1024 * 1024);
  });

  it.each([
    ['a plain file', Buffer.from(FILE)],
    ['its gzip (ratio limit 2, but the text stays under the grace)', gzipSync(Buffer.from(FILE))],
  ])('reads %s that stays within the limits', async (_name, bytes) => {
    const { result } = await collect(bytes, { limits: { maxTextBytes: FILE.length, maxGzipRatio: 2 } });
    expect(result).toMatchObject({ ok: true, counts: { claimHeaders: 201 } });
  });

  it.each([
    ['plain', Buffer.from(FILE)],
    ['gzip', gzipSync(Buffer.from(FILE))],
  ])('rejects %s text above maxTextBytes, naming the limit', async (_name, bytes) => {
    const { result } = await collect(bytes, { limits: { maxTextBytes: 2000 } }, 1000);
    expect(result).toMatchObject({ ok: false, problem: { code: FileProblemCode.TEXT_TOO_LARGE } });
    if (!result.ok) expect(result.problem.message).toContain('more than 2 KB of text');
  });

  it('rejects a file whose reading takes longer than maxMilliseconds', async () => {
    async function* slowly(): AsyncGenerator<Buffer> {
      for (const line of FILE.split(/(?<=\n)/)) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        yield Buffer.from(line);
      }
    }
    const result = await readClaimFile(Readable.from(slowly(), { objectMode: false }), {
      relevance: TEST_RELEVANCE,
      limits: { maxMilliseconds: 50 },
    });
    expect(result).toMatchObject({ ok: false, problem: { code: FileProblemCode.PROCESSING_TIME } });
    if (!result.ok) expect(result.problem.message).toMatch(/took longer than 0 s/);
  });
});
