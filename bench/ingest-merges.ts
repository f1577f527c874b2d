import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createMigrationDataSource } from '@lib/database';
import { DigestYearRollUps } from '../libs/claims/src/digest-year-roll-ups.service';
import { round } from './bench-options';

/** When the bench runs the merge: beside the next month's loads, or in a quiet moment between months. */
export type MergeTiming = 'beside' | 'between';

/**
 * `bench:ingest --months N --merge-closed-years [beside|between]`: after each month's files, the
 * merge of closed years of digests the worker's hourly job runs (the job's own code, `rollUpDue`),
 * so that a program of months shows what the merge costs the loads and what it saves the later
 * files. `beside` (the default) starts it as the next month's files are generated and uploaded:
 * it gives way to a file that starts loading (README "Closed years of digests"), until its year is overdue.
 * `between` runs it before the next month's uploads, as the hourly job finds a platform between
 * monthly files. One run at a time: a run started while one is going waits for it, as the hourly
 * job's runs do.
 */
export class ClosedYearMerges {
  private running: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  private constructor(private readonly dataSource: DataSource) {}

  static async open(databaseUrl: string): Promise<ClosedYearMerges> {
    // The service logs each merged year; the bench prints its own line for each run instead.
    Logger.overrideLogger(['warn', 'error']);
    return new ClosedYearMerges(await createMigrationDataSource(databaseUrl).initialize());
  }

  /** Runs the merge after the files of `month`, `beside` the next month's or `between` (awaited). */
  async after(month: string, timing: MergeTiming): Promise<void> {
    this.start(month);
    if (timing === 'between') await this.running;
  }

  /** Starts a run after the files of `month`; prints a line for each run that merged or left years waiting. */
  private start(month: string): void {
    this.running = this.running.then(async () => {
      const started = Date.now();
      try {
        const { years, waiting } = await new DigestYearRollUps(this.dataSource).rollUpDue();
        if (years.length === 0 && waiting.length === 0) return;
        const merged = years.map((y) => ({
          partition: y.partition,
          year: y.year,
          digests: y.digests,
          copy_and_key_s: round(y.copyMs / 1000, 2),
          under_state_lock_s: round(y.lockedMs / 1000, 2),
        }));
        const seconds = round((Date.now() - started) / 1000, 2);
        process.stdout.write(`${JSON.stringify({ merge_after: month, seconds, merged, waiting })}\n`);
      } catch (error) {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      }
    });
  }

  /** Waits for the last run; a run that failed fails the bench here. */
  async close(): Promise<void> {
    await this.running;
    await this.dataSource.destroy();
    if (this.failure) throw this.failure;
  }
}
