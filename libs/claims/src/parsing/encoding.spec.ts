import { gzipSync } from 'node:zlib';
import { FileProblemCode as F, RecordProblemReason as R } from './parse-problems';
import { type Collected, claimFile, collect, fileHeader, fillerClaims, otClaim } from './claim-file-test-kit';

/** Profile "Encoding": line ends, blank lines, trimming, gzip, UTF-8 and chunk boundaries. */

const RECORDS = [...otClaim(), ...fillerClaims(3), ...otClaim('NY2026030100018', 10)];
const PLAIN = claimFile(RECORDS);

/** Everything the reader produced, without byte counts (which differ between encodings). */
function outcome(c: Collected): unknown {
  const { bytesRead: _bytes, textBytes: _text, ...counts } = c.result.counts;
  return {
    ok: c.result.ok,
    problem: c.result.ok ? null : c.result.problem,
    counts,
    headers: c.headers,
    lines: c.lines,
    diagnoses: c.diagnoses,
    stragglers: c.stragglers,
    problems: c.problems,
  };
}

describe('encoding', () => {
  let expected: unknown;

  beforeAll(async () => {
    const plain = await collect(PLAIN);
    expect(plain.result.ok).toBe(true);
    expect(plain.problems).toEqual([]);
    expected = outcome(plain);
  });

  it.each<[string, string | Buffer]>([
    ['CRLF line ends', claimFile(RECORDS, {}, '\r\n')],
    [
      'mixed LF and CRLF',
      PLAIN.split('\n')
        .map((l, i) => (i % 2 === 0 ? l : `${l}\r`))
        .join('\n')
        .replace(/\r$/, ''),
    ],
    ['no final newline', PLAIN.slice(0, -1)],
    ['no final newline after CRLF lines', claimFile(RECORDS, {}, '\r\n').slice(0, -2)],
    ['blank lines everywhere', `\n\n${PLAIN.split('\n').join('\n\n   \n\r\n')}\n\n`],
    [
      'spaces around fields',
      PLAIN.split('\n')
        .map((l) =>
          l
            .split('|')
            .map((f) => ` ${f}  `)
            .join('|')
            .trimEnd(),
        )
        .join('\n'),
    ],
    ['gzip', gzipSync(Buffer.from(PLAIN))],
    ['gzip of CRLF text', gzipSync(Buffer.from(claimFile(RECORDS, {}, '\r\n')))],
    [
      'two concatenated gzip members',
      Buffer.concat([gzipSync(Buffer.from(PLAIN.slice(0, 300))), gzipSync(Buffer.from(PLAIN.slice(300)))]),
    ],
  ])('%s reads exactly like the plain file', async (_name, content) => {
    for (const chunking of [undefined, 1, 3, 64]) {
      expect(outcome(await collect(content, {}, chunking))).toEqual(expected);
    }
  });

  it('gives the same result for every cut of a small file into two chunks', async () => {
    const bytes = Buffer.from(PLAIN);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(outcome(await collect(bytes, {}, [cut]))).toEqual(expected);
    }
  });

  it('gives the same result fed one byte at a time, with CRLF and without a final newline', async () => {
    const crlf = claimFile(RECORDS, {}, '\r\n').slice(0, -2);
    expect(outcome(await collect(crlf, {}, 1))).toEqual(expected);
  });

  it('counts physical lines, blank ones included, in problems', async () => {
    const text = `${fileHeader(2)}\n\n\n${otClaim()[0]}\n\n${otClaim()[1].replace('|UN|', '|XX|')}\n`;
    const { problems } = await collect(text);
    expect(problems).toEqual([expect.objectContaining({ position: 3, line: 6, reason: R.INVALID_CODE })]);
  });

  it.each([
    ['2-byte', 'é'],
    ['3-byte', '€'],
    ['4-byte', '𝄞'],
  ])('accepts a %s UTF-8 character split across chunks at every position', async (_name, character) => {
    const records = otClaim();
    records[0] = records[0].replace('||2200000.00', `|PLAN ${character}|2200000.00`);
    const bytes = Buffer.from(claimFile(records));
    const at = bytes.indexOf(Buffer.from(character));
    for (let cut = at; cut <= at + Buffer.byteLength(character); cut++) {
      const { result, headers } = await collect(bytes, {}, [cut]);
      expect(result.ok).toBe(true);
      expect(headers[0]?.planId).toBe(`PLAN ${character}`);
    }
  });

  it('rejects invalid UTF-8 split across chunks at every position', async () => {
    const records = otClaim();
    const bytes = Buffer.from(claimFile(records));
    const at = bytes.indexOf(Buffer.from('MSIS'));
    // A 3-byte lead byte followed by a byte that cannot continue it.
    const bad = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe2, 0x82, 0x41]), bytes.subarray(at)]);
    for (let cut = at - 1; cut <= at + 4; cut++) {
      const { result } = await collect(bad, {}, [cut]);
      expect(result).toMatchObject({ ok: false, problem: { code: F.INVALID_UTF8, line: 2 } });
    }
  });

  it.each([1, 5, 1000])('rejects a NUL byte in chunks of %i bytes, naming its line', async (size) => {
    const text = PLAIN.replace('99213', '99\u000013');
    const { result } = await collect(text, {}, size);
    expect(result).toMatchObject({ ok: false, problem: { code: F.NUL_BYTE, line: 6 } });
  });

  it('rejects a corrupt gzip whatever the chunk size', async () => {
    const gz = Buffer.from(gzipSync(Buffer.from(PLAIN)));
    gz[gz.length - 6] = gz[gz.length - 6] ^ 0xff; // the CRC-32 of the content
    for (const size of [1, 10, gz.length]) {
      const { result } = await collect(gz, {}, size);
      expect(result).toMatchObject({ ok: false, problem: { code: F.CORRUPT_GZIP } });
    }
  });

  it('treats a file starting with only 1f (no 8b) as text', async () => {
    const { result } = await collect(Buffer.from([0x1f, 0x0a]));
    expect(result).toMatchObject({ ok: false, problem: { code: F.NOT_A_FILE_HEADER } });
  });

  it('skips a record far longer than the limit without reading it into memory whole, and goes on', async () => {
    const huge = `${otClaim()[1].slice(0, 40)}${'9'.repeat(1_000_000)}`;
    const records = [...otClaim(), huge, ...fillerClaims(1)];
    for (const size of [undefined, 4096, 65_536]) {
      const { result, problems, headers } = await collect(claimFile(records), {}, size);
      expect(result.ok).toBe(true);
      expect(headers).toHaveLength(2);
      expect(problems).toEqual([
        expect.objectContaining({
          position: 5,
          reason: R.RECORD_TOO_LONG,
          recordId: 'COT00003',
          recordNumber: 2,
          icnOrig: 'NY2026030100017',
          value: null,
        }),
      ]);
    }
  });

  it('applies a smaller record length limit consistently at every chunk size', async () => {
    const records = otClaim();
    records[1] = records[1].replace('|1|UN|', '|1.000|UN|');
    const limit = records[1].length - 1;
    expect(Math.max(records[0].length, records[2].length)).toBeLessThan(limit);
    for (const size of [1, 2, 50, undefined]) {
      const { problems } = await collect(claimFile(records), { maxRecordLength: limit }, size);
      expect(problems.map((p) => [p.position, p.reason])).toEqual([[3, R.RECORD_TOO_LONG]]);
    }
    for (const newline of ['\n', '\r\n']) {
      const { problems } = await collect(claimFile(records, {}, newline), { maxRecordLength: limit + 1 }, 1);
      expect(problems).toEqual([]);
    }
  });

  it('reports a huge field of a record under the length limit as too long, quoting ~60 characters', async () => {
    const records = otClaim();
    records[1] = records[1].replace('J3392', 'J'.repeat(5000));
    const { problems } = await collect(claimFile(records));
    expect(problems).toEqual([
      expect.objectContaining({
        position: 3,
        fieldNumber: 10,
        reason: R.FIELD_TOO_LONG,
        value: `${'J'.repeat(60)}...`,
      }),
    ]);
  });

  it('reports progress at most as often as asked, with records and bytes read', async () => {
    const reports: { records: number; bytesRead: number }[] = [];
    const content = claimFile(fillerClaims(500));
    await collect(content, { onProgress: (p) => reports.push(p), progressIntervalMs: 0 }, 1000);
    expect(reports.length).toBeGreaterThan(5);
    expect(reports.at(-1)).toEqual({ records: 1001, bytesRead: Buffer.byteLength(content) });
    for (let i = 1; i < reports.length; i++) expect(reports[i].records).toBeGreaterThanOrEqual(reports[i - 1].records);
    const rare: unknown[] = [];
    await collect(content, { onProgress: (p) => rare.push(p), progressIntervalMs: 60_000 }, 1000);
    expect(rare).toHaveLength(1);
  });
});
