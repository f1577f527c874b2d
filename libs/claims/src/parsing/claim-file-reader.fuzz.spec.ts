import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type ClaimFileResult, readClaimFile } from './claim-file-reader';
import {
  chunked,
  fuzzSettings,
  mutateClaimFile as mutate,
  seededRandom as random,
  TEST_RELEVANCE,
} from './claim-file-test-kit';
import { FileProblemCode } from './parse-problems';

/**
 * Seeded mutations of valid files: every one must end as a file-level rejection with a message
 * or a completed parse whose counts add up; never an exception, never a hang, and the outcome
 * must not depend on how the bytes were chunked. 300 cases by default; `npm run test:fuzz` runs
 * 3,000 (FUZZ_CASES, FUZZ_SEED). A hang is caught by Jest's suite-wide timeout (jest.config.js),
 * far above the work (no per-case timer whose verdict would depend on machine speed).
 */

const FOLDER = join(__dirname, '../../../../test/fixtures/worked-example');
const BASES = ['1-NY-CLAIMOT-2026-03.txt', '2-NY-CLAIMIP-2026-11.txt'].map((name) => readFileSync(join(FOLDER, name)));
const { cases: CASES, seed: SEED } = fuzzSettings('FUZZ_CASES', 300);
const FILE_CODES = new Set<string>(Object.values(FileProblemCode));

async function parse(bytes: Buffer, chunkSize: number): Promise<{ result: ClaimFileResult; problems: number }> {
  let problems = 0;
  const result = await readClaimFile(Readable.from(chunked(bytes, chunkSize), { objectMode: false }), {
    relevance: TEST_RELEVANCE,
    lookBackHeaders: 8,
    maxWaitingRecords: 4,
    sink: { problem: () => void problems++ },
  });
  return { result, problems };
}

function summary(result: ClaimFileResult): unknown {
  const { bytesRead: _bytes, textBytes: _text, ...counts } = result.counts;
  return result.ok ? { ok: true, counts } : { ok: false, code: result.problem.code, message: result.problem.message };
}

describe('fuzzed claim files', () => {
  it(`${CASES} seeded mutations end in a rejection or a parse, whatever the chunking`, async () => {
    const next = random(SEED);
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
  });
});
