/**
 * Raw ceilings of the ingest bench, measured on one of its files in the same run (README
 * "Synthetic files and benchmarks"): what a plain Node read of the file costs, and what reading
 * it and COPYing every record into a scratch table costs, with nothing of the platform between.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface Ceiling {
  seconds: number;
  records: number;
  recordsPerSecond: number;
}

function ceiling(started: bigint, records: number): Ceiling {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, records, recordsPerSecond: Math.round(records / seconds) };
}

/** A file's text in 256 KB chunks. */
function fileChunks(path: string): AsyncIterable<string> {
  return createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 }) as AsyncIterable<string>;
}

/** Records of text arriving in chunks, as text lines: split on newlines (no fields). */
async function* lines(chunks: AsyncIterable<string> | readonly string[]): AsyncGenerator<string> {
  let tail = '';
  for await (const chunk of chunks) {
    const text = tail + chunk;
    let start = 0;
    let lf: number;
    while ((lf = text.indexOf('\n', start)) >= 0) {
      yield text.slice(start, lf);
      start = lf + 1;
    }
    tail = text.slice(start);
  }
  if (tail.length > 0) yield tail;
}

/** Splits text arriving in chunks into records and fields (indexOf('\n') + split('|')); counts the records. */
async function splitRecords(chunks: AsyncIterable<string> | readonly string[]): Promise<number> {
  let records = 0;
  let fields = 0;
  for await (const record of lines(chunks)) {
    fields += record.split('|').length;
    records++;
  }
  if (fields < records) throw new Error('unreachable: every record has a field');
  return records;
}

/**
 * A plain Node read of the file that splits it into records and fields (chunk +
 * indexOf('\n') + split('|')), nothing else. Counts every record but the file header.
 */
export async function readSplitCeiling(path: string): Promise<Ceiling> {
  const started = process.hrtime.bigint();
  const records = await splitRecords(fileChunks(path));
  return ceiling(started, Math.max(0, records - 1));
}

/** The first `bytes` of a file as text, up to its last whole record: the speed probe's sample. */
export function probeSample(path: string, bytes = 8 * 1024 * 1024): string {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, buffer, 0, bytes, 0);
    const text = buffer.toString('utf8', 0, read);
    return text.slice(0, text.lastIndexOf('\n') + 1);
  } finally {
    closeSync(fd);
  }
}

/**
 * How fast the machine runs right now, in records per second: the best of `runs` passes that
 * split the in-memory `sample` into records and fields with the read+split ceiling's code, with no
 * I/O (a fraction of a second). Between files of a long run it tells a slower machine from a
 * slower platform; it measures Node on one core, so it follows what slows both cores (other
 * work on the host) and not what slows PostgreSQL alone.
 */
export async function speedProbe(sample: string, runs = 3): Promise<number> {
  let best = Infinity;
  let records = 0;
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    records = await splitRecords([sample]);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return Math.round(records / best);
}

/** Fields of the widest record of the profile (the P00002 claim header). */
const COPY_COLUMNS = 18;

/**
 * Read + split on newlines + COPY of every record (file header excepted) into an UNLOGGED
 * scratch table of COPY_COLUMNS text columns, PostgreSQL splitting the fields on '|' (shorter
 * records padded with empty fields). The table is dropped afterwards.
 */
export async function copyCeiling(client: ClientBase, path: string): Promise<Ceiling> {
  const columns = Array.from({ length: COPY_COLUMNS }, (_, i) => `f${i + 1} text`).join(', ');
  await client.query(`DROP TABLE IF EXISTS bench_copy_ceiling`);
  await client.query(`CREATE UNLOGGED TABLE bench_copy_ceiling (${columns})`);
  const padding = Array.from({ length: COPY_COLUMNS }, (_, i) => '|'.repeat(i));
  let records = 0;
  async function* rows(): AsyncGenerator<string> {
    let batch = '';
    let first = true;
    for await (const record of lines(fileChunks(path))) {
      if (first) {
        first = false;
        continue;
      }
      let pipes = 0;
      for (let i = record.indexOf('|'); i >= 0; i = record.indexOf('|', i + 1)) pipes++;
      batch += `${record}${padding[Math.max(0, COPY_COLUMNS - 1 - pipes)]}\n`;
      records++;
      if (batch.length >= 256 * 1024) {
        yield batch;
        batch = '';
      }
    }
    if (batch.length > 0) yield batch;
  }
  const started = process.hrtime.bigint();
  try {
    await pipeline(
      Readable.from(rows()),
      client.query(copyFrom(`COPY bench_copy_ceiling FROM STDIN WITH (FORMAT text, DELIMITER '|')`)),
    );
    return ceiling(started, records);
  } finally {
    await client.query(`DROP TABLE IF EXISTS bench_copy_ceiling`);
  }
}
