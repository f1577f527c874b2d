import { PassThrough, Writable } from 'node:stream';
import {
  CLAIM_DIAGNOSIS_COPY_COLUMNS,
  CLAIM_HEADER_COPY_COLUMNS,
  CLAIM_LINE_COPY_COLUMNS,
  CopyTextBuffer,
  RECORD_PROBLEM_COPY_COLUMNS,
  STRAGGLER_COPY_COLUMNS,
  claimDiagnosisCopyValues,
  claimHeaderCopyValues,
  claimLineCopyValues,
  escapeCopyText,
  recordProblemCopyValues,
  stragglerCopyValues,
  toCopyLine,
  writeWithBackpressure,
} from './copy-text';
import { PROFILE_EXAMPLE, claimFile, collect, otClaim, withFields } from './claim-file-test-kit';

describe('COPY text format', () => {
  it.each([
    ['plain', 'plain'],
    ['a\\b', 'a\\\\b'],
    ['a\tb', 'a\\tb'],
    ['a\nb', 'a\\nb'],
    ['a\rb', 'a\\rb'],
    ['\\N', '\\\\N'],
    ['é€', 'é€'],
  ])('escapes %j as %j', (value, expected) => {
    expect(escapeCopyText(value)).toBe(expected);
  });

  it('writes rows with \\N for null and t/f for booleans', () => {
    expect(toCopyLine(['a', null, undefined, 12, true, false, 'x\ty'])).toBe('a\t\\N\t\\N\t12\tt\tf\tx\\ty\n');
  });

  it('maps every row type to as many values as its columns', async () => {
    const records = otClaim();
    records[0] = withFields(records[0], { 9: 'Q' });
    const rows = await collect(PROFILE_EXAMPLE);
    const bad = await collect(claimFile(records));
    expect(claimHeaderCopyValues(rows.headers[0])).toHaveLength(CLAIM_HEADER_COPY_COLUMNS.length);
    expect(claimLineCopyValues(rows.lines[0])).toHaveLength(CLAIM_LINE_COPY_COLUMNS.length);
    expect(claimDiagnosisCopyValues(rows.diagnoses[0])).toHaveLength(CLAIM_DIAGNOSIS_COPY_COLUMNS.length);
    expect(recordProblemCopyValues(bad.problems[0])).toHaveLength(RECORD_PROBLEM_COPY_COLUMNS.length);
    const straggler = { ...rows.lines[0], kind: 'line' as const, relevant: true, line: 3 };
    expect(stragglerCopyValues(straggler)).toHaveLength(STRAGGLER_COPY_COLUMNS.length);
    expect(toCopyLine(claimHeaderCopyValues(rows.headers[0]))).toBe(
      '2\t1\t36\tNY2026030100017\t\t2026-03-12\t0\tMSIS00012345\t1\tF1\t0\t1234567893\t\\N\t\\N\t2026-03-10\t2026-03-10\t\\N\t2200000.00\n',
    );
  });

  it('waits for drain only when the stream asks for it', async () => {
    const stream = new PassThrough({ highWaterMark: 4 });
    expect(writeWithBackpressure(stream, 'ab')).toBeUndefined();
    const waiting = writeWithBackpressure(stream, 'cdefgh');
    expect(waiting).toBeInstanceOf(Promise);
    stream.read();
    await waiting;
  });

  it('rejects the wait when the stream fails', async () => {
    const stream = new Writable({
      highWaterMark: 1,
      write: (_chunk, _enc, done) => setTimeout(() => done(new Error('boom')), 1),
    });
    stream.on('error', () => undefined);
    await expect(writeWithBackpressure(stream, 'abc')).rejects.toThrow('boom');
  });

  it('batches rows and finishes the stream', async () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        chunks.push(chunk.toString());
        done();
      },
    });
    const buffer = new CopyTextBuffer(stream, 10);
    for (let i = 0; i < 5; i++) await buffer.push(`row ${i}\n`);
    await buffer.finish();
    expect(chunks.join('')).toBe('row 0\nrow 1\nrow 2\nrow 3\nrow 4\n');
    expect(chunks.length).toBeLessThan(5);
  });

  it('keeps multi-byte characters and rows longer than a chunk whole, in order', async () => {
    const chunks: Buffer[] = [];
    const stream = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        chunks.push(chunk);
        done();
      },
    });
    const buffer = new CopyTextBuffer(stream, 8);
    const rows = ['é€\n', `${'x'.repeat(40)}\n`, 'a\n', '€€€€€€\n', 'b\n'];
    for (const row of rows) await buffer.push(row);
    await buffer.finish();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(rows.join(''));
    expect(chunks.every((chunk) => chunk.length <= 41)).toBe(true);
  });

  it('writes rows of 1- to 4-byte characters whole at every fill level, never past its capacity', async () => {
    const chunks: Buffer[] = [];
    const stream = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    const chunkSize = 16;
    const buffer = new CopyTextBuffer(stream, chunkSize);
    const alphabet = ['a', 'é', '€', '😀'];
    // xorshift32: the same rows every run.
    let seed = 7;
    const next = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const rows = Array.from({ length: 2000 }, () => {
      const row = Array.from({ length: next(14) }, () => alphabet[next(4)]).join('');
      return `${row}\n`;
    });
    expect(new Set(rows.join(''))).toEqual(new Set([...alphabet, '\n']));
    for (const row of rows) await buffer.push(row);
    await buffer.finish();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(rows.join(''));
    // A chunk is what fitted the buffer (twice chunkSize), or one longer row on its own.
    const longest = Math.max(...rows.map((row) => Buffer.byteLength(row)));
    expect(chunks.every((chunk) => chunk.length <= Math.max(2 * chunkSize, longest))).toBe(true);
  });
});
