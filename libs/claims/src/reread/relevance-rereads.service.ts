import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '@lib/audit';
import { systemActor } from '@lib/common';
import { LockClass, lockForTransaction } from '@lib/database';
import { ClaimFileLoader } from '../claim-file-loader.service';
import { ClaimFileStorage } from '../claim-file-storage.service';
import { relevanceFilterOf } from '../claim-relevance.service';
import { ClaimSubmissionEntity, SubmissionStatus } from '../claim-submission.entity';
import {
  analyzeStaging,
  applyStagedVersions,
  clearStaging,
  resolveLeftToSql,
  type AppliedVersions,
} from '../staging/claim-staging.sql';
import { stateFipsOf, withSubmissionLock } from '../submission-lock';
import { SubmissionReconciler, type ReconcileResult } from '../submission-reconciler';
import { RelevanceRereadQueue } from './relevance-reread-queue.service';
import {
  keepsNothing,
  newlyRelevant,
  NOTHING_RELEVANT,
  relevanceAfterReread,
  type RelevanceSnapshot,
} from './relevance-widening.rules';

/** Re-reads are audited as the platform itself. */
const WORKER = systemActor('claims-worker');

/** A stored file to re-read, and what for. */
interface FileToReread {
  submission: ClaimSubmissionEntity;
  loadedWith: RelevanceSnapshot;
  newly: RelevanceSnapshot;
}

export interface StateRereadResult {
  filesReread: number;
  reconciled: ReconcileResult | null;
}

/**
 * When what matters widens (README "Claim files": "When what matters widens"; design-notes "Keep
 * only what matters, but decide it correctly"), a state's stored files loaded under narrower
 * relevance are read again, in order of receipt, each through the loader's reader and staging
 * with the filter of what is newly relevant to it, and applied in its own transaction under the
 * state's lock by applyStagedVersions in REREAD mode (the load's own steps). A file also comes
 * up when a family that matters from an earlier file on still has compact versions in it (it
 * then needs their details). Each file's transaction records the relevance now in force on the
 * submission and marks it pending; then one transaction reconciles the state through the single
 * door and clears the marks. A crash resumes where it stopped: a file re-read is marked as such,
 * the apply adds only what is not there, and a pending mark survives until the reconciliation.
 */
@Injectable()
export class RelevanceRereads {
  private readonly logger = new Logger(RelevanceRereads.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loader: ClaimFileLoader,
    private readonly storage: ClaimFileStorage,
    private readonly queue: RelevanceRereadQueue,
    private readonly audit: AuditService,
    private readonly reconciler: SubmissionReconciler,
  ) {}

  async rereadState(stateCode: string): Promise<StateRereadResult> {
    const stateFips = await stateFipsOf(this.dataSource, stateCode);
    let after = 0;
    let filesReread = 0;
    try {
      for (;;) {
        // What matters is read again before each file: a widening during the run counts from then on.
        const next = await this.nextFile(stateCode, stateFips, await this.queue.now(), after);
        if (!next) break;
        await this.rereadFile(next, stateFips);
        after = next.submission.receiptSeq;
        filesReread++;
      }
    } catch (error) {
      // The files re-read so far (each complete, in order) reach the ledger now; the rest waits
      // for the next run, which starts at the file that failed.
      await this.reconcilePending(stateCode, stateFips).catch(() => undefined);
      throw error;
    }
    const reconciled = await this.reconcilePending(stateCode, stateFips);
    this.logger.log({ stateCode, filesReread, ledgerEntries: reconciled?.ledgerEntries ?? 0 }, 'Claim files re-read');
    return { filesReread, reconciled };
  }

  /**
   * The first COMPLETED file received after `after` that was loaded under narrower relevance, or
   * that holds compact versions of a family with a detailed version received before it.
   */
  private async nextFile(
    stateCode: string,
    stateFips: string,
    now: RelevanceSnapshot,
    after: number,
  ): Promise<FileToReread | null> {
    const narrower: { receipt_seq: string; loaded_relevance: RelevanceSnapshot | null }[] = await this.dataSource.query(
      `SELECT receipt_seq, loaded_relevance FROM claim_submission
        WHERE state_code = $1 AND status = 'COMPLETED' AND receipt_seq > $2
          AND loaded_relevance IS DISTINCT FROM $3::jsonb
        ORDER BY receipt_seq`,
      [stateCode, after, JSON.stringify(now)],
    );
    const firstNarrower = narrower.find(
      (row) => !keepsNothing(newlyRelevant(row.loaded_relevance ?? NOTHING_RELEVANT, now)),
    );
    const gaps: { receipt_seq: string | null }[] = await this.dataSource.query(
      `SELECT min(v.receipt_seq) AS receipt_seq FROM claim_version v
        WHERE v.state_fips = $1 AND NOT v.detailed AND v.receipt_seq > $2
          AND EXISTS (SELECT 1 FROM claim_version d
                       WHERE d.state_fips = v.state_fips AND d.icn_orig = v.icn_orig AND d.detailed
                         AND d.receipt_seq < v.receipt_seq)`,
      [stateFips, after],
    );
    const candidates = [firstNarrower?.receipt_seq, gaps[0]?.receipt_seq]
      .filter((seq): seq is string => seq !== undefined && seq !== null)
      .map(Number);
    if (!candidates.length) return null;
    const submission = await this.dataSource
      .getRepository(ClaimSubmissionEntity)
      .findOneBy({ receiptSeq: Math.min(...candidates) });
    if (!submission || submission.status !== SubmissionStatus.COMPLETED) return null;
    const loadedWith = submission.loadedRelevance ?? NOTHING_RELEVANT;
    return { submission, loadedWith, newly: newlyRelevant(loadedWith, now) };
  }

  /** One file: staged again with what is newly relevant to it, applied under the state's lock. */
  private rereadFile(file: FileToReread, stateFips: string): Promise<void> {
    return withSubmissionLock(this.dataSource, file.submission.id, () => this.stageAndApply(file, stateFips));
  }

  private async stageAndApply(file: FileToReread, stateFips: string): Promise<void> {
    const { submission } = file;
    if (!(await this.storage.exists(submission.storagePath))) {
      throw new UnrecoverableError(`The stored file of claim submission ${submission.id} is missing`);
    }
    try {
      const read = await this.loader.load(submission, stateFips, {
        relevance: relevanceFilterOf(file.newly),
        reread: true,
      });
      // The file passed at its load; failing now (a limit lowered since) leaves it for a later try.
      if (!read.ok) {
        throw new Error(`Claim submission ${submission.id} no longer reads (${read.problem.code}); not re-read`);
      }
      const manager = this.dataSource.manager;
      await analyzeStaging(manager);
      // The load's own resolution, so that the same headers and rows take part.
      await resolveLeftToSql(manager, submission.id, read);
      await this.dataSource.transaction(async (tx) => {
        await lockForTransaction(tx, LockClass.STATE, Number(stateFips));
        const current = await tx.findOneOrFail(ClaimSubmissionEntity, {
          where: { id: submission.id },
          lock: { mode: 'pessimistic_write' },
        });
        const applied: AppliedVersions = await applyStagedVersions(
          tx,
          {
            id: current.id,
            stateCode: current.stateCode,
            stateFips,
            receiptSeq: current.receiptSeq,
            fileType: read.header.prefix,
          },
          { kind: 'REREAD' },
        );
        // What the file has now been read with; a widening since its staging is left to the next run.
        const recorded = relevanceAfterReread(file.loadedWith, file.newly, await this.queue.now());
        await tx.query(
          `UPDATE claim_submission SET loaded_relevance = $2, relevance_reread_pending = true, updated_at = now()
            WHERE id = $1`,
          [current.id, JSON.stringify(recorded)],
        );
        await this.audit.record(tx, WORKER, {
          action: 'claim-submission.reread-for-relevance',
          entityType: 'ClaimSubmission',
          entityId: current.id,
          before: { loadedRelevance: current.loadedRelevance },
          after: {
            loadedRelevance: recorded,
            rereadFor: file.newly,
            claimVersions: applied.claimVersions,
            cgtLines: applied.cgtLines,
            relevantDiagnoses: applied.relevantDiagnoses,
          },
          stateCode: current.stateCode,
        });
        await clearStaging(tx, current.id);
      });
    } catch (error) {
      await clearStaging(this.dataSource.manager, submission.id);
      throw error;
    }
  }

  /** Reconciles the state if a re-read awaits it, and clears the marks, in one transaction. */
  private async reconcilePending(stateCode: string, stateFips: string): Promise<ReconcileResult | null> {
    return this.dataSource.transaction(async (tx) => {
      await lockForTransaction(tx, LockClass.STATE, Number(stateFips));
      const pending: { id: string }[] = await tx.query(
        `SELECT id FROM claim_submission WHERE state_code = $1 AND relevance_reread_pending
          ORDER BY receipt_seq FOR UPDATE`,
        [stateCode],
      );
      const last = pending.at(-1);
      if (!last) return null;
      const reconciled = await this.reconciler.reconcileAfterReread(tx, {
        stateCode,
        stateFips,
        submissionId: last.id,
      });
      await tx.query(
        `UPDATE claim_submission SET relevance_reread_pending = false, updated_at = now() WHERE id = ANY($1::uuid[])`,
        [pending.map((row) => row.id)],
      );
      await this.audit.record(tx, WORKER, {
        action: 'claim-submission.reread-reconciled',
        entityType: 'ClaimSubmission',
        entityId: last.id,
        before: { relevanceRereadPending: true },
        after: { relevanceRereadPending: false, submissionsReread: pending.length, ...reconciled },
        stateCode,
      });
      return reconciled;
    });
  }
}
