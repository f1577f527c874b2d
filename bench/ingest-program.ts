/**
 * The program-scale mode of `npm run bench:ingest` (README "Synthetic files and benchmarks"):
 * months of monthly claim files for several states, generated to disk (streamed, any size),
 * submitted over HTTP to the real API with the real worker after the program's agreements are
 * executed and the states joined, each followed to COMPLETED (reconciliation included). Prints
 * each file's throughput, each state's first against last file, the apps' peak RSS, the tables'
 * sizes at the end and the raw ceilings measured on the first file in the same run.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMonths, formatYearMonth, parseYearMonth } from '../scripts/gen-claims/calendar';
import { generateClaimFile, type ClaimFileType } from '../scripts/gen-claims/claim-file-generator';
import { round } from './bench-options';
import { copyCeiling, probeSample, readSplitCeiling, speedProbe, type Ceiling } from './ingest-ceilings';
import { firstParticipants, seedProgram } from './ingest-agreements';
import { ClosedYearMerges, type MergeTiming } from './ingest-merges';
import { cpuSeconds } from './cpu-usage';
import { rssMb, startIngestStack, uploadClaimFile, waitFinished, type IngestStack } from './ingest-stack';

export interface ProgramOptions {
  months: number;
  /** `NY,CA,TX` or a number: the first N participating jurisdictions by USPS code. */
  states: string;
  records: number;
  /** sequential: month by month, one file at a time; concurrent: every state's files at once. */
  submit: 'sequential' | 'concurrent';
  type: ClaimFileType;
  /** First reporting month; default: `months` months before the current one (the last is last month). */
  from?: string;
  seed: number;
  port: number;
  keepFiles: boolean;
  /** Sequential mode: after each month, merge closed years of digests beside the next loads or between months (ingest-merges.ts). */
  mergeClosedYears: MergeTiming | false;
}

interface PlannedFile {
  state: string;
  month: string;
  path: string;
}

interface FileResult {
  state: string;
  month: string;
  records: number;
  MB: number;
  status: string;
  upload_s: number;
  seconds: number;
  records_per_s: number;
  worker_s: number;
  worker_records_per_s: number;
  /** CPU the worker process used meanwhile (in concurrent mode shared with the files beside it). */
  worker_cpu_s: number;
  worker_rss_MB: number;
  /**
   * Sequential mode: the machine's speed around this file (speedProbe before and after it, their
   * mean) against the first file's, and records_per_s at the first file's speed.
   */
  speed_index?: number;
  records_per_s_at_first_speed?: number;
}

function monthsOf(options: ProgramOptions): string[] {
  const now = new Date();
  const first = options.from
    ? parseYearMonth(options.from)
    : addMonths({ year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 }, -options.months);
  return Array.from({ length: options.months }, (_, i) => formatYearMonth(addMonths(first, i)));
}

async function statesOf(stack: IngestStack, states: string): Promise<string[]> {
  if (/^\d+$/.test(states)) return firstParticipants(stack, Number(states));
  return states.split(',').map((s) => s.trim().toUpperCase());
}

/** Writes the file of (state, month) under `dir`, streamed to disk; a file already written there is reused. */
async function generate(options: ProgramOptions, dir: string, state: string, month: string): Promise<PlannedFile> {
  const path = join(dir, `${state}-${options.type}-${month}.txt`);
  if (existsSync(path)) return { state, month, path };
  await generateClaimFile({
    type: options.type,
    state,
    month,
    records: options.records,
    seed: options.seed,
    out: path,
  });
  return { state, month, path };
}

/** Uploads a file and follows it to the end; `uploaded` resolves once the API answered the upload. */
function submit(
  stack: IngestStack,
  file: PlannedFile,
  options: ProgramOptions,
): { uploaded: Promise<void>; finished: Promise<FileResult> } {
  const started = process.hrtime.bigint();
  const cpuBefore = cpuSeconds(stack.worker.pid);
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const id = uploadClaimFile(stack, file.state, file.path);
  const finished = id.then(async (submissionId) => {
    const upload = elapsed();
    const outcome = await waitFinished(stack.db, submissionId);
    const seconds = elapsed();
    if (outcome.status !== 'COMPLETED') {
      throw new Error(`${file.state} ${file.month} ended ${outcome.status}: ${outcome.rejectionReason ?? ''}`);
    }
    return {
      state: file.state,
      month: file.month,
      records: options.records,
      MB: round(statSync(file.path).size / 1e6),
      status: outcome.status,
      upload_s: round(upload),
      seconds: round(seconds, 2),
      records_per_s: Math.round(options.records / seconds),
      worker_s: round(outcome.workerSeconds, 2),
      worker_records_per_s: Math.round(options.records / outcome.workerSeconds),
      worker_cpu_s: round(cpuSeconds(stack.worker.pid) - cpuBefore, 2),
      worker_rss_MB: rssMb(stack.worker.pid, 'VmRSS'),
    };
  });
  const uploaded = id.then(() => undefined);
  // The same failure reaches the caller through `finished`; the sequential mode never awaits this one.
  uploaded.catch(() => undefined);
  return { uploaded, finished };
}

/** A state's last file against its first, and its last 3 against its first 3 (means), by `rate`. */
function lastToFirst(own: FileResult[], rate: (r: FileResult) => number): { last: number; last3: number } {
  const three = Math.min(3, own.length);
  const meanOf = (files: FileResult[]): number => files.reduce((sum, r) => sum + rate(r), 0) / files.length;
  return {
    last: round(rate(own[own.length - 1]) / rate(own[0]), 2),
    last3: round(meanOf(own.slice(own.length - three)) / meanOf(own.slice(0, three)), 2),
  };
}

function printFile(result: FileResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function runSequential(
  stack: IngestStack,
  options: ProgramOptions,
  dir: string,
  states: string[],
  months: string[],
  probe: string,
): Promise<FileResult[]> {
  const results: FileResult[] = [];
  let firstSpeed: number | undefined;
  const merges = options.mergeClosedYears ? await ClosedYearMerges.open(stack.databaseUrl) : null;
  try {
    for (const month of months) {
      const files: PlannedFile[] = [];
      for (const state of states) files.push(await generate(options, dir, state, month));
      for (const file of files) {
        const before = await speedProbe(probe);
        const result = await submit(stack, file, options).finished;
        const speed = (before + (await speedProbe(probe))) / 2;
        firstSpeed ??= speed;
        result.speed_index = round(speed / firstSpeed, 2);
        result.records_per_s_at_first_speed = Math.round((result.records_per_s * firstSpeed) / speed);
        printFile(result);
        results.push(result);
        if (!options.keepFiles) await rm(file.path, { force: true });
      }
      if (merges && options.mergeClosedYears) await merges.after(month, options.mergeClosedYears);
    }
  } finally {
    await merges?.close();
  }
  return results;
}

async function runConcurrent(
  stack: IngestStack,
  options: ProgramOptions,
  dir: string,
  states: string[],
  months: string[],
): Promise<FileResult[]> {
  const planned = new Map<string, PlannedFile[]>();
  for (const state of states) {
    const files: PlannedFile[] = [];
    for (const month of months) files.push(await generate(options, dir, state, month));
    planned.set(state, files);
  }
  // Each state uploads its months in order (receipt order is month order); states side by side.
  const perState = await Promise.all(
    states.map(async (state) => {
      const finished: Promise<FileResult>[] = [];
      for (const file of planned.get(state) ?? []) {
        const running = submit(stack, file, options);
        const done = running.finished.then(async (result) => {
          printFile(result);
          if (!options.keepFiles) await rm(file.path, { force: true });
          return result;
        });
        // Awaited below with the others; a failed upload must not leave it unhandled.
        done.catch(() => undefined);
        finished.push(done);
        await running.uploaded;
      }
      return Promise.all(finished);
    }),
  );
  const order = new Map(months.map((m, i) => [m, i]));
  return perState.flat().sort((a, b) => (order.get(a.month) ?? 0) - (order.get(b.month) ?? 0));
}

/** Sizes of the tables that grow with the program, and row counts of the main claim tables. */
async function tableSizes(
  stack: IngestStack,
): Promise<{ sizes: Record<string, string>[]; rows: Record<string, number> }> {
  const sizes = await stack.db.query<{ table: string; total_MB: string }>(
    `SELECT t AS "table", round(pg_total_relation_size(t::regclass) / 1e6, 1)::text AS "total_MB"
       FROM unnest($1::text[]) AS t
      WHERE to_regclass(t) IS NOT NULL
      ORDER BY pg_total_relation_size(t::regclass) DESC`,
    [
      [
        'claim_submission',
        'claim_version',
        'claim_line',
        'claim_diagnosis',
        'record_problem',
        'reconciliation_exception',
        'episode',
        'ledger_entry',
        'outcome_observation',
        'audit_event',
        'reconciliation_request',
      ],
    ],
  );
  // claim_version_digest is partitioned by state, then by adjudication month: its leaf partitions together.
  const digest = await stack.db.query<{ total_MB: string }>(
    `SELECT round(coalesce(sum(pg_total_relation_size(relid)), 0) / 1e6, 1)::text AS "total_MB"
       FROM pg_partition_tree('claim_version_digest') WHERE isleaf`,
  );
  const staging = await stack.db.query<{ total_MB: string }>(
    `SELECT round(coalesce(sum(pg_total_relation_size(oid)), 0) / 1e6, 1)::text AS "total_MB"
       FROM pg_class WHERE relkind = 'r' AND relname LIKE 'claim\\_stage\\_%'`,
  );
  const database = await stack.db.query<{ total_MB: string }>(
    `SELECT round(pg_database_size(current_database()) / 1e6, 1)::text AS "total_MB"`,
  );
  const counted = [
    'claim_version',
    'claim_version_digest',
    'claim_line',
    'claim_diagnosis',
    'reconciliation_exception',
  ];
  const rows: Record<string, number> = {};
  for (const table of [...counted, 'episode', 'ledger_entry']) {
    const { rows: answer } = await stack.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    rows[table] = Number(answer[0].n);
  }
  const all = [
    ...sizes.rows,
    { table: 'claim_version_digest (partitions)', total_MB: digest.rows[0].total_MB },
    { table: 'claim_stage_* (staging, UNLOGGED)', total_MB: staging.rows[0].total_MB },
  ].sort((a, b) => Number(b.total_MB) - Number(a.total_MB));
  return {
    sizes: [...all, { table: '(whole database)', total_MB: database.rows[0].total_MB }],
    rows,
  };
}

export async function runProgram(options: ProgramOptions): Promise<void> {
  if (options.mergeClosedYears && options.submit !== 'sequential') {
    throw new Error('--merge-closed-years needs --submit sequential (a merge after each month)');
  }
  const months = monthsOf(options);
  const dir = await mkdtemp(join(tmpdir(), 'cgt-bench-program-'));
  const name = `cgt_bench_${process.pid}_program`;
  const stack = await startIngestStack({ name, port: options.port, dir });
  try {
    const states = await statesOf(stack, options.states);
    const joined = await seedProgram(stack, states);
    process.stdout.write(
      `${JSON.stringify({
        states,
        joined,
        months: `${months[0]}..${months[months.length - 1]}`,
        records_per_file: options.records,
        load_average: loadAverage(),
        type: options.type,
        submit:
          options.submit === 'sequential'
            ? 'sequential (month by month, one file at a time)'
            : 'concurrent (all files, each state in month order)',
      })}\n`,
    );
    // The ceilings: the first state's first file, measured before anything is submitted.
    const first = await generate(options, dir, states[0], months[0]);
    const readSplit = await readSplitCeiling(first.path);
    const connection = await stack.db.connect();
    const copy = await copyCeiling(connection, first.path).finally(() => connection.release());
    const results =
      options.submit === 'sequential'
        ? await runSequential(stack, options, dir, states, months, probeSample(first.path))
        : await runConcurrent(stack, options, dir, states, months);
    const workerPeak = rssMb(stack.worker.pid);
    const apiPeak = rssMb(stack.api.pid);
    console.table(results);
    // In concurrent mode a file's end-to-end time includes its wait behind others: compare the worker's time.
    const rate = (r: FileResult): number =>
      options.submit === 'sequential' ? r.records_per_s : r.worker_records_per_s;
    const perState = states.map((state) => {
      const own = results.filter((r) => r.state === state);
      const firstRate = rate(own[0]);
      const lastRate = rate(own[own.length - 1]);
      const ratios = lastToFirst(own, rate);
      const sameSpeed = lastToFirst(own, (r) => r.records_per_s_at_first_speed ?? NaN);
      return {
        state,
        files: own.length,
        first_month: own[0].month,
        first_records_per_s: firstRate,
        last_month: own[own.length - 1].month,
        last_records_per_s: lastRate,
        last_to_first: ratios.last,
        within_10pct: lastRate >= firstRate * 0.9 ? 'yes' : 'NO',
        // Steadier under load: the mean of the first three files against that of the last three.
        last3_to_first3: ratios.last3,
        // Records per second of worker CPU, last file against first: what machine load hardly moves.
        worker_cpu_last_to_first: round(own[0].worker_cpu_s / own[own.length - 1].worker_cpu_s, 2),
        // Sequential mode: the same ratios with each file's rate taken back to the first file's machine speed.
        ...(options.submit === 'sequential'
          ? { same_speed_last_to_first: sameSpeed.last, same_speed_last3_to_first3: sameSpeed.last3 }
          : {}),
      };
    });
    process.stdout.write(
      `per state, 1st vs last file (${options.submit === 'sequential' ? 'end to end' : 'worker time'}):\n`,
    );
    console.table(perState);
    const firstResult = results.find((r) => r.state === first.state && r.month === first.month);
    const mean = Math.round(results.reduce((sum, r) => sum + rate(r), 0) / results.length);
    const ceilings = (c: Ceiling, label: string) => ({
      ceiling: label,
      records: c.records,
      seconds: round(c.seconds, 2),
      records_per_s: c.recordsPerSecond,
      first_file_ratio: firstResult ? round(rate(firstResult) / c.recordsPerSecond, 2) : NaN,
      mean_file_ratio: round(mean / c.recordsPerSecond, 2),
    });
    process.stdout.write(
      `raw ceilings on ${first.state} ${first.month} (platform/ceiling: the first file, and the mean of all files, ${mean} records/s):\n`,
    );
    console.table([ceilings(readSplit, 'read+split (Node)'), ceilings(copy, 'read+split+COPY to a scratch table')]);
    process.stdout.write(`peak RSS (VmHWM): worker ${workerPeak} MB, API ${apiPeak} MB\n`);
    const { sizes, rows } = await tableSizes(stack);
    process.stdout.write('table sizes at the end:\n');
    console.table(sizes);
    process.stdout.write(`rows: ${JSON.stringify(rows)}\n`);
    process.stdout.write(`load average at the end: ${loadAverage()}\n`);
  } finally {
    await stack.stop();
    if (!options.keepFiles) await rm(dir, { recursive: true, force: true });
    else process.stdout.write(`files kept in ${dir}\n`);
  }
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').trim();
}
