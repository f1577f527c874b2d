/**
 * npm run bench:ingest [-- --records 1000000,4000000 --type CLAIMOT]
 *
 * End to end: generates a claim file, starts the real API and worker (dist/) against a fresh
 * database, streams the file to POST /v1/states/NY/claim-files, waits for COMPLETED and prints
 * records/s and MB/s end to end and the worker's peak RSS (VmHWM), next to the raw read+split
 * ceiling of the same file measured in the same run and the ratio of the two. Needs PostgreSQL and Redis
 * (TEST_DATABASE_ADMIN_URL / TEST_REDIS_URL, defaults 127.0.0.1).
 * BENCH_LOG_LEVEL=info prints the worker's stage timings; BENCH_WORKER_NODE_OPTIONS adds Node
 * options to the worker only (e.g. to compare V8 heap settings).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Client } from 'pg';
import { hashPassword } from '@lib/auth';
import { runMigrations } from '@lib/database';
import { startScriptNodeOptions } from '../apps/cli/src/demo/demo-processes';
import { generateClaimFile, type ClaimFileType } from '../scripts/gen-claims/claim-file-generator';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DIST = join(__dirname, '..');

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function dbUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function start(app: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  const nodeOptions = startScriptNodeOptions(app, join(DIST, '..', 'package.json'));
  const child = spawn(process.execPath, [...nodeOptions, join(DIST, 'apps', app, 'src', 'main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${app}] ${chunk.toString()}`));
  // With BENCH_LOG_LEVEL=info the worker's per-stage timings ("Claim submission processed") are printed.
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.includes('Claim submission processed')) process.stdout.write(`[${app}] ${line}\n`);
    }
  });
  return child;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

async function waitReady(base: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('API did not become ready');
}

/**
 * The raw ceiling, measured on the same file in the same run: a plain Node read of the file that
 * splits it into records and fields (chunk + indexOf('\n') + split('|')), nothing else.
 */
async function readSplitCeiling(path: string): Promise<{ seconds: number; records: number }> {
  const started = process.hrtime.bigint();
  let records = 0;
  let fields = 0;
  let tail = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
    const text = tail + (chunk as string);
    let start = 0;
    let lf: number;
    while ((lf = text.indexOf('\n', start)) >= 0) {
      fields += text.slice(start, lf).split('|').length;
      records++;
      start = lf + 1;
    }
    tail = text.slice(start);
  }
  if (tail.length > 0) records++;
  if (fields < records) throw new Error('unreachable: every record has a field');
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, records };
}

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
  const name = `cgt_bench_${process.pid}_${records}`;
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  const url = dbUrl(name);
  await runMigrations(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO app_user (email, display_name, role, password_hash) VALUES ('bench@cms.example.gov', 'Bench', 'FEDERAL_COORDINATOR', $1)`,
    [await hashPassword('bench-password-1')],
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    REDIS_URL,
    QUEUE_PREFIX: name,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    EPISODE_REF_KEY: 'bench-episode-key-bench-episode-key-012345',
    STORAGE_DIR: join(dir, 'storage'),
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
  const api = start('api', env);
  // BENCH_WORKER_NODE_OPTIONS (e.g. --max-old-space-size=160) tries V8 settings on the worker only.
  const workerOptions = process.env.BENCH_WORKER_NODE_OPTIONS;
  const worker = start('worker', workerOptions ? { ...env, NODE_OPTIONS: workerOptions } : env);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitReady(base);
    const login = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: LoginInput!) { signIn(input: $input) { token } }',
        variables: { input: { email: 'bench@cms.example.gov', password: 'bench-password-1' } },
      }),
    });
    const { token } = ((await login.json()) as { data: { signIn: { token: string } } }).data.signIn;
    const started = process.hrtime.bigint();
    const response = await fetch(`${base}/v1/states/NY/claim-files?fileName=bench.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: createReadStream(generated.path),
      duplex: 'half',
    });
    const answer = (await response.json()) as { submission?: { id: string } };
    if (!answer.submission) throw new Error(`upload answered ${response.status}: ${JSON.stringify(answer)}`);
    const { submission } = answer;
    const uploaded = Number(process.hrtime.bigint() - started) / 1e9;
    let status = '';
    for (;;) {
      const row = await client.query<{ status: string }>('SELECT status FROM claim_submission WHERE id = $1', [
        submission.id,
      ]);
      status = row.rows[0]?.status ?? '';
      if (['COMPLETED', 'REJECTED', 'FAILED'].includes(status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const counts = await client.query<{ counts: Record<string, unknown> }>(
      'SELECT counts FROM claim_submission WHERE id = $1',
      [submission.id],
    );
    return {
      records,
      MB: Math.round(bytes / 1e5) / 10,
      status,
      upload_s: Math.round(uploaded * 10) / 10,
      total_s: Math.round(seconds * 10) / 10,
      records_per_s: Math.round(records / seconds),
      ceiling_records_per_s: Math.round(ceiling.records / ceiling.seconds),
      ratio_to_ceiling: Math.round((records / seconds / (ceiling.records / ceiling.seconds)) * 100) / 100,
      MB_per_s: Math.round((bytes / 1e6 / seconds) * 10) / 10,
      worker_peak_rss_MB: worker.pid ? peakRssMb(worker.pid) : NaN,
      api_peak_rss_MB: api.pid ? peakRssMb(api.pid) : NaN,
      claim_versions: Number((counts.rows[0]?.counts as { claimVersions?: number } | undefined)?.claimVersions ?? 0),
    };
  } finally {
    await client.end();
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--records <list>', 'comma-separated record counts', '1000000,4000000')
    .option('--type <type>', 'CLAIMOT, CLAIMIP or CLAIMRX', 'CLAIMOT')
    .option('--port <port>', 'API port', '3470')
    .parse(process.argv)
    .opts<{ records: string; type: ClaimFileType; port: string }>();
  const results = [];
  for (const records of options.records.split(',').map(Number)) {
    const result = await runOnce(records, options.type, Number(options.port));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    results.push(result);
  }
  console.table(results);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ingest failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
