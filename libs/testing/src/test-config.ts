import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type AppConfig, loadConfig } from '@lib/config';
import { uniqueName } from './postgres-admin';

const ROOT = join(__dirname, '..', '..', '..');

/** The app logs of a Jest run (emptied by its global setup). */
export const TEST_LOGS_DIR = join(ROOT, 'var', 'test-logs');

/**
 * Where the apps a test file starts in its own process log (errors by default): one file per test
 * file under var/test-logs, named after its path, so a failure that says only "Internal server
 * error (error id ...)" can be looked up. `.ci/run` prints the logs of the files that failed.
 */
export function testLogFile(): string {
  const testPath = typeof expect === 'undefined' ? undefined : expect.getState().testPath;
  const name = testPath ? relative(ROOT, testPath).replace(/[/\\]/g, '__') : `pid-${process.pid}`;
  return join(TEST_LOGS_DIR, `${name}.log`);
}

/**
 * Configuration for one test file: its own database, its own Redis key prefix and storage
 * directory, so parallel runs never collide.
 */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: uniqueName('cgt_q'),
    BULLMQ_PG_SCHEMA: 'bullmq',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    EPISODE_REF_KEY: 'test-episode-key-test-episode-key-0123456789',
    STORAGE_DIR: mkdtempSync(join(tmpdir(), 'cgt-storage-')),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    LOG_FILE: testLogFile(),
    API_PORT: '0',
    ...overrides,
  });
}

/**
 * How long a test waits for something that will happen (a process ready, a file COMPLETED, a job
 * finished): a limit only for what never will, minutes above the work on a slow, busy machine,
 * so that a verdict never depends on machine speed (jest.config.js "testTimeout" likewise).
 */
export const WAIT_LIMIT_MS = 300_000;
