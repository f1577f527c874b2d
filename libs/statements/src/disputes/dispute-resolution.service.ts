import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@lib/audit';
import { Clock, manufacturerOfLabeler, notFound, quarterOf, type Actor, type Dec } from '@lib/common';
import { LedgerService } from '@lib/ledger';
import { ReconciliationService, type LockedState, type StateReconcileSummary } from '@lib/reconciliation';
import { DisputeEntity, EpisodeOverrideEntity } from '../entities/dispute.entity';
import type { StatementEntity } from '../entities/statement.entity';
import { paymentStateOf, resolveDispute, statementBalances, type Dispute } from '../rules';
import { StatementReader, toDispute, type StoredStatementLine } from '../statement-reader';
import { StatementStatusStore } from '../statement-status.store';
import { StatementError, StatementErrorCode } from '../statements.errors';
import { DISPUTE_RESOLVERS, requireRole, visibleDispute } from './dispute-access';
import { componentKey, overrideTotals, type OverrideTotal } from './override-totals';

export type ResolveDisputeCommand =
  | { disputeId: string; outcome: 'UPHELD'; agreedAmount: Dec | null; note: string }
  | { disputeId: string; outcome: 'DENIED'; note: string };

function refused(code: StatementErrorCode, message: string, path = 'input'): StatementError {
  return new StatementError(code, message, [{ path, message }]);
}

/**
 * Resolving disputes (rebate-rules section 8): the statement's state (or a
 * coordinator) upholds or denies. UPHELD records episode overrides and, in the same transaction
 * under the state's advisory lock, reconciles the state, so the reversal is appended at once,
 * stamped with the quarter of the resolution (it lands on the next open statement: the disputed
 * one is issued and closed). DENIED changes no money. When the statement has no open dispute
 * left it leaves DISPUTED for where its payments stand.
 */
@Injectable()
export class DisputeResolutionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statuses: StatementStatusStore,
    private readonly reader: StatementReader,
    private readonly reconciliation: ReconciliationService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async resolve(actor: Actor, command: ResolveDisputeCommand): Promise<DisputeEntity> {
    requireRole(actor, DISPUTE_RESOLVERS, 'resolve a dispute');
    // Which state to lock: read (and scope-check) before the transaction; re-read under the locks.
    const { statement: seen } = await visibleDispute(this.dataSource.manager, actor, command.disputeId);
    return this.dataSource.transaction(async (manager) => {
      const [state] = await this.reconciliation.lockStates(manager, [seen.stateCode]);
      if (!state) throw notFound('State', seen.stateCode);
      const statement = await this.statuses.lock(manager, seen.id);
      const { dispute } = await visibleDispute(manager, actor, command.disputeId, true);
      const today = this.clock.today();
      const resolved = resolveDispute(
        toDispute(dispute),
        command.outcome === 'UPHELD'
          ? {
              outcome: 'UPHELD',
              resolvedOn: today,
              note: command.note,
              agreedAmount: command.agreedAmount ?? undefined,
            }
          : { outcome: 'DENIED', resolvedOn: today, note: command.note },
      );
      if (!resolved.ok) {
        const code =
          dispute.status === 'OPEN' ? StatementErrorCode.DISPUTE_REFUSED : StatementErrorCode.DISPUTE_CONFLICT;
        throw refused(code, resolved.reason);
      }
      const resolution = resolved.value.resolution;
      const agreedAmount = resolution?.outcome === 'UPHELD' ? resolution.agreedAmount : null;
      if (agreedAmount !== null && agreedAmount.greaterThan(dispute.disputedAmount)) {
        throw refused(
          StatementErrorCode.DISPUTE_REFUSED,
          `agreedAmount: at most the disputed amount ${dispute.disputedAmount.toFixed(2)}`,
          'input.agreedAmount',
        );
      }
      Object.assign(dispute, {
        status: command.outcome,
        resolvedOn: today,
        resolvedBy: actor.userId,
        resolutionNote: command.note,
        agreedAmount,
        updatedAt: this.clock.now(),
      });
      await manager.save(dispute);
      const lines = await this.reader.lines(manager, statement);
      const upheld =
        command.outcome === 'UPHELD'
          ? await this.applyUpheld(manager, statement, resolved.value, lines, state, today)
          : null;
      const statusAfter = await this.leaveDisputedWhenDone(manager, actor, statement, lines, today);
      await this.audit.record(manager, actor, {
        action: 'dispute.resolve',
        entityType: 'dispute',
        entityId: dispute.id,
        before: { status: 'OPEN' },
        after: {
          status: dispute.status,
          resolvedOn: today,
          agreedAmount: agreedAmount?.toFixed(2) ?? null,
          noteLength: command.note.length,
          overrides: upheld?.overrides.map((o) => ({ ...o, amount: o.amount.toFixed(2) })) ?? [],
          ledgerEntries: upheld?.summary.ledgerEntries ?? 0,
          ledgerSum: upheld?.summary.ledgerSum.toFixed(2) ?? '0.00',
          statementStatus: statusAfter,
        },
        stateCode: statement.stateCode,
        manufacturerId: await manufacturerOfLabeler(manager, statement.labelerCode),
      });
      return dispute;
    });
  }

  /** Records the overrides and reconciles the state at once (the caller holds the state lock). */
  private async applyUpheld(
    manager: EntityManager,
    statement: StatementEntity,
    dispute: Dispute,
    lines: StoredStatementLine[],
    state: LockedState,
    today: string,
  ): Promise<{ overrides: OverrideTotal[]; summary: StateReconcileSummary }> {
    const episodeIds = new Map(lines.map((l) => [l.episodeRef, l.episodeId]));
    const sums = await this.ledger.sumsByEpisode(manager, [...new Set(episodeIds.values())]);
    const componentSums = new Map<string, Dec>();
    for (const [ref, id] of episodeIds) {
      for (const [component, sum] of sums.get(id) ?? []) componentSums.set(componentKey(ref, component), sum);
    }
    const overrides = overrideTotals(dispute, lines, componentSums);
    for (const o of overrides) {
      await manager.insert(EpisodeOverrideEntity, {
        episodeId: episodeIds.get(o.episodeRef),
        component: o.component,
        amount: o.amount,
        disputeId: dispute.disputeId,
        createdAt: this.clock.now(),
      });
    }
    const [reconciled] = await this.reconciliation.reconcileStateLocked(manager, [state], {
      type: 'DISPUTE_RESOLUTION',
      id: dispute.disputeId,
      serviceQuarter: quarterOf(today),
    });
    if (!reconciled) throw new Error(`State ${state.stateCode} was not reconciled`);
    return { overrides, summary: reconciled.summary };
  }

  /** DISPUTES_RESOLVED once no dispute of the statement is open, with where its payments stand. */
  private async leaveDisputedWhenDone(
    manager: EntityManager,
    actor: Actor,
    statement: StatementEntity,
    lines: StoredStatementLine[],
    today: string,
  ): Promise<string> {
    const disputes = await this.reader.disputes(manager, statement.id);
    if (statement.status !== 'DISPUTED' || disputes.some((d) => d.resolution === null)) return statement.status;
    const payments = await this.reader.payments(manager, statement.id);
    const paid = paymentStateOf(statementBalances({ lines, disputes, payments }, today));
    return (await this.statuses.apply(manager, actor, statement, { type: 'DISPUTES_RESOLVED', paid })).status;
  }
}
