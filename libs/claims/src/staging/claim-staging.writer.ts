import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { SESSION_OPTIONS } from '@lib/database';
import {
  CLAIM_DIAGNOSIS_COPY_COLUMNS,
  CLAIM_HEADER_COPY_COLUMNS,
  CLAIM_LINE_COPY_COLUMNS,
  claimDiagnosisCopyValues,
  claimHeaderCopyValues,
  claimLineCopyValues,
  CopyTextBuffer,
  RECORD_PROBLEM_COPY_COLUMNS,
  recordProblemCopyValues,
  STRAGGLER_COPY_COLUMNS,
  stragglerCopyValues,
  toCopyLine,
  type ClaimFileSink,
  type CopyValue,
  type SinkResult,
} from '../parsing';

/** How the staging COPY sessions are named in pg_stat_activity. */
export const STAGING_APPLICATION_NAME = 'cgt-claim-staging';

/** One COPY ... FROM STDIN into a staging table, every row prefixed with the submission id. */
class StagingCopy {
  private readonly stream: Writable;
  private readonly buffer: CopyTextBuffer;
  private failure: Error | null = null;
  private readonly prefix: string;

  constructor(client: Client, table: string, columns: readonly string[], submissionId: string) {
    this.stream = client.query(copyFrom(`COPY ${table} (submission_id, ${columns.join(', ')}) FROM STDIN`));
    // Without a listener a failed COPY would crash the worker; the failure surfaces in push/finish.
    this.stream.on('error', (error: Error) => (this.failure ??= error));
    this.buffer = new CopyTextBuffer(this.stream, 256 * 1024);
    this.prefix = `${submissionId}\t`;
  }

  push(values: CopyValue[]): SinkResult {
    this.check();
    return this.buffer.push(this.prefix + toCopyLine(values));
  }

  async finish(): Promise<void> {
    this.check();
    await this.buffer.finish();
    this.check();
  }

  private check(): void {
    if (this.failure !== null) throw this.failure;
  }
}

/**
 * The reader's sink: headers, CGT lines, relevant diagnoses, stragglers and record problems go
 * to the UNLOGGED staging tables with COPY (design-notes "Load"), one connection per table since
 * a connection runs one COPY at a time. The reader awaits the returned promises (backpressure).
 */
export class ClaimStagingWriter {
  private constructor(
    private readonly clients: Client[],
    private readonly copies: {
      header: StagingCopy;
      line: StagingCopy;
      diagnosis: StagingCopy;
      straggler: StagingCopy;
      problem: StagingCopy;
    },
  ) {}

  static async open(databaseUrl: string, submissionId: string): Promise<ClaimStagingWriter> {
    const clients = Array.from(
      { length: 5 },
      () =>
        new Client({
          connectionString: databaseUrl,
          application_name: STAGING_APPLICATION_NAME,
          options: SESSION_OPTIONS,
        }),
    );
    try {
      await Promise.all(clients.map((c) => c.connect()));
    } catch (error) {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      throw error;
    }
    const [h, l, d, s, p] = clients;
    return new ClaimStagingWriter(clients, {
      header: new StagingCopy(h, 'claim_stage_header', CLAIM_HEADER_COPY_COLUMNS, submissionId),
      line: new StagingCopy(l, 'claim_stage_line', CLAIM_LINE_COPY_COLUMNS, submissionId),
      diagnosis: new StagingCopy(d, 'claim_stage_diagnosis', CLAIM_DIAGNOSIS_COPY_COLUMNS, submissionId),
      straggler: new StagingCopy(s, 'claim_stage_straggler', STRAGGLER_COPY_COLUMNS, submissionId),
      problem: new StagingCopy(p, 'claim_stage_problem', RECORD_PROBLEM_COPY_COLUMNS, submissionId),
    });
  }

  /** The sink for readClaimFile; `fileHeader` is the caller's. */
  sink(fileHeader: ClaimFileSink['fileHeader']): ClaimFileSink {
    const c = this.copies;
    return {
      fileHeader,
      claimHeader: (row) => c.header.push(claimHeaderCopyValues(row)),
      line: (row) => c.line.push(claimLineCopyValues(row)),
      diagnosis: (row) => c.diagnosis.push(claimDiagnosisCopyValues(row)),
      straggler: (row) => c.straggler.push(stragglerCopyValues(row)),
      problem: (problem) => c.problem.push(recordProblemCopyValues(problem)),
    };
  }

  /** Ends every COPY (the rows are then in staging) and closes the connections. */
  async finish(): Promise<void> {
    try {
      await Promise.all(Object.values(this.copies).map((copy) => copy.finish()));
    } finally {
      await this.close();
    }
  }

  /** Gives up: the connections close, a COPY in flight is aborted by the server. */
  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => undefined)));
  }
}
