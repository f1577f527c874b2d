/**
 * npm run bench:read-step [-- --records 1000000 --runs 3]
 *
 * Where the worker's read step spends its time (README "Synthetic files and benchmarks", "Where a
 * file's time goes"). The bench's NY claim file is read in this process, without the API, the
 * queue or the apply, four ways in turn for each run:
 * - the read+split ceiling (ingest-ceilings.ts);
 * - the platform's reader with no sink;
 * - the reader, each claim header formatted as its COPY text line (no database);
 * - the reader with the worker's own staging writer into a fresh, migrated database.
 * It prints wall time and CPU: this process's (Node), and for the last one also that of the
 * staging COPY's PostgreSQL backends (/proc/<pid>/stat, so PostgreSQL must run on this machine).
 * The npm script runs it with the worker's heap limit (package.json "start:worker").
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { createMigrationDataSource, runMigrations } from '@lib/database';
import {
  claimHeaderCopyValues,
  readClaimFile,
  toCopyLine,
  type ClaimFileSink,
  type RelevanceFilter,
} from '../libs/claims/src/parsing';
import { ClaimRelevanceService } from '../libs/claims/src/claim-relevance.service';
import { ClaimStagingWriter, STAGING_APPLICATION_NAME } from '../libs/claims/src/staging/claim-staging.writer';
import { clearStaging, reclaimStaging } from '../libs/claims/src/staging/claim-staging.sql';
import { generateClaimFile } from '../scripts/gen-claims/claim-file-generator';
import { readSplitCeiling } from './ingest-ceilings';
import { wholeNumber } from './bench-options';
import { cpuSeconds } from './cpu-usage';
import { admin, dbUrl } from './ingest-stack';

const STATE_FIPS = '36';

interface Measurement {
  way: string;
  seconds: number;
  nodeCpu: number;
  backendCpu: number | null;
}

/** Wall seconds and this process's CPU seconds of `work`, and what it returned. */
async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; nodeCpu: number; result: T }> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, nodeCpu: (used.user + used.system) / 1e6, result };
}

/** A way that runs in this process only. */
async function measure(way: string, work: () => Promise<unknown>): Promise<Measurement> {
  const { seconds, nodeCpu } = await timed(work);
  return { way, seconds, nodeCpu, backendCpu: null };
}

async function readWith(path: string, relevance: RelevanceFilter, sink: ClaimFileSink): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const result = await readClaimFile(createReadStream(path, { highWaterMark: 256 * 1024 }), {
    relevance,
    sink,
    expectedStateFips: STATE_FIPS,
    today,
  });
  if (!result.ok) throw new Error(`The bench file was rejected: ${result.problem.message}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function range(values: number[]): string {
  return `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--records <n>', 'records in the file', wholeNumber, 1_000_000)
    .option('--runs <n>', 'runs of the four ways, in turn', wholeNumber, 3)
    .parse(process.argv)
    .opts<{ records: number; runs: number }>();
  const dir = await mkdtemp(join(tmpdir(), 'cgt-read-step-'));
  const name = `cgt_bench_read_${process.pid}`;
  const url = dbUrl(name);
  await admin(`CREATE DATABASE "${name}"`);
  const dataSource = createMigrationDataSource(url);
  try {
    await runMigrations(url);
    await dataSource.initialize();
    const file = await generateClaimFile({
      type: 'CLAIMOT',
      state: 'NY',
      month: '2026-03',
      records: options.records,
      seed: 1,
      out: join(dir, 'claims.txt'),
    });
    const relevance = await new ClaimRelevanceService(dataSource).filter();
    const measurements: Measurement[] = [];
    const record = (measurement: Measurement): void => {
      measurements.push(measurement);
      process.stdout.write(`${JSON.stringify(measurement)}\n`);
    };
    for (let run = 0; run < options.runs; run++) {
      record(await measure('read+split ceiling', () => readSplitCeiling(file.path)));
      record(await measure('reader, no sink', () => readWith(file.path, relevance, {})));
      let bytes = 0;
      const formatting: ClaimFileSink = {
        claimHeader: (row) => void (bytes += toCopyLine(claimHeaderCopyValues(row)).length),
      };
      record(await measure('reader, header COPY text', () => readWith(file.path, relevance, formatting)));
      if (bytes === 0) throw new Error('no claim header was formatted');
      const submissionId = randomUUID();
      const writer = await ClaimStagingWriter.open(url, submissionId);
      const backends: { pid: number }[] = await dataSource.query(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = $2`,
        [STAGING_APPLICATION_NAME, name],
      );
      const before = backends.map((b) => cpuSeconds(b.pid));
      const staged = await timed(async () => {
        await readWith(
          file.path,
          relevance,
          writer.sink(() => undefined),
        );
        // finish() closes the connections: the backends' CPU is read before, so it leaves out the
        // last chunk (256 KB) of each COPY.
        const backendCpu = backends.reduce((sum, b, i) => sum + cpuSeconds(b.pid) - before[i], 0);
        await writer.finish();
        return backendCpu;
      });
      record({
        way: 'reader, staging COPY (the worker)',
        seconds: staged.seconds,
        nodeCpu: staged.nodeCpu,
        backendCpu: staged.result,
      });
      await clearStaging(dataSource.manager, submissionId);
      await reclaimStaging(dataSource.manager);
    }
    const ways = [...new Set(measurements.map((m) => m.way))];
    const ceiling = median(measurements.filter((m) => m.way === ways[0]).map((m) => m.seconds));
    console.table(
      ways.map((way) => {
        const of = measurements.filter((m) => m.way === way);
        const backend = of.map((m) => m.backendCpu).filter((cpu): cpu is number => cpu !== null);
        return {
          way,
          records: options.records,
          median_s: Number(median(of.map((m) => m.seconds)).toFixed(2)),
          range_s: range(of.map((m) => m.seconds)),
          node_cpu_s: range(of.map((m) => m.nodeCpu)),
          backend_cpu_s: backend.length > 0 ? range(backend) : '',
          records_per_s: Math.round(options.records / median(of.map((m) => m.seconds))),
          ceiling_to_this: Number((ceiling / median(of.map((m) => m.seconds))).toFixed(2)),
        };
      }),
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
