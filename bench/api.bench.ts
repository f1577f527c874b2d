/**
 * npm run bench:api [-- --seconds 10 --clients 1,50 --only statementsWithBalances]
 *
 * Fast reads under load (docs/architecture.md "Fast reads"). Seeds one program year (56 jurisdictions, 2 products, 8
 * quarters of statements, 5,040 episodes, 50,400 ledger entries, payments and disputes) into its
 * own database, starts the real API (dist/, production mode, API_SQL_COUNT_HEADER on) and, for
 * each query, prints req/s and p50/p95/p99 at each client count, plus the SQL statements one
 * request runs. Raw ceilings measured in the same run: `{ __typename }` through the same API and
 * auth, and a plain SELECT of a statements page through pg at the same concurrency. Then the
 * same at the highest client count with API_PROCESSES=2 (Node cluster).
 *
 * Each query is measured twice: with every answer computed (API_READ_CACHE_MB=0) and with the
 * read cache on (the default; docs/architecture.md "Read cache"), printing the share of answers the
 * cache served. `--cache computed|cached|both` picks; `--change-every <ms>` commits a write (a
 * statement's updated_at) that often during the cached runs, as ingestion or a payment would, to
 * show what the cache is worth when the data keeps changing. Beside each cached query, the
 * ceiling for its answer's size: a plain Node HTTP server (BENCH_API_PORT + 1) sending a fixed
 * body of the same length (as sent: gzip-encoded when the hit was) to the same clients. Requests
 * send `Accept-Encoding: gzip, deflate, br` as browsers do (`--accept-encoding identity` to ask
 * for plain bodies): the read cache sends kept answers of 1 KB or more gzip-encoded to such
 * clients, while computed answers are always plain. Needs PostgreSQL
 * (TEST_DATABASE_ADMIN_URL, default 127.0.0.1) and Redis (TEST_REDIS_URL). BENCH_API_PORT
 * (default 3210) picks the port; BENCH_API_NODE_ARGS adds Node options to the API (e.g.
 * "--cpu-prof --cpu-prof-dir=var/prof").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { Client, Pool } from 'pg';
import { hashPassword } from '@lib/auth';
import { runMigrations } from '@lib/database';
import { seedProgramYear, PROGRAM_YEAR } from '@lib/testing';
import { startScriptNodeOptions } from '../apps/cli/src/demo/demo-processes';
import { benchNodeArgs } from './bench-options';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DIST = join(__dirname, '..');
const PORT = Number(process.env.BENCH_API_PORT ?? 3210);
const RAW_PORT = PORT + 1;

/** The reads the portal makes, as it asks them. */
const QUERIES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  typename: { query: '{ __typename }' },
  statementsWithBalances: {
    query: `{ statements(first: 20) { edges { node { id number status stateCode labelerCode quarter issuedOn dueOn
              balances { total paid disputed outstanding outstandingUndisputed interestOwed } } } pageInfo { endCursor hasNextPage } } }`,
  },
  statementDetail: {
    query: `query($n: String!) { statementByNumber(number: $n) { id number status issuedOn dueOn
              lines { lineNumber lineId episodeRef product ndc11 administrationDate component serviceQuarter cause amount }
              totals { total currentPeriod priorPeriod lineCount byComponent { component amount } }
              payments { amount receivedOn reference }
              balances { total paid disputed outstanding outstandingUndisputed interestOwed } } }`,
    variables: { n: 'CGT-NY-51167-2026Q1' },
  },
  statementSummary: {
    query: `{ statementSummary { asOf total outstanding interestOwed
              balances { quarter stateCode statements billed paid disputed outstanding interestOwed }
              amounts { quarter stateCode product component amount } } }`,
  },
  programDashboard: {
    query: `{ programDashboard { stateCode productCode treatedEpisodes eligibleEpisodes accruedTotal disputesOpen
              accrued { component amount } } }`,
  },
  episodesPage: {
    query: `{ episodes(first: 20) { edges { node { episodeRef stateCode administrationDate status } } pageInfo { endCursor } } }`,
  },
  ledgerEntriesPage: {
    query: `{ ledgerEntries(first: 50) { edges { node { id episodeRef component amount serviceQuarter statementQuarter } } pageInfo { endCursor } } }`,
  },
  disputesPage: {
    query: `{ disputes(first: 20) { edges { node { id code status openedOn dueOn } } pageInfo { endCursor } } }`,
  },
};

interface Figures {
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `clients` loops, each sending the next request when the last answered, for `seconds`. */
async function load(clients: number, seconds: number, once: () => Promise<boolean>): Promise<Figures> {
  const latencies: number[] = [];
  const failures: { first: string | null } = { first: null };
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const ok = await once().catch((error: unknown) => {
          failures.first ??= error instanceof Error ? error.message : String(error);
          return false;
        });
        latencies.push(performance.now() - started);
        if (!ok) errors += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  if (failures.first) process.stderr.write(`first failed request: ${failures.first}\n`);
  return {
    reqPerSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
  };
}

interface Answer {
  status: number;
  sql: string;
  cache: string;
  /** The body, decoded when asked for (a load loop does not spend the client's CPU on it). */
  text: string;
  /** Bytes of the body as sent, and their Content-Encoding. */
  wireBytes: number;
  encoding: string | null;
}

/** The Accept-Encoding requests send (--accept-encoding). */
let acceptEncoding = 'gzip, deflate, br';

function post(agent: Agent, token: string, body: string, port = PORT, decode = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'accept-encoding': acceptEncoding,
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'] ?? null;
          resolve({
            status: res.statusCode ?? 0,
            sql: String(res.headers['x-sql-statements'] ?? '?'),
            cache: String(res.headers['x-read-cache'] ?? 'off'),
            text: (encoding === 'gzip' && decode ? gunzipSync(bytes) : bytes).toString(),
            wireBytes: bytes.length,
            encoding,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function start(env: NodeJS.ProcessEnv): ChildProcess {
  const nodeOptions = startScriptNodeOptions('api', join(DIST, '..', 'package.json'));
  const child = spawn(
    process.execPath,
    [...nodeOptions, ...benchNodeArgs('api'), join(DIST, 'apps', 'api', 'src', 'main.js')],
    {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[api] ${chunk.toString()}`));
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * The ceiling for sending an answer of `bytes` bytes: a plain Node HTTP server (its own process,
 * like the API) that reads the request and answers a fixed body of that size.
 */
async function startRawServer(bytes: number, encoding: string | null): Promise<ChildProcess> {
  const source = `const body = Buffer.alloc(${bytes}, 120);
    require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        ${encoding ? `res.setHeader('content-encoding', ${JSON.stringify(encoding)});` : ''}
        res.end(body);
      });
    }).listen(${RAW_PORT}, '127.0.0.1', () => process.stdout.write('ready'));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
  });
  return child;
}

async function waitReady(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health/ready`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('API did not become ready');
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 1) : '-');

async function main(): Promise<void> {
  const options = new Command()
    .option('--seconds <n>', 'seconds per measurement', '10')
    .option('--clients <list>', 'client counts', '1,50')
    .option('--only <names>', 'comma-separated query names')
    .option('--no-cluster', 'skip the API_PROCESSES=2 run')
    .option('--cache <mode>', 'computed (API_READ_CACHE_MB=0), cached, or both', 'both')
    .option('--change-every <ms>', 'during cached runs, commit a write this often (0: none)', '0')
    .option('--accept-encoding <value>', 'the Accept-Encoding requests send', acceptEncoding)
    .option('--keep <database>', 'seed into this database once and keep it (reused by later runs, e.g. to profile)')
    .parse()
    .opts<{
      seconds: string;
      clients: string;
      only?: string;
      cluster: boolean;
      keep?: string;
      cache: string;
      changeEvery: string;
      acceptEncoding: string;
    }>();
  acceptEncoding = options.acceptEncoding;
  const changeEveryMs = Number(options.changeEvery);
  const seconds = Number(options.seconds);
  const clientCounts = options.clients.split(',').map(Number);
  const names = options.only ? options.only.split(',') : Object.keys(QUERIES);

  const name = options.keep ?? `cgt_bench_fast_reads_${process.pid}`;
  const adminClient = new Client({ connectionString: ADMIN_URL });
  await adminClient.connect();
  const exists = (await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!exists) await adminClient.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const dir = await mkdtemp(join(tmpdir(), 'cgt-bench-api-'));
  const running: ChildProcess[] = [];
  try {
    if (!exists) {
      await runMigrations(dbUrl);
      const client = new Client({ connectionString: dbUrl });
      await client.connect();
      const {
        rows: [coordinator],
      } = await client.query<{ id: string }>(
        `INSERT INTO app_user (email, display_name, role, password_hash)
         VALUES ('bench@cms.example.gov', 'Bench', 'FEDERAL_COORDINATOR', $1) RETURNING id`,
        [await hashPassword('bench-password-1')],
      );
      await client.end();
      const seeded = await seedProgramYear(dbUrl, coordinator.id, PROGRAM_YEAR);
      process.stdout.write(`dataset: ${JSON.stringify(seeded)}\n`);
    }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      REDIS_URL,
      QUEUE_PREFIX: name,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      EPISODE_REF_KEY: 'bench-episode-key-bench-episode-key-012345',
      STORAGE_DIR: join(dir, 'storage'),
      API_PORT: String(PORT),
      API_HOST: '127.0.0.1',
      API_SQL_COUNT_HEADER: 'true',
      STATEMENT_AUTO_ISSUE: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    };
    const pool = new Pool({ connectionString: dbUrl, max: Math.max(...clientCounts) });
    const rawSelect = async () => {
      await pool.query(
        `SELECT id, number, status, state_code, labeler_code, quarter, issued_on, due_on FROM statement ORDER BY number LIMIT 21`,
      );
      return true;
    };

    /** Commits a write every `ms` (a statement's updated_at: nothing a query shows) while `during` runs. */
    const withChanges = async <T>(ms: number, during: () => Promise<T>): Promise<T> => {
      if (ms <= 0) return during();
      const timer = setInterval(() => {
        void pool.query(`UPDATE statement SET updated_at = now() WHERE id = (SELECT id FROM statement LIMIT 1)`);
      }, ms);
      try {
        return await during();
      } finally {
        clearInterval(timer);
      }
    };

    const run = async (
      label: string,
      counts: number[],
      queryNames: string[],
      setting: { processes: number; cached: boolean },
    ) => {
      const api = start({
        ...env,
        API_PROCESSES: String(setting.processes),
        API_READ_CACHE_MB: setting.cached ? '64' : '0',
      });
      running.push(api);
      await waitReady();
      const login = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($input: LoginInput!) { signIn(input: $input) { token } }',
          variables: { input: { email: 'bench@cms.example.gov', password: 'bench-password-1' } },
        }),
      });
      const token = ((await login.json()) as { data: { signIn: { token: string } } }).data.signIn.token;
      const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...counts) });
      process.stdout.write(`\n## ${label} (Accept-Encoding: ${acceptEncoding})\n\n`);
      process.stdout.write(
        '| query | clients | req/s | p50 ms | p95 ms | p99 ms | SQL/request | cache hits | errors |\n',
      );
      process.stdout.write('|---|---|---|---|---|---|---|---|---|\n');
      for (const queryName of queryNames) {
        const body = JSON.stringify(QUERIES[queryName]);
        const probe = await post(agent, token, body, PORT, true);
        if (probe.status !== 200 || probe.text.includes('"errors"')) {
          throw new Error(`${queryName}: ${probe.status} ${probe.text.slice(0, 500)}`);
        }
        for (const clients of counts) {
          let answers = 0;
          let hits = 0;
          const figures = await withChanges(setting.cached ? changeEveryMs : 0, () =>
            load(clients, seconds, async () => {
              const answer = await post(agent, token, body);
              answers += 1;
              if (answer.cache === 'hit') hits += 1;
              if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
              return true;
            }),
          );
          const hitShare = setting.cached ? `${((100 * hits) / Math.max(answers, 1)).toFixed(1)} %` : 'off';
          process.stdout.write(
            `| ${queryName} | ${clients} | ${fmt(figures.reqPerSec)} | ${fmt(figures.p50)} | ${fmt(figures.p95)} | ${fmt(figures.p99)} | ${probe.sql} | ${hitShare} | ${figures.errors} |\n`,
          );
        }
        if (setting.cached && setting.processes === 1 && queryName !== 'typename') {
          const sent = await post(agent, token, body);
          const bytes = sent.wireBytes;
          const raw = await startRawServer(bytes, sent.encoding);
          try {
            for (const clients of counts) {
              const figures = await load(
                clients,
                seconds,
                async () => (await post(agent, token, body, RAW_PORT)).status === 200,
              );
              process.stdout.write(
                `| ceiling: plain Node HTTP, same ${(bytes / 1024).toFixed(1)} KB body${sent.encoding ? ` (${sent.encoding})` : ''} | ${clients} | ${fmt(figures.reqPerSec)} | ${fmt(figures.p50)} | ${fmt(figures.p95)} | ${fmt(figures.p99)} | 0 | - | ${figures.errors} |\n`,
              );
            }
          } finally {
            await stop(raw);
          }
        }
      }
      if (setting.processes === 1 && !setting.cached) {
        for (const clients of counts) {
          const figures = await load(clients, seconds, rawSelect);
          process.stdout.write(
            `| raw pg SELECT (statements page) | ${clients} | ${fmt(figures.reqPerSec)} | ${fmt(figures.p50)} | ${fmt(figures.p95)} | ${fmt(figures.p99)} | 1 | off | ${figures.errors} |\n`,
          );
        }
      }
      agent.destroy();
      await stop(api);
    };

    const ordered = ['typename', ...names.filter((n) => n !== 'typename')];
    if (options.cache !== 'cached') {
      await run('one API process, every answer computed (API_READ_CACHE_MB=0)', clientCounts, ordered, {
        processes: 1,
        cached: false,
      });
    }
    if (options.cache !== 'computed') {
      const churn = changeEveryMs > 0 ? `, a write committed every ${changeEveryMs} ms` : '';
      await run(`one API process, read cache on${churn}`, clientCounts, ordered, { processes: 1, cached: true });
    }
    if (options.cluster) {
      await run('API_PROCESSES=2 (cluster), read cache on', [Math.max(...clientCounts)], ordered, {
        processes: 2,
        cached: options.cache !== 'computed',
      });
    }
    await pool.end();
  } finally {
    for (const child of running) await stop(child);
    if (!options.keep) await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminClient.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
