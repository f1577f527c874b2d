import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  Clock,
  compareDates,
  forbidden,
  isCoordinator,
  quarterEnd,
  sumDecimals,
  systemActor,
  type Actor,
  type Quarter,
  ownsLabeler,
} from '@lib/common';
import { AppConfig } from '@lib/config';
import { lockForTransaction, LockClass } from '@lib/database';
import { LedgerService } from '@lib/ledger';
import { StatementEntity } from './entities/statement.entity';
import { draftsDueForAutomaticIssue, statementDueDate } from './rules';
import { StatementReader } from './statement-reader';
import { StatementStatusStore } from './statement-status.store';
import { StatementError, StatementErrorCode } from './statements.errors';
import { StatementsService } from './statements.service';

export interface IssueQuarterCommand {
  quarter: Quarter;
  stateCode?: string;
  labelerCode?: string;
}

/**
 * Issuing (by a coordinator, or by the automatic quarter close) and acknowledging statements.
 *
 * Issuing runs under the state's advisory lock, the lock reconciliation holds while it appends
 * ledger entries, so no entry can land on a statement between reading its lines and closing
 * its period. The total and line count are frozen; LedgerService.closePeriod makes every later
 * entry for that quarter land on the next open statement as a prior-period adjustment.
 *
 * A statement is issued only after its quarter has ended (STATEMENT_QUARTER_OPEN otherwise):
 * while the quarter runs, claims for it still arrive in the normal course, and issuing early
 * would turn ordinary current-period entries into prior-period adjustments on the next statement.
 */
@Injectable()
export class StatementWorkflowService {
  private readonly logger = new Logger(StatementWorkflowService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: StatementsService,
    private readonly reader: StatementReader,
    private readonly status: StatementStatusStore,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async issue(actor: Actor, statementId: string): Promise<StatementEntity> {
    this.checkCoordinator(actor);
    const statement = await this.statements.get(actor, statementId);
    return this.issueOne(actor, statement, false);
  }

  /**
   * Every DRAFT of the quarter (optionally of one state or labeler), all or nothing: one
   * transaction under the advisory locks of every state concerned (taken in FIPS order, so two
   * calls never wait on each other crosswise), so a failure half-way leaves none issued.
   */
  async issueQuarter(actor: Actor, command: IssueQuarterCommand): Promise<StatementEntity[]> {
    this.checkCoordinator(actor);
    this.checkQuarterEnded(command.quarter);
    const drafts = await this.statements.all(actor, { ...command, status: 'DRAFT' });
    if (!drafts.length) return [];
    const issued = await this.dataSource.transaction(async (manager) => {
      const fips: number[] = [];
      for (const state of new Set(drafts.map((d) => d.stateCode)))
        fips.push(await this.reader.stateFips(manager, state));
      for (const code of fips.sort((a, b) => a - b)) await lockForTransaction(manager, LockClass.STATE, code);
      const out: StatementEntity[] = [];
      for (const draft of drafts) out.push(await this.issueIn(manager, actor, draft, false));
      return out;
    });
    this.logger.log({ quarter: command.quarter, issued: issued.map((s) => s.number) }, 'Statements issued');
    return issued;
  }

  /**
   * The automatic quarter close (worker, maintenance schedule): issues every DRAFT whose quarter
   * ended at least STATEMENT_AUTO_ISSUE_DAYS days ago; nothing when STATEMENT_AUTO_ISSUE=false.
   */
  async issueDueDrafts(): Promise<StatementEntity[]> {
    if (!this.config.statements.autoIssue) return [];
    const actor = systemActor('automatic quarter close');
    const today = this.clock.today();
    const drafts = await this.dataSource.getRepository(StatementEntity).find({ where: { status: 'DRAFT' } });
    const due = draftsDueForAutomaticIssue(
      drafts.map((d) => ({ ...d, state: d.stateCode })),
      today,
      this.config.statements.autoIssueDays,
    ).filter((d) => compareDates(quarterEnd(d.quarter), today) < 0);
    const issued: StatementEntity[] = [];
    for (const draft of due) {
      try {
        issued.push(await this.issueOne(actor, draft, true));
      } catch (error) {
        // Issued meanwhile by a coordinator: nothing to do; anything else fails the job (retried).
        if (error instanceof StatementError && error.code === StatementErrorCode.INVALID_TRANSITION) continue;
        throw error;
      }
    }
    if (issued.length) this.logger.log({ issued: issued.length, today }, 'Automatic quarter close issued statements');
    return issued;
  }

  /** The manufacturer of the statement's labeler confirms it has received it (ISSUED -> ACKNOWLEDGED). */
  async acknowledge(actor: Actor, statementId: string): Promise<StatementEntity> {
    const visible = await this.statements.get(actor, statementId);
    if (!(await ownsLabeler(this.dataSource.manager, actor, visible.labelerCode))) {
      throw forbidden('Only staff of the manufacturer owning the labeler code acknowledge its statements');
    }
    return this.dataSource.transaction(async (manager) => {
      const statement = await this.status.lock(manager, statementId);
      return this.status.apply(
        manager,
        actor,
        statement,
        { type: 'ACKNOWLEDGE' },
        {
          acknowledgedAt: this.clock.now(),
          acknowledgedBy: actor.userId,
        },
      );
    });
  }

  private async issueOne(actor: Actor, draft: StatementEntity, automatic: boolean): Promise<StatementEntity> {
    this.checkQuarterEnded(draft.quarter);
    const issued = await this.dataSource.transaction(async (manager) => {
      await lockForTransaction(manager, LockClass.STATE, await this.reader.stateFips(manager, draft.stateCode));
      return this.issueIn(manager, actor, draft, automatic);
    });
    this.logger.log({ statement: issued.number, automatic }, 'Statement issued');
    return issued;
  }

  /** Issues one statement in the caller's transaction, which holds its state's advisory lock. */
  private async issueIn(
    manager: EntityManager,
    actor: Actor,
    draft: StatementEntity,
    automatic: boolean,
  ): Promise<StatementEntity> {
    const statement = await this.status.lock(manager, draft.id);
    const lines = await this.reader.lines(manager, statement);
    const issuedOn = this.clock.today();
    const result = await this.status.apply(
      manager,
      actor,
      statement,
      { type: 'ISSUE' },
      {
        issuedOn,
        dueOn: statementDueDate(issuedOn),
        total: sumDecimals(lines.map((l) => l.amount)),
        lineCount: lines.length,
        issuedBy: actor.userId,
        issuedAutomatically: automatic,
      },
    );
    await this.ledger.closePeriod(manager, statement.labelerCode, statement.stateCode, statement.quarter);
    return result;
  }

  private checkCoordinator(actor: Actor): void {
    if (!isCoordinator(actor)) throw forbidden('Only federal coordinators issue statements');
  }

  private checkQuarterEnded(quarter: Quarter): void {
    const today = this.clock.today();
    if (compareDates(quarterEnd(quarter), today) >= 0) {
      throw new StatementError(
        StatementErrorCode.QUARTER_OPEN,
        `Quarter ${quarter} has not ended yet (it ends ${quarterEnd(quarter)}); its statements are issued after it ends`,
      );
    }
  }
}
