/**
 * The stack of the ingest bench (README "Synthetic files and benchmarks"): a fresh database
 * with every migration, the real API and the real worker started from dist/ as their `start:`
 * scripts start them, a coordinator signed in through GraphQL, uploads through the HTTP route
 * and the wait for a submission to finish. Both modes of `npm run bench:ingest` use it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { hashPassword } from '@lib/auth';
import { runMigrations } from '@lib/database';
import { startScriptNodeOptions } from '../apps/cli/src/demo/demo-processes';
import { uploadClaimFile as uploadWithCli } from '../apps/cli/src/submit/claim-file-client';
import { benchNodeArgs } from './bench-options';

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DIST = join(__dirname, '..');
const BENCH_PASSWORD = 'bench-password-1';
const COORDINATOR_EMAIL = 'bench@cms.example.gov';

export async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the admin URL's server. */
export function dbUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Apps being stopped by the bench (their exit is expected). */
const stopping = new Set<ChildProcess>();

function start(app: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  const nodeOptions = startScriptNodeOptions(app, join(DIST, '..', 'package.json'));
  const child = spawn(
    process.execPath,
    [...nodeOptions, ...benchNodeArgs(app), join(DIST, 'apps', app, 'src', 'main.js')],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${app}] ${chunk.toString()}`));
  // With BENCH_LOG_LEVEL=info the worker's per-stage timings ("Claim submission processed") are printed.
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      // ... and errors (pino levels 50 and 60), so that a failing app says why.
      if (line.includes('Claim submission processed') || /"level":(50|60)\b/.test(line)) {
        process.stdout.write(`[${app}] ${line}\n`);
      }
    }
  });
  child.on('exit', (code, signal) => {
    if (!stopping.has(child)) process.stderr.write(`[${app}] exited early (code ${code}, signal ${signal})\n`);
  });
  return child;
}

/** Peak (VmHWM) or current (VmRSS) resident set of a process, in MB; NaN once it is gone. */
export function rssMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  if (pid === undefined) return NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
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

/** GraphQL as the API's clients send it; throws on errors. */
export async function graphql<T>(
  base: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: T; errors?: unknown[] };
  if (answer.errors?.length || !answer.data) throw new Error(`GraphQL answered ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

export async function signIn(base: string, email: string): Promise<string> {
  const data = await graphql<{ signIn: { token: string } }>(
    base,
    null,
    'mutation($input: LoginInput!) { signIn(input: $input) { token } }',
    { input: { email, password: BENCH_PASSWORD } },
  );
  return data.signIn.token;
}

/** Inserts a user with the bench password (a manufacturer's staff when a labeler code is given). */
export async function insertBenchUser(
  db: Pool,
  user: { email: string; role: 'FEDERAL_COORDINATOR' | 'MANUFACTURER_STAFF'; labelerCode?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO app_user (email, display_name, role, manufacturer_id, password_hash)
     VALUES ($1, 'Bench', $2, (SELECT manufacturer_id FROM labeler_code WHERE code = $3), $4)`,
    [user.email, user.role, user.labelerCode ?? null, await hashPassword(BENCH_PASSWORD)],
  );
}

export interface IngestStack {
  readonly name: string;
  readonly databaseUrl: string;
  /** Connections of the bench itself (polling, table sizes, the COPY ceiling). */
  readonly db: Pool;
  readonly base: string;
  /** Bearer token of the coordinator. */
  readonly token: string;
  readonly api: ChildProcess;
  readonly worker: ChildProcess;
  /** Stops both apps and drops the database. */
  stop(): Promise<void>;
}

/** A fresh database `name`, migrated, with a coordinator; the API on `port` and the worker; signed in. */
export async function startIngestStack(options: { name: string; port: number; dir: string }): Promise<IngestStack> {
  const { name, port, dir } = options;
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  const databaseUrl = dbUrl(name);
  await runMigrations(databaseUrl);
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  await insertBenchUser(db, { email: COORDINATOR_EMAIL, role: 'FEDERAL_COORDINATOR' });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: name,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    EPISODE_REF_KEY: 'bench-episode-key-bench-episode-key-012345',
    STORAGE_DIR: join(dir, 'storage'),
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
  // BENCH_API_NODE_OPTIONS and BENCH_WORKER_NODE_OPTIONS (e.g. --max-semi-space-size=4) try V8
  // settings on one app only.
  const withNodeOptions = (options: string | undefined) => (options ? { ...env, NODE_OPTIONS: options } : env);
  const api = start('api', withNodeOptions(process.env.BENCH_API_NODE_OPTIONS));
  const worker = start('worker', withNodeOptions(process.env.BENCH_WORKER_NODE_OPTIONS));
  const stop = async (): Promise<void> => {
    await db.end().catch(() => undefined);
    for (const child of [api, worker]) {
      stopping.add(child);
      child.kill('SIGTERM');
    }
    await new Promise((r) => setTimeout(r, 1000));
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitReady(base);
    const token = await signIn(base, COORDINATOR_EMAIL);
    return { name, databaseUrl, db, base, token, api, worker, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Uploads a file the way state staff do, with the CLI's client (`cgt submit`: node:http, 256 KB
 * chunks); answers the submission id once the API has it. (Node's fetch with a stream body took
 * twice as long to send the same 94 MB to a bare Node server: 0.8-1.1 s against 0.4-0.6 s.)
 */
export async function uploadClaimFile(stack: IngestStack, state: string, path: string): Promise<string> {
  const { submission } = await uploadWithCli({ api: stack.base, token: stack.token, state, file: path });
  return submission.id;
}

export interface FinishedSubmission {
  status: string;
  counts: Record<string, unknown> | null;
  rejectionReason: string | null;
  /** Seconds the worker spent on it (started_at .. finished_at of its last attempt). */
  workerSeconds: number;
}

/** Polls the submission until it is COMPLETED, REJECTED or FAILED (reconciliation included). */
export async function waitFinished(db: Pool, id: string): Promise<FinishedSubmission> {
  for (;;) {
    const { rows } = await db.query<{
      status: string;
      counts: Record<string, unknown> | null;
      rejection_reason: string | null;
      worker_seconds: number | null;
    }>(
      `SELECT status, counts, coalesce(rejection_reason, last_failure_reason) AS rejection_reason,
              extract(epoch FROM finished_at - started_at)::float8 AS worker_seconds
         FROM claim_submission WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (row && ['COMPLETED', 'REJECTED', 'FAILED'].includes(row.status)) {
      return {
        status: row.status,
        counts: row.counts,
        rejectionReason: row.rejection_reason,
        workerSeconds: row.worker_seconds ?? NaN,
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
