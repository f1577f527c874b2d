import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { type ClaimFileResult, readClaimFile } from './claim-file-reader';
import { chunked, TEST_RELEVANCE } from './claim-file-test-kit';
import { FileProblemCode } from './parse-problems';

/**
 * Seeded mutations of valid files: every one must end as a file-level rejection with a message
 * or a completed parse whose counts add up; never an exception, never a hang, and the outcome
 * must not depend on how the bytes were chunked.
 */

const FOLDER = join(__dirname, '../../../../test/fixtures/worked-example');
const BASES = ['1-NY-CLAIMOT-2026-03.txt', '2-NY-CLAIMIP-2026-11.txt'].map((name) => readFileSync(join(FOLDER, name)));
const CASES = 3000;
const FILE_CODES = new Set<string>(Object.values(FileProblemCode));

/** mulberry32: a small seeded PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [0x00, 0xff, 0xc3, 0xe2, 0x80, 0x7c, 0x0a, 0x0d, 0x20, 0x09, 0x1f, 0x8b, 0x2d, 0x2e, 0x30, 0x39];

function mutate(base: Buffer, next: () => number): Buffer {
  const int = (n: number): number => Math.floor(next() * n);
  let lines = base.toString('latin1').split('\n');
  const line = (): number => int(lines.length);
  const steps = 1 + int(3);
  let bytes: Buffer | null = null;
  for (let step = 0; step < steps; step++) {
    switch (int(11)) {
      case 0: {
        const i = line();
        lines[i] = lines[i].slice(0, int(lines[i].length + 1));
        break;
      }
      case 1: {
        const i = line();
        const fields = lines[i].split('|');
        const a = int(fields.length);
        const b = int(fields.length);
        [fields[a], fields[b]] = [fields[b], fields[a]];
        lines[i] = fields.join('|');
        break;
      }
      case 2: {
        const i = line();
        const at = int(lines[i].length + 1);
        const inserted = Array.from({ length: 1 + int(4) }, () =>
          String.fromCharCode(next() < 0.5 ? NASTY[int(NASTY.length)] : int(256)),
        ).join('');
        lines[i] = lines[i].slice(0, at) + inserted + lines[i].slice(at);
        break;
      }
      case 3: {
        const i = line();
        const at = int(lines[i].length + 1);
        lines[i] = lines[i].slice(0, at) + 'Z'.repeat(int(next() < 0.1 ? 100_000 : 500)) + lines[i].slice(at);
        break;
      }
      case 4:
        lines.splice(line(), 1);
        break;
      case 5: {
        const i = line();
        lines.splice(i, 0, lines[i]);
        break;
      }
      case 6: {
        const a = line();
        const b = line();
        [lines[a], lines[b]] = [lines[b], lines[a]];
        break;
      }
      case 7: {
        const i = line();
        const fields = lines[i].split('|');
        fields[int(fields.length)] = ['', ' ', 'X', '-1', '20260230', '0', '9'.repeat(20), '1.234'][int(8)]!;
        lines[i] = fields.join('|');
        break;
      }
      case 8: {
        const fields = lines[0].split('|');
        fields[9] = String(Number(fields[9]) + int(5) - 2);
        lines[0] = fields.join('|');
        break;
      }
      case 9:
        lines = lines.map((l) => `${l}\r`);
        break;
      default:
        lines = lines.slice(0, int(lines.length + 1));
    }
  }
  bytes = Buffer.from(lines.join('\n'), 'latin1');
  if (next() < 0.1) bytes = Buffer.from(gzipSync(bytes));
  if (next() < 0.05) bytes[int(bytes.length)] = int(256);
  if (next() < 0.05) bytes = bytes.subarray(0, int(bytes.length + 1));
  return bytes;
}

async function parse(bytes: Buffer, chunkSize: number): Promise<{ result: ClaimFileResult; problems: number }> {
  let problems = 0;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the reader hung')), 10_000);
  });
  try {
    const result = await Promise.race([
      readClaimFile(Readable.from(chunked(bytes, chunkSize), { objectMode: false }), {
        relevance: TEST_RELEVANCE,
        lookBackHeaders: 8,
        maxWaitingRecords: 4,
        sink: { problem: () => void problems++ },
      }),
      timeout,
    ]);
    return { result, problems };
  } finally {
    clearTimeout(timer);
  }
}

function summary(result: ClaimFileResult): unknown {
  const { bytesRead: _bytes, textBytes: _text, ...counts } = result.counts;
  return result.ok ? { ok: true, counts } : { ok: false, code: result.problem.code, message: result.problem.message };
}

describe('fuzzed claim files', () => {
  it(`${CASES} seeded mutations end in a rejection or a parse, whatever the chunking`, async () => {
    const next = random(20261123);
    const outcomes = { rejected: 0, parsed: 0, withProblems: 0 };
    for (let n = 0; n < CASES; n++) {
      const bytes = mutate(BASES[n % BASES.length], next);
      const chunkSize = bytes.length > 50_000 ? 4096 : [7, 64, 1000, 65_536][Math.floor(next() * 4)];
      const { result, problems } = await parse(bytes, chunkSize);
      if (result.ok) {
        outcomes.parsed++;
        expect(result.counts.records).toBe(result.header.totalRecordCount);
        expect(result.counts.problems).toBe(problems);
        expect(result.counts.skippedRecords).toBeLessThanOrEqual(result.counts.records);
        if (problems > 0) outcomes.withProblems++;
      } else {
        outcomes.rejected++;
        expect(FILE_CODES.has(result.problem.code)).toBe(true);
        expect(result.problem.message.length).toBeGreaterThan(10);
      }
      if (n % 10 === 0) {
        const again = await parse(bytes, chunkSize === 7 ? 4096 : 7);
        // zlib reports corruption after more or less output depending on its input chunks.
        const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
        if (gzip) expect(again.result.ok).toBe(result.ok);
        else expect(summary(again.result)).toEqual(summary(result));
      }
    }
    // The mutations exercise both outcomes (and record-level problems) plenty.
    expect(outcomes.rejected).toBeGreaterThan(CASES / 10);
    expect(outcomes.withProblems).toBeGreaterThan(CASES / 10);
  }, 300_000);
});
