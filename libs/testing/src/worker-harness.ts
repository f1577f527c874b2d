import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import type { AppConfig } from '@lib/config';
import { type JobQueue, type QueueName } from '@lib/queue';
import { WAIT_LIMIT_MS } from './test-config';

export interface RunningWorker {
  context: INestApplicationContext;
  close(): Promise<void>;
}

/**
 * The real worker module (processors, queues, coverage check) in this process, logging as
 * apps/worker/src/main.ts does (to the test file's log, test-config.ts).
 */
export async function startWorker(config: AppConfig): Promise<RunningWorker> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  context.useLogger(context.get(Logger));
  await context.init();
  return { context, close: () => context.close() };
}

/** Polls a job until it completes or fails (works on both queue backends). */
export async function waitForJob(
  jobs: JobQueue,
  queue: QueueName,
  jobId: string,
  timeoutMs = WAIT_LIMIT_MS,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await jobs.queue(queue).getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    // Re-read once finished: the job read above may predate its completion (no return value yet).
    if (job && (state === 'completed' || state === 'failed')) return (await jobs.queue(queue).getJob(jobId)) ?? job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Job ${queue}/${jobId} did not finish within ${timeoutMs} ms`);
}
