import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@lib/common';
import { pendingMigrations } from '@lib/database';
import { ALL_QUEUES, JobQueue } from '@lib/queue';

interface Check {
  ok: boolean;
  detail?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

async function check(fn: () => Promise<string | undefined>): Promise<Check> {
  try {
    const detail = await fn();
    return detail === undefined ? { ok: true } : { ok: true, detail };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Liveness and readiness for orchestrators and the demo script. */
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  @Public()
  @Get()
  @HttpCode(200)
  alive(): { status: string } {
    return { status: 'ok' };
  }

  /** Postgres reachable, every migration applied, the queue backend reachable. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<{ status: string; checks: Record<string, Check> }> {
    const checks = {
      database: await check(async () => {
        await withTimeout(this.dataSource.query('SELECT 1'), 3000, 'Postgres');
        return undefined;
      }),
      migrations: await check(async () => {
        const pending = await withTimeout(pendingMigrations(this.dataSource), 3000, 'Postgres');
        if (pending.length) throw new Error(`pending migrations: ${pending.join(', ')} (run npm run migration:run)`);
        return undefined;
      }),
      queues: await check(async () => {
        await withTimeout(
          Promise.all(ALL_QUEUES.map((q) => this.jobs.queue(q).getJobCounts('waiting'))),
          3000,
          'Queue backend',
        );
        return undefined;
      }),
    };
    const ok = Object.values(checks).every((c) => c.ok);
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}
