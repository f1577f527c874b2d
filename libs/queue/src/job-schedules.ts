import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from './job-queue.service';
import { QueueName } from './queue-definitions';

/** Recurring jobs, declared in one place and upserted by the worker at boot (idempotent). */
export const JOB_SCHEDULES = [
  { id: 'purge-login-throttle-hourly', queue: QueueName.MAINTENANCE, job: 'purge-login-throttle', everyMs: 3_600_000 },
  { id: 'sweep-submissions-minutely', queue: QueueName.CLAIM_FILES, job: 'sweep-submissions', everyMs: 60_000 },
  {
    id: 'sweep-reconciliation-requests-minutely',
    queue: QueueName.RECONCILIATION,
    job: 'sweep-reconciliation-requests',
    everyMs: 60_000,
  },
  { id: 'issue-due-statements-hourly', queue: QueueName.STATEMENTS, job: 'issue-due-statements', everyMs: 3_600_000 },
] as const;

@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of JOB_SCHEDULES) {
      await this.jobs
        .queue(schedule.queue)
        .upsertJobScheduler(schedule.id, { every: schedule.everyMs }, { name: schedule.job, data: {} });
    }
  }
}
