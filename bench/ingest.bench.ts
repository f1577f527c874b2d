/**
 * npm run bench:ingest [-- --records 1000000,4000000 --type CLAIMOT]
 * npm run bench:ingest -- --months 12 --states NY,CA,TX,FL [--records 100000] [--submit sequential|concurrent]
 *
 * End to end: generates a claim file, starts the real API and worker (dist/) against a fresh
 * database, streams the file to POST /v1/states/NY/claim-files, waits for COMPLETED and prints
 * records/s and MB/s end to end and the worker's peak RSS (VmHWM), next to the raw read+split
 * ceiling of the same file measured in the same run and the ratio of the two. Also the CPU the
 * platform spent on the file (every process but the bench's: API, worker, PostgreSQL, the rest),
 * and the floor it sets: that CPU spread over every core, the least time the file could take if
 * every step overlapped perfectly. Needs PostgreSQL and Redis (TEST_DATABASE_ADMIN_URL /
 * TEST_REDIS_URL, defaults 127.0.0.1).
 * With --months: the program-scale run of ingest-program.ts (months of files for several states).
 * BENCH_LOG_LEVEL=info prints the worker's stage timings; BENCH_WORKER_NODE_OPTIONS adds Node
 * options to the worker only (e.g. to compare V8 heap settings); BENCH_WORKER_NODE_ARGS and
 * BENCH_API_NODE_ARGS add options NODE_OPTIONS refuses (e.g. "--cpu-prof --cpu-prof-dir=var/prof").
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { generateClaimFile, type ClaimFileType } from '../scripts/gen-claims/claim-file-generator';
import { round, wholeNumber } from './bench-options';
import { readSplitCeiling } from './ingest-ceilings';
import type { MergeTiming } from './ingest-merges';
import { runProgram } from './ingest-program';
import { countCpu, postmasterPid } from './cpu-usage';
import { rssMb, startIngestStack, uploadClaimFile, waitFinished } from './ingest-stack';

async function runOnce(records: number, type: ClaimFileType, port: number): Promise<Record<string, string | number>> {
  const dir = await mkdtemp(join(tmpdir(), 'cgt-bench-'));
  const generated = await generateClaimFile({
    type,
    state: 'NY',
    month: '2026-03',
    records,
    seed: 1,
    out: join(dir, 'claims.txt'),
  });
  const bytes = statSync(generated.path).size;
  const ceiling = await readSplitCeiling(generated.path);
  const stack = await startIngestStack({ name: `cgt_bench_${process.pid}_${records}`, port, dir });
  try {
    const postmaster = await postmasterPid(stack.db);
    const spent = countCpu({ api: stack.api.pid, worker: stack.worker.pid, postmaster });
    const started = process.hrtime.bigint();
    const id = await uploadClaimFile(stack, 'NY', generated.path);
    const uploaded = Number(process.hrtime.bigint() - started) / 1e9;
    const outcome = await waitFinished(stack.db, id);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = spent();
    // With every step overlapped and every core busy all along, the file could take no less.
    const floorSeconds = cpu.platform / cpu.cores;
    return {
      records,
      MB: round(bytes / 1e6),
      status: outcome.status,
      upload_s: round(uploaded),
      total_s: round(seconds),
      records_per_s: Math.round(records / seconds),
      ceiling_records_per_s: ceiling.recordsPerSecond,
      ratio_to_ceiling: round(records / seconds / ceiling.recordsPerSecond, 2),
      MB_per_s: round(bytes / 1e6 / seconds),
      cpu_s: round(cpu.platform, 2),
      api_cpu_s: round(cpu.api, 2),
      worker_cpu_s: round(cpu.worker, 2),
      postgres_cpu_s: round(cpu.postgres, 2),
      other_cpu_s: round(cpu.other, 2),
      cpu_floor_s: round(floorSeconds, 2),
      floor_ratio_to_ceiling: round(records / floorSeconds / ceiling.recordsPerSecond, 2),
      worker_peak_rss_MB: rssMb(stack.worker.pid),
      api_peak_rss_MB: rssMb(stack.api.pid),
      claim_versions: Number((outcome.counts as { claimVersions?: number } | null)?.claimVersions ?? 0),
    };
  } finally {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = new Command()
    .option(
      '--records <list>',
      'records per file: a comma-separated list (single file; default 1000000,4000000) or one number (--months; default 100000)',
    )
    .addOption(new Option('--type <type>', 'file type').choices(['CLAIMOT', 'CLAIMIP', 'CLAIMRX']).default('CLAIMOT'))
    .option('--port <port>', 'API port', '3470')
    .option('--months <n>', 'program scale: this many monthly files per state', wholeNumber)
    .option('--states <list>', 'with --months: USPS codes (NY,CA) or N, the first N participating jurisdictions', '2')
    .addOption(
      new Option('--submit <mode>', 'with --months: sequential (month by month, one file at a time) or concurrent')
        .choices(['sequential', 'concurrent'])
        .default('sequential'),
    )
    .option('--from <yyyy-mm>', 'with --months: first reporting month (default: the last file is last month)')
    .option('--seed <n>', 'with --months: generator seed', wholeNumber, 1)
    .option('--keep-files', 'with --months: keep the generated files', false)
    .addOption(
      new Option(
        '--merge-closed-years [when]',
        "with --months (sequential): after each month, merge closed years of digests as the worker's hourly job does, beside the next month's loads or between months",
      )
        .choices(['beside', 'between'])
        .preset('beside')
        .default(false),
    )
    .parse(process.argv)
    .opts<{
      records?: string;
      type: ClaimFileType;
      port: string;
      months?: number;
      states: string;
      submit: 'sequential' | 'concurrent';
      from?: string;
      seed: number;
      keepFiles: boolean;
      mergeClosedYears: MergeTiming | false;
    }>();
  if (options.months !== undefined) {
    await runProgram({
      months: options.months,
      states: options.states,
      records: recordsArgument(options.records ?? '100000'),
      submit: options.submit,
      type: options.type,
      from: options.from,
      seed: options.seed,
      port: Number(options.port),
      keepFiles: options.keepFiles,
      mergeClosedYears: options.mergeClosedYears,
    });
    return;
  }
  // Parsed before any run, so a bad count is refused before minutes of work.
  const counts = (options.records ?? '1000000,4000000').split(',').map(recordsArgument);
  const results = [];
  for (const records of counts) {
    const result = await runOnce(records, options.type, Number(options.port));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    results.push(result);
  }
  console.table(results);
}

/** One count of `--records`: a bad one names the option and the value. */
function recordsArgument(value: string): number {
  try {
    return wholeNumber(value);
  } catch (error) {
    throw new InvalidArgumentError(`--records ${value}: ${(error as Error).message}`);
  }
}

main().catch((error: unknown) => {
  const usage = error instanceof InvalidArgumentError;
  process.stderr.write(
    `bench:ingest failed: ${error instanceof Error ? (usage ? error.message : error.stack) : String(error)}\n`,
  );
  process.exit(1);
});
