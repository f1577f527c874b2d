import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { yearsToMergeNow } from './staging/digest-years.rules';
import {
  attachDigestYears,
  claimFilesLoading,
  copyDigestYears,
  digestPartitions,
  digestStatePartitions,
  type YearRolledUp,
} from './staging/digest-years.sql';
import { GaveWayToLoads, givingWayToLoads } from './staging/give-way-to-loads';

/**
 * How long one run of the job may go on starting state partitions: a year of 4M-record files
 * takes about 20 s to merge (README "Closed years of digests"), so ten minutes is some thirty
 * such years, and the other claim-file slot keeps loading files meanwhile.
 */
export const DIGEST_YEAR_MERGE_BUDGET_MS = 10 * 60_000;

/** Closed years of a state partition left for a later run because claim files were loading. */
export interface YearsWaiting {
  readonly partition: string;
  readonly years: number[];
}

/**
 * The hourly merge of closed years of claim digests (job claim-files/roll-up-digest-years;
 * libs/claims/src/staging/digest-years.sql.ts): each state partition in a transaction of its own,
 * whose last step holds the lock the state's loads take (a load of that state waits for that
 * step, no other state's load waits at all). It gives way to claim files, since its copy would
 * take cores from their loads: the job's priority puts it behind every file waiting in the queue;
 * a year found while a file is loading waits for a later run; a copy under way when a file starts
 * loading is cancelled and rolled back (givingWayToLoads), its years waiting too. An overdue year
 * (yearsToMergeNow) merges whatever runs.
 */
@Injectable()
export class DigestYearRollUps {
  private readonly logger = new Logger(DigestYearRollUps.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Merges what is due in every state partition, in name order, starting no partition once
   * `budgetMs` has passed (the rest wait for the next run, an hour later): after this migration
   * reaches a database with years of month partitions, every state's closed years are due at
   * once, and one run would hold a claim-file slot for hours. A partition that fails (its
   * transaction rolled back, nothing changed) does not stop the others; the job then fails
   * naming it, and its retry finds the others done.
   */
  async rollUpDue(
    budgetMs = DIGEST_YEAR_MERGE_BUDGET_MS,
  ): Promise<{ partitions: number; deferred: number; waiting: YearsWaiting[]; years: YearRolledUp[] }> {
    const started = Date.now();
    const parents = await digestStatePartitions(this.dataSource.manager);
    const years: YearRolledUp[] = [];
    const waiting: YearsWaiting[] = [];
    const failed: string[] = [];
    let visited = 0;
    for (const parent of parents) {
      if (visited > 0 && Date.now() - started >= budgetMs) break;
      visited++;
      let merging: number[] = [];
      try {
        const outcome = await this.dataSource.transaction(async (manager) => {
          const now = yearsToMergeNow(await digestPartitions(manager, parent), await claimFilesLoading(manager));
          merging = now.merge;
          if (now.merge.length === 0) return { waiting: now.waiting, rolled: [] };
          const copy = () => copyDigestYears(manager, parent, now.merge);
          const tables = now.givesWay ? await givingWayToLoads(this.dataSource, manager, copy) : await copy();
          return { waiting: now.waiting, rolled: await attachDigestYears(manager, parent, tables) };
        });
        for (const year of outcome.rolled) {
          this.logger.log({ ...year }, 'Closed year of claim digests merged into one partition');
        }
        years.push(...outcome.rolled);
        if (outcome.waiting.length) waiting.push({ partition: parent, years: outcome.waiting });
      } catch (error) {
        if (error instanceof GaveWayToLoads) {
          // Rolled back: the years wait for a later run, as if the load had been running at the start.
          waiting.push({ partition: parent, years: merging });
          continue;
        }
        this.logger.warn({ partition: parent, err: error }, 'Closed years of claim digests not merged');
        failed.push(parent);
      }
    }
    if (waiting.length > 0) {
      this.logger.log({ waiting }, 'Closed years of claim digests wait for a run without claim files loading');
    }
    const deferred = parents.length - visited;
    if (deferred > 0) {
      this.logger.log({ deferred, budgetMs }, 'Time budget of the merge of closed years spent; the rest waits');
    }
    if (failed.length > 0) {
      throw new Error(`Closed years of claim digests could not be merged in ${failed.join(', ')} (see the worker log)`);
    }
    return { partitions: parents.length, deferred, waiting, years };
  }
}
