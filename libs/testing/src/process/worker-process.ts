import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '@lib/config';

const ROOT = join(__dirname, '..', '..', '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  /** Output so far (stdout and stderr). */
  output(): string;
  /** SIGKILL, as a crash would; resolves when the process is gone. */
  kill(): Promise<void>;
}

/**
 * The real worker as a separate process (its own event loop and connections), running the
 * TypeScript sources, for tests that must kill it (`kill -9`) in the middle of a job.
 */
export async function startWorkerProcess(config: AppConfig, timeoutMs = 30_000): Promise<WorkerProcess> {
  const env: NodeJS.ProcessEnv = {
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
  };
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, 'ts-register.js'), join(ROOT, 'apps', 'worker', 'src', 'main.ts')],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!text.includes('worker: ready')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`worker process did not start:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => text,
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
