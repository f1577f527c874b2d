import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { digestStatePartitions, rollUpDigestYears, type YearRolledUp } from './staging/digest-years';

/**
 * The hourly merge of closed years of claim digests (job claim-files/roll-up-digest-years;
 * libs/claims/src/staging/digest-years.ts): each state partition in a transaction of its own,
 * whose last step holds the lock the state's loads take (a load of that state waits for that
 * step, no other state's load waits at all).
 */
@Injectable()
export class DigestYearRollUps {
  private readonly logger = new Logger(DigestYearRollUps.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Merges what is due in every state partition. One that fails (its transaction rolled back,
   * nothing changed) does not stop the others; the job then fails naming it, and its retry finds
   * the others done.
   */
  async rollUpDue(): Promise<{ partitions: number; years: YearRolledUp[] }> {
    const parents = await digestStatePartitions(this.dataSource.manager);
    const years: YearRolledUp[] = [];
    const failed: string[] = [];
    for (const parent of parents) {
      try {
        const rolled = await this.dataSource.transaction((manager) => rollUpDigestYears(manager, parent));
        for (const year of rolled) {
          this.logger.log({ ...year }, 'Closed year of claim digests merged into one partition');
        }
        years.push(...rolled);
      } catch (error) {
        this.logger.warn({ partition: parent, err: error }, 'Closed years of claim digests not merged');
        failed.push(parent);
      }
    }
    if (failed.length > 0) {
      throw new Error(`Closed years of claim digests could not be merged in ${failed.join(', ')} (see the worker log)`);
    }
    return { partitions: parents.length, years };
  }
}
