import type { AppConfig } from '@lib/config';
import { processEnvironment, startAppProcess, type AppProcess } from './app-process';
import { WAIT_LIMIT_MS } from '../test-config';

export type WorkerProcess = AppProcess;

/**
 * The real worker as a separate process (its own event loop and connections), running the
 * TypeScript sources, for tests that must kill it (`kill -9`) in the middle of a job.
 */
export function startWorkerProcess(
  config: AppConfig,
  timeoutMs = WAIT_LIMIT_MS,
  extra: Record<string, string> = {},
): Promise<WorkerProcess> {
  return startAppProcess('worker', processEnvironment(config, extra), /worker: ready/, timeoutMs);
}
