import { Logger } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { RequestContext, withoutDatabaseValues } from '@lib/common';
import type { JobName, QueueName } from './queue-definitions';

/** A handler gets the job and its lock token (needed to move the job to the delayed set). */
export type JobHandlers<Q extends QueueName> = {
  [N in JobName<Q>]: (job: Job, token?: string) => Promise<unknown>;
};

/**
 * Base of every processor: dispatches by job name to a declared handler, runs it with the job id
 * in the log context, and refuses unknown job names without retrying them.
 */
export abstract class JobProcessor<Q extends QueueName> extends WorkerHost {
  abstract readonly queueName: Q;
  protected abstract readonly handlers: JobHandlers<Q>;
  protected readonly logger = new Logger(this.constructor.name);

  handledJobs(): string[] {
    return Object.keys(this.handlers);
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const handler = (this.handlers as Record<string, (job: Job, token?: string) => Promise<unknown>>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job ${this.queueName}/${job.name}`);
    return RequestContext.run({ jobId: `${this.queueName}:${job.id ?? '?'}`, queue: this.queueName }, async () => {
      const started = Date.now();
      this.logger.log({ job: job.name, attempt: job.attemptsMade + 1 }, 'Job started');
      try {
        const result = await handler.call(this, job, token);
        this.logger.log({ job: job.name, ms: Date.now() - started }, 'Job completed');
        return result;
      } catch (error) {
        // A job that moved itself to the delayed set is waiting, not failing.
        if (error instanceof DelayedError) throw error;
        this.logger.warn({ job: job.name, ms: Date.now() - started, err: error }, 'Job failed');
        // BullMQ stores the message in Redis as the job's failure reason: no statement values there.
        throw withoutDatabaseValues(error);
      }
    });
  }
}
