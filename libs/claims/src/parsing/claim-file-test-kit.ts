import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { type ClaimFileReaderOptions, type ClaimFileResult, readClaimFile } from './claim-file-reader';
import {
  type ClaimDiagnosisRow,
  type ClaimFileHeader,
  type ClaimHeaderRow,
  type ClaimLineRow,
  type StragglerRow,
} from './claim-rows';
import { type RecordProblem } from './parse-problems';
import { type RelevanceFilter } from './relevance';

/** Helpers for the parsing specs (not exported from the library). */

export const TEST_RELEVANCE: RelevanceFilter = {
  cgtNdc11s: new Set(['51167029009', '51167029001', '73554111101']),
  cgtHcpcs: new Set(['J3392', 'J3394']),
  diagnosisPrefixes: ['D57'],
};

export interface Collected {
  readonly result: ClaimFileResult;
  readonly fileHeaders: ClaimFileHeader[];
  readonly headers: ClaimHeaderRow[];
  readonly lines: ClaimLineRow[];
  readonly diagnoses: ClaimDiagnosisRow[];
  readonly stragglers: StragglerRow[];
  readonly problems: RecordProblem[];
}

/** Splits bytes into chunks: one chunk, fixed-size chunks, or at given offsets. */
export function chunked(bytes: Buffer, chunking: number | readonly number[] = bytes.length || 1): Buffer[] {
  const chunks: Buffer[] = [];
  if (typeof chunking === 'number') {
    for (let i = 0; i < bytes.length; i += chunking) chunks.push(bytes.subarray(i, i + chunking));
    return chunks;
  }
  let at = 0;
  for (const cut of chunking) {
    chunks.push(bytes.subarray(at, cut));
    at = cut;
  }
  chunks.push(bytes.subarray(at));
  return chunks.filter((chunk) => chunk.length > 0);
}

/** Reads a file given as text or bytes, collecting everything the sink receives. */
export async function collect(
  content: string | Buffer,
  options: Partial<ClaimFileReaderOptions> = {},
  chunking?: number | readonly number[],
): Promise<Collected> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const collected: Omit<Collected, 'result'> = {
    fileHeaders: [],
    headers: [],
    lines: [],
    diagnoses: [],
    stragglers: [],
    problems: [],
  };
  const result = await readClaimFile(Readable.from(chunked(bytes, chunking), { objectMode: false }), {
    relevance: TEST_RELEVANCE,
    ...options,
    sink: {
      fileHeader: (row) => void collected.fileHeaders.push(row),
      claimHeader: (row) => void collected.headers.push(row),
      line: (row) => void collected.lines.push(row),
      diagnosis: (row) => void collected.diagnoses.push(row),
      straggler: (row) => void collected.stragglers.push(row),
      problem: (row) => void collected.problems.push(row),
    },
  });
  return { result, ...collected };
}

/** A record with some fields (1-based numbers) replaced. */
export function withFields(record: string, changes: Readonly<Record<number, string>>): string {
  const fields = record.split('|');
  for (const [number, value] of Object.entries(changes)) fields[Number(number) - 1] = value;
  return fields.join('|');
}

export interface FileHeaderFields {
  prefix?: string;
  fileName?: string;
  state?: string;
  created?: string;
  start?: string;
  end?: string;
  count?: number | string;
}

export function fileHeader(records: number, h: FileHeaderFields = {}): string {
  const prefix = h.prefix ?? 'COT';
  const fileName = h.fileName ?? 'CLAIMOT';
  return `${prefix}00001|4.0.0|O|${fileName}|${h.state ?? '36'}|${h.created ?? '20260405'}|${h.start ?? '20260301'}|${h.end ?? '20260331'}|1|${h.count ?? records}`;
}

/** A file of the given records with a matching header (TOT-REC-CNT = records.length). */
export function claimFile(records: readonly string[], h: FileHeaderFields = {}, newline = '\n'): string {
  return [fileHeader(records.length, h), ...records].join(newline) + newline;
}

/** One valid outpatient claim: header, a Casgevy line, a D57 diagnosis (profile example). */
export function otClaim(icn = 'NY2026030100017', recordNumber = 1, prefix = 'COT'): string[] {
  return [
    `${prefix}00002|36|${recordNumber}|${icn}||20260312|0|MSIS00012345|1|F1|0|1234567893|${prefix === 'CIP' ? '20260309' : ''}||20260310|20260310||2200000.00`,
    `${prefix}00003|36|${recordNumber + 1}|${icn}||20260312|0|1|0892|J3392|51167-0290-09|1|UN|1|20260310|20260310|2200000.00`,
    `${prefix}00004|36|${recordNumber + 2}|${icn}||20260312|0|1|D5701|02`,
  ];
}

/** Several ordinary claims (header + one non-CGT line each). */
export function fillerClaims(count: number, prefix = 'COT', firstRecordNumber = 1): string[] {
  const records: string[] = [];
  for (let i = 0; i < count; i++) {
    const icn = `NY20260301${prefix}${String(i + 1).padStart(8, '0')}`;
    const n = firstRecordNumber + 2 * i;
    const admission = prefix === 'CIP' ? '20260305' : '';
    records.push(
      `${prefix}00002|36|${n}|${icn}||20260320|0|F0000${i}|1|F1|0|1234567893|${admission}||20260315|20260315||47.00`,
      `${prefix}00003|36|${n + 1}|${icn}||20260320|0|1||99213||0||1|20260315|20260315|47.00`,
    );
  }
  return records;
}

/** The example of tmsis-cgt-profile.md ("Example"), verbatim. */
export const PROFILE_EXAMPLE = `COT00001|4.0.0|O|CLAIMOT|36|20260405|20260301|20260331|1|5
COT00002|36|1|NY2026030100017||20260312|0|MSIS00012345|1|F1|0|1234567893|||20260310|20260310||2200000.00
COT00003|36|2|NY2026030100017||20260312|0|1|0892|J3392|51167-0290-09|1|UN|1|20260310|20260310|2200000.00
COT00004|36|3|NY2026030100017||20260312|0|1|D5701|02
COT00002|36|4|NY2026030100017|NY2026032800003|20260328|1|MSIS00012345|1|F1|0|1234567893|||20260310|20260310||2200000.00
COT00003|36|5|NY2026030100017|NY2026032800003|20260328|1|1|0892|J3392|51167-0290-09|1|UN|1|20260310|20260310|2200000.00
`;

/** Seeded mutations of a valid file (truncations, swapped fields, odd bytes, huge fields, ...), shared by the fuzz tests. */
/** mulberry32: a small seeded PRNG. */
/**
 * How many seeded cases a fuzz test runs, and from which seed: small by default so `npm test`
 * stays fast on a busy machine; `npm run test:fuzz` sets FUZZ_CASES / FUZZ_PIPELINE_CASES for the
 * long soak, FUZZ_SEED replays a run. The seed is printed so a failure can be replayed.
 */
export function fuzzSettings(casesVariable: string, defaultCases: number): { cases: number; seed: number } {
  const cases = Number(process.env[casesVariable] ?? defaultCases);
  const seed = Number(process.env.FUZZ_SEED ?? 20261123);
  if (!Number.isInteger(cases) || cases < 1) throw new Error(`${casesVariable} must be a positive integer`);
  if (!Number.isInteger(seed)) throw new Error('FUZZ_SEED must be an integer');
  process.stdout.write(`fuzz: ${cases} cases (${casesVariable}), seed ${seed} (FUZZ_SEED)\n`);
  return { cases, seed };
}

export function seededRandom(seed: number): () => number {
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

export function mutateClaimFile(base: Buffer, next: () => number): Buffer {
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
