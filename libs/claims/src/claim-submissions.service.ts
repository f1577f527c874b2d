import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { basename } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import {
  csvChunks,
  forbidden,
  paginateQuery,
  Role,
  type Actor,
  type ConnectionShape,
  type CsvColumn,
  type PageArgs,
} from '@lib/common';
import { AppConfig } from '@lib/config';
import { queryBatches } from '@lib/database';
import { JobQueue, QueueName } from '@lib/queue';
import { ClaimFileStorage } from './claim-file-storage.service';
import { claimReadState } from './claim-read-scope';
import { ClaimSubmissionEntity, SubmissionStatus } from './claim-submission.entity';
import { ClaimsError, ClaimsErrorCode } from './claims.errors';
import { ReconciliationExceptionEntity } from './reconciliation-exception.entity';
import { RecordProblemEntity } from './record-problem.entity';

export interface ReceiveClaimFileCommand {
  /** USPS code of the state the file is submitted for. */
  stateCode: string;
  fileName?: string | null;
  /** The file's bytes (raw or gzip); streamed to storage, never buffered. */
  body: Readable;
  /** Upper bound for this channel (the GraphQL upload has a smaller one). */
  maxBytes?: number;
}

export interface ReceivedClaimFile {
  submission: ClaimSubmissionEntity;
  /** False when the same bytes from the same state had been received before. */
  created: boolean;
  /** The earlier submission answered when the same bytes came again (a FAILED one retried is not a repeat). */
  duplicateOf: string | null;
}

export interface SubmissionFilter {
  stateCode?: string;
  status?: SubmissionStatus;
}

/** CSV downloads: columns a state analyst needs to fix the file. */
interface ProblemCsvRow {
  position: string;
  line: string | null;
  record_number: string | null;
  record_id: string | null;
  icn_orig: string | null;
  field_number: number | null;
  field_name: string | null;
  value: string | null;
  reason: string;
  message: string;
}
const PROBLEMS_SQL = `SELECT position, line, record_number, record_id, icn_orig, field_number, field_name, value, reason, message
    FROM record_problem WHERE submission_id = $1 ORDER BY position, id`;
const PROBLEMS_CSV: CsvColumn<ProblemCsvRow>[] = [
  { header: 'position', kind: 'number', value: (r) => r.position },
  { header: 'line', kind: 'number', value: (r) => r.line },
  { header: 'record_number', kind: 'number', value: (r) => r.record_number },
  { header: 'record_id', kind: 'text', value: (r) => r.record_id },
  { header: 'icn_orig', kind: 'text', value: (r) => r.icn_orig },
  { header: 'field_number', kind: 'number', value: (r) => r.field_number },
  { header: 'field_name', kind: 'text', value: (r) => r.field_name },
  { header: 'value', kind: 'text', value: (r) => r.value },
  { header: 'reason_code', kind: 'text', value: (r) => r.reason },
  { header: 'reason', kind: 'text', value: (r) => r.message },
];

interface ExceptionCsvRow {
  code: string;
  record_number: string | null;
  position: string | null;
  icn_orig: string | null;
  icn_adj: string | null;
  field_name: string | null;
  reason: string;
}
const EXCEPTIONS_SQL = `SELECT code, record_number, position, icn_orig, icn_adj, field_name, reason
    FROM reconciliation_exception WHERE submission_id = $1 ORDER BY id`;
const EXCEPTIONS_CSV: CsvColumn<ExceptionCsvRow>[] = [
  { header: 'code', kind: 'text', value: (r) => r.code },
  { header: 'record_number', kind: 'number', value: (r) => r.record_number },
  { header: 'position', kind: 'number', value: (r) => r.position },
  { header: 'icn_orig', kind: 'text', value: (r) => r.icn_orig },
  { header: 'icn_adj', kind: 'text', value: (r) => r.icn_adj },
  { header: 'field_name', kind: 'text', value: (r) => r.field_name },
  { header: 'reason', kind: 'text', value: (r) => r.reason },
];

/** Receiving claim files and reading what became of them. */
@Injectable()
export class ClaimSubmissionsService {
  private readonly logger = new Logger(ClaimSubmissionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: ClaimFileStorage,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Stores the file, then records the submission (RECEIVED) with its audit row in one
   * transaction and enqueues its processing after the commit. The same bytes from the same
   * state return the earlier submission (profile "Repeats are harmless").
   */
  async receive(actor: Actor, command: ReceiveClaimFileCommand): Promise<ReceivedClaimFile> {
    const stateCode = command.stateCode.toUpperCase();
    this.checkMaySubmit(actor, stateCode);
    await this.checkKnownState(stateCode);
    const stored = await this.storage.store(command.body, command.maxBytes);
    const fileName = cleanFileName(command.fileName);
    const result = await this.dataSource.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO claim_submission
           (state_code, file_sha256, byte_size, original_file_name, storage_path, submitted_by, status, total_bytes)
         VALUES ($1, $2, $3, $4, $5, $6, 'RECEIVED', $3)
         ON CONFLICT (state_code, file_sha256) DO NOTHING
         RETURNING id`,
        [stateCode, stored.sha256, stored.byteSize, fileName, stored.storagePath, actor.userId],
      );
      if (inserted.length === 0) {
        const earlier = await manager.findOneOrFail(ClaimSubmissionEntity, {
          where: { stateCode, fileSha256: stored.sha256 },
          lock: { mode: 'pessimistic_write' },
        });
        if (earlier.status !== SubmissionStatus.FAILED) {
          return { submission: earlier, created: false, duplicateOf: earlier.id };
        }
        // FAILED is the platform's fault, not the file's: sending the same bytes again retries it.
        earlier.status = SubmissionStatus.RECEIVED;
        earlier.finishedAt = null;
        earlier.updatedAt = new Date();
        await manager.save(earlier);
        await this.audit.record(manager, actor, {
          action: 'claim-submission.retried',
          entityType: 'ClaimSubmission',
          entityId: earlier.id,
          before: { status: SubmissionStatus.FAILED, lastFailureReason: earlier.lastFailureReason },
          after: { status: SubmissionStatus.RECEIVED },
          stateCode,
        });
        return { submission: earlier, created: true, duplicateOf: null };
      }
      const submission = await manager.findOneByOrFail(ClaimSubmissionEntity, { id: inserted[0].id });
      await this.audit.record(manager, actor, {
        action: 'claim-submission.received',
        entityType: 'ClaimSubmission',
        entityId: submission.id,
        after: {
          stateCode,
          fileSha256: stored.sha256,
          byteSize: stored.byteSize,
          originalFileName: fileName,
          receiptSeq: submission.receiptSeq,
        },
        stateCode,
      });
      return { submission, created: true, duplicateOf: null };
    });
    if (result.created) {
      await this.enqueueAfterReceipt(result.submission.id);
      this.logger.log({ submissionId: result.submission.id, stateCode, bytes: stored.byteSize }, 'Claim file received');
    }
    return result;
  }

  /**
   * Enqueues processing; the job id is the submission id, so a repeated enqueue is a no-op while
   * the job waits or runs. A finished job of that id is revived (a failed one retried).
   */
  async enqueue(submissionId: string): Promise<void> {
    const job = await this.jobs.queue(QueueName.CLAIM_FILES).getJob(submissionId);
    const state = job ? await job.getState() : 'missing';
    if (job && state === 'failed') return job.retry();
    if (job && state === 'completed') await job.remove();
    await this.jobs.enqueue(QueueName.CLAIM_FILES, 'process-submission', { submissionId }, { jobId: submissionId });
  }

  /**
   * The file is stored and the submission RECEIVED whatever the queue does next: an unreachable
   * queue (Redis down) costs the uploader CLAIM_ENQUEUE_TIMEOUT_MS, not a hung request, and the
   * worker's sweep enqueues the submission once the queue is back. The
   * enqueue left running may still land later; the job id makes that harmless.
   */
  private async enqueueAfterReceipt(submissionId: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.claims.enqueueTimeoutMs);
    });
    const enqueued = this.enqueue(submissionId).then(() => 'enqueued' as const);
    try {
      if ((await Promise.race([enqueued, timeout])) === 'timeout') {
        enqueued.catch(() => undefined);
        this.logger.warn({ submissionId }, 'The queue did not answer in time; the sweep will enqueue the submission');
      }
    } catch (error) {
      this.logger.warn({ submissionId, err: error }, 'Could not enqueue the submission; the sweep will');
    } finally {
      clearTimeout(timer);
    }
  }

  async list(actor: Actor, filter: SubmissionFilter, page: PageArgs): Promise<ConnectionShape<ClaimSubmissionEntity>> {
    const qb = this.dataSource.getRepository(ClaimSubmissionEntity).createQueryBuilder('s');
    const ownState = claimReadState(actor);
    if (ownState) qb.andWhere('s.state_code = :ownState', { ownState });
    if (filter.stateCode) qb.andWhere('s.state_code = :stateCode', { stateCode: filter.stateCode.toUpperCase() });
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    return paginateQuery(qb, page, { columns: ['s.receipt_seq'], valuesOf: (s) => [s.receiptSeq], direction: 'DESC' });
  }

  /** One submission; outside the actor's scope it does not exist (NOT_FOUND). */
  async get(actor: Actor, id: string): Promise<ClaimSubmissionEntity> {
    const ownState = claimReadState(actor);
    const submission = await this.dataSource.getRepository(ClaimSubmissionEntity).findOneBy({ id });
    if (!submission || (ownState && submission.stateCode !== ownState)) {
      throw new ClaimsError(ClaimsErrorCode.SUBMISSION_NOT_FOUND, `Claim submission ${id} was not found`);
    }
    return submission;
  }

  async problems(
    actor: Actor,
    input: { submissionId: string; reason?: string },
    page: PageArgs,
  ): Promise<ConnectionShape<RecordProblemEntity>> {
    await this.get(actor, input.submissionId);
    const qb = this.dataSource
      .getRepository(RecordProblemEntity)
      .createQueryBuilder('p')
      .where('p.submission_id = :id', { id: input.submissionId });
    if (input.reason) qb.andWhere('p.reason = :reason', { reason: input.reason });
    return paginateQuery(qb, page, {
      columns: ['p.position', 'p.id'],
      valuesOf: (p) => [p.position, Number(p.id)],
    });
  }

  async exceptions(
    actor: Actor,
    input: { submissionId: string; code?: string },
    page: PageArgs,
  ): Promise<ConnectionShape<ReconciliationExceptionEntity>> {
    await this.get(actor, input.submissionId);
    const qb = this.dataSource
      .getRepository(ReconciliationExceptionEntity)
      .createQueryBuilder('e')
      .where('e.submission_id = :id', { id: input.submissionId });
    if (input.code) qb.andWhere('e.code = :code', { code: input.code });
    return paginateQuery(qb, page, { columns: ['e.id'], valuesOf: (e) => [Number(e.id)] });
  }

  /** Streams the record problems as CSV (a cursor, batch by batch: constant memory for any size). */
  async writeProblemsCsv(actor: Actor, submissionId: string, out: Writable): Promise<void> {
    await this.get(actor, submissionId);
    await this.streamCsv(PROBLEMS_CSV, PROBLEMS_SQL, submissionId, out);
  }

  async writeExceptionsCsv(actor: Actor, submissionId: string, out: Writable): Promise<void> {
    await this.get(actor, submissionId);
    await this.streamCsv(EXCEPTIONS_CSV, EXCEPTIONS_SQL, submissionId, out);
  }

  private async streamCsv<R>(columns: CsvColumn<R>[], sql: string, submissionId: string, out: Writable): Promise<void> {
    const batches = queryBatches<R>(this.dataSource, sql, [submissionId]);
    await pipeline(Readable.from(csvChunks(columns, batches)), out);
  }

  /** STATE_STAFF for their own state only; coordinators for any state. */
  private checkMaySubmit(actor: Actor, stateCode: string): void {
    if (actor.role === Role.FEDERAL_COORDINATOR || actor.role === 'SYSTEM') return;
    if (actor.role === Role.STATE_STAFF && actor.stateCode === stateCode) return;
    throw forbidden(
      actor.role === Role.STATE_STAFF
        ? `State staff of ${actor.stateCode ?? '?'} may not submit claim files for ${stateCode}`
        : `Role ${actor.role} may not submit claim files`,
    );
  }

  private async checkKnownState(stateCode: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM jurisdiction WHERE usps_code = $1', [stateCode]);
    if (rows.length === 0) {
      throw new ClaimsError(ClaimsErrorCode.UNKNOWN_STATE, `Unknown state ${stateCode}`);
    }
  }
}

/** A display name only: no directories, no control characters, bounded. */
function cleanFileName(name: string | null | undefined): string | null {
  if (!name) return null;
  const clean = basename(name.replace(/\\/g, '/'))
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 255);
  return clean.length > 0 ? clean : null;
}
