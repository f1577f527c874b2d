import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import type { JobData, JobName, QueueName } from './queue-definitions';

/**
 * Typed enqueueing. Callers enqueue after their transaction commits (style.md habit 7) and pass
 * a deterministic job id, so a repeated enqueue of the same work is a no-op.
 */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    data: JobData<Q, N>,
    options: JobsOptions & { jobId: string },
  ): Promise<void> {
    await this.queue(queue).add(name, data, options);
  }
}
