import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '@lib/config';
import { WAIT_LIMIT_MS } from '../test-config';

const ROOT = join(__dirname, '..', '..', '..', '..');
const REGISTER = join(__dirname, 'ts-register.js');

export interface AppProcess {
  child: ChildProcess;
  /** Output so far (stdout and stderr). */
  output(): string;
  /** SIGKILL, as a crash would; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop); resolves when the process is gone. */
  stop(): Promise<void>;
}

/** The environment a test's config stands for, as a separate process reads it. */
export function processEnvironment(config: AppConfig, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATABASE_URL: config.database.url,
    QUEUE_BACKEND: config.queue.backend,
    REDIS_URL: config.queue.redisUrl ?? undefined,
    QUEUE_PREFIX: config.queue.prefix,
    BULLMQ_PG_SCHEMA: config.queue.postgresSchema,
    JWT_SECRET: config.auth.jwtSecret,
    EPISODE_REF_KEY: config.episodeRefKey,
    STORAGE_DIR: config.storageDir,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Runs one of the apps' TypeScript entry points (`apps/<app>/src/main.ts`) with the given arguments. */
function spawnApp(app: 'api' | 'worker' | 'cli', args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['-r', REGISTER, join(ROOT, 'apps', app, 'src', 'main.ts'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts a long-running app and waits until its output says it is ready. */
export async function startAppProcess(
  app: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = WAIT_LIMIT_MS,
): Promise<AppProcess> {
  const child = spawnApp(app, [], env);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!ready.test(text)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${app} process did not start:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { child, output: () => text, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

/** The real API as a separate process on a free port of 127.0.0.1. */
export async function startApiProcess(
  config: AppConfig,
  extra: Record<string, string> = {},
): Promise<AppProcess & { url: string }> {
  const env = processEnvironment(config, { API_HOST: '127.0.0.1', API_PORT: '0', ...extra });
  const api = await startAppProcess('api', env, /api: listening on http:\/\/[\d.]+:\d+/);
  const [url] = /http:\/\/[\d.]+:\d+/.exec(api.output()) ?? [''];
  return { ...api, url };
}

/** Runs the CLI to completion: its exit code and everything it printed. */
export function runCliProcess(
  args: string[],
  config: AppConfig,
  extra: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawnApp('cli', args, processEnvironment(config, extra));
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output: text })));
}
