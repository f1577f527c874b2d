import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClaimSubmissionsService } from '@lib/claims';
import type { Actor } from '@lib/common';
import { generateClaimFile, type ClaimFileType } from '../../../../scripts/gen-claims/claim-file-generator';

/** A few months of generated files for several states (the demo shows results at once). */
export const DEMO_CLAIM_STATES = ['NY', 'TX', 'CA'];
export const DEMO_CLAIM_MONTHS = [
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
];
const RECORDS_PER_FILE = 4000;
const SEED = 7;

interface DemoFile {
  state: string;
  type: ClaimFileType;
  month: string;
}

/** Outpatient then inpatient, month by month, per state; plus Georgia (not in the model). */
export function demoClaimFiles(): DemoFile[] {
  const files: DemoFile[] = [];
  for (const month of DEMO_CLAIM_MONTHS) {
    for (const state of DEMO_CLAIM_STATES) {
      files.push({ state, type: 'CLAIMOT', month }, { state, type: 'CLAIMIP', month });
    }
  }
  files.push({ state: 'GA', type: 'CLAIMOT', month: '2026-03' });
  return files;
}

/**
 * Generates the demo's claim files and submits them through the same service as the HTTP
 * endpoint; the running worker validates, loads and reconciles them in order of receipt.
 */
@Injectable()
export class DemoClaimsSeeder {
  private readonly logger = new Logger(DemoClaimsSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly submissions: ClaimSubmissionsService,
  ) {}

  async seed(
    coordinator: Actor,
    directory: string,
    progress: (line: string) => void = () => undefined,
    timeoutMs = 300_000,
  ): Promise<void> {
    const ids: string[] = [];
    const files = demoClaimFiles();
    for (const file of files) {
      const generated = await generateClaimFile({
        ...file,
        records: RECORDS_PER_FILE,
        seed: SEED,
        out: join(directory, `${file.state}-${file.type}-${file.month}.txt`),
      });
      const received = await this.submissions.receive(coordinator, {
        stateCode: file.state,
        fileName: `${file.state}-${file.type}-${file.month}.txt`,
        body: createReadStream(generated.path),
      });
      ids.push(received.submission.id);
      if (ids.length % 10 === 0 || ids.length === files.length) {
        progress(`claim files: generated and submitted ${ids.length} of ${files.length}`);
      }
    }
    this.logger.log(`Submitted ${ids.length} generated claim files; waiting for the worker`);
    const deadline = Date.now() + timeoutMs;
    let reported = -1;
    for (;;) {
      const rows = await this.dataSource.query<{ status: string; n: number }[]>(
        `SELECT status, count(*)::int AS n FROM claim_submission WHERE id = ANY($1::uuid[]) GROUP BY status`,
        [ids],
      );
      const open = rows
        .filter((r) => !['COMPLETED', 'REJECTED', 'FAILED'].includes(r.status))
        .reduce((n, r) => n + r.n, 0);
      const done = ids.length - open;
      if (done !== reported && (done === ids.length || done - reported >= 5)) {
        progress(`claim files: the worker has processed ${done} of ${ids.length}`);
        reported = done;
      }
      if (open === 0) {
        this.logger.log(`Claim files processed: ${rows.map((r) => `${r.n} ${r.status}`).join(', ')}`);
        return;
      }
      if (Date.now() > deadline) throw new Error(`${open} demo claim files still in progress after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
