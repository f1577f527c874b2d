import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@lib/config';
import { JobQueue } from './job-queue.service';
import { QueueName } from './queue-definitions';

/** Recurring jobs, declared in one place and upserted by the worker at boot (idempotent). */
export const JOB_SCHEDULES = [
  { id: 'purge-login-throttle-hourly', queue: QueueName.MAINTENANCE, job: 'purge-login-throttle', everyMs: 3_600_000 },
  { id: 'sweep-submissions-minutely', queue: QueueName.CLAIM_FILES, job: 'sweep-submissions', everyMs: 60_000 },
  // Behind every claim file waiting in the queue (jobs without a priority go first).
  {
    id: 'roll-up-digest-years-hourly',
    queue: QueueName.CLAIM_FILES,
    job: 'roll-up-digest-years',
    everyMs: 3_600_000,
    priority: 10,
  },
  {
    id: 'sweep-reconciliation-requests-minutely',
    queue: QueueName.RECONCILIATION,
    job: 'sweep-reconciliation-requests',
    everyMs: 60_000,
  },
  { id: 'issue-due-statements-hourly', queue: QueueName.STATEMENTS, job: 'issue-due-statements', everyMs: 3_600_000 },
] as const;

type Schedule = (typeof JOB_SCHEDULES)[number];

/** States in which a scheduler's next job will still run. */
const PENDING_STATES = new Set(['delayed', 'waiting', 'prioritized', 'active', 'waiting-children']);

/**
 * Keeps the recurring jobs alive (README "Security"): upserts every schedule when the worker
 * starts, then every JOB_SCHEDULE_CHECK_SECONDS re-creates any schedule whose scheduler or next
 * job has gone (Redis restarted without persistence, a job deleted by hand), without a restart.
 * Several workers may check at once: an upsert of an existing schedule changes nothing.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<string[]> | null = null;

  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of JOB_SCHEDULES) await this.upsert(schedule);
    this.timer = setInterval(() => void this.checkOnce(), this.config.queue.scheduleCheckSeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Re-creates the schedules found missing; returns their ids. One check at a time. */
  ensureSchedules(): Promise<string[]> {
    this.checking ??= this.recreateMissing().finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    try {
      await this.ensureSchedules();
    } catch (error) {
      // The queue backend is down: the next check tries again.
      this.logger.warn({ err: error }, 'Could not check the recurring jobs');
    }
  }

  private async recreateMissing(): Promise<string[]> {
    const recreated: string[] = [];
    for (const schedule of JOB_SCHEDULES) {
      if (await this.isAlive(this.jobs.queue(schedule.queue), schedule.id)) continue;
      await this.upsert(schedule);
      recreated.push(schedule.id);
    }
    if (recreated.length) this.logger.warn({ schedules: recreated }, 'Recurring jobs were missing and are re-created');
    return recreated;
  }

  private async isAlive(queue: Queue, schedulerId: string): Promise<boolean> {
    const scheduler = await queue.getJobScheduler(schedulerId);
    if (!scheduler?.next) return false;
    const next = await queue.getJob(`repeat:${schedulerId}:${scheduler.next}`);
    return next !== undefined && PENDING_STATES.has(await next.getState());
  }

  private async upsert(schedule: Schedule): Promise<void> {
    await this.jobs
      .queue(schedule.queue)
      .upsertJobScheduler(
        schedule.id,
        { every: schedule.everyMs },
        { name: schedule.job, data: {}, opts: 'priority' in schedule ? { priority: schedule.priority } : {} },
      );
  }
}
