import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@lib/audit';
import { notFound, type Actor } from '@lib/common';
import { StatementEntity } from './entities/statement.entity';
import { transitionStatement, type StatementEvent } from './rules';
import { StatementError, StatementErrorCode } from './statements.errors';

/**
 * The one place a statement's status changes: locks the row, asks the lifecycle rule, stores
 * the new status and audits it in the caller's transaction.
 */
@Injectable()
export class StatementStatusStore {
  constructor(private readonly audit: AuditService) {}

  /** The statement, locked for the rest of the caller's transaction. */
  async lock(manager: EntityManager, statementId: string): Promise<StatementEntity> {
    const statement = await manager.findOne(StatementEntity, {
      where: { id: statementId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!statement) throw notFound('Statement', statementId);
    return statement;
  }

  /** Applies a lifecycle event; refuses with the rule's reason (409) when it does not apply. */
  async apply(
    manager: EntityManager,
    actor: Actor,
    statement: StatementEntity,
    event: StatementEvent,
    changes: Partial<StatementEntity> = {},
  ): Promise<StatementEntity> {
    const next = transitionStatement(statement.status, event);
    if (!next.ok)
      throw new StatementError(StatementErrorCode.INVALID_TRANSITION, `${statement.number}: ${next.reason}`);
    const before = { status: statement.status };
    Object.assign(statement, changes, { status: next.value, updatedAt: new Date() });
    await manager.update(
      StatementEntity,
      { id: statement.id },
      { ...changes, status: next.value, updatedAt: statement.updatedAt },
    );
    await this.audit.record(manager, actor, {
      action: `statement.${event.type.toLowerCase()}`,
      entityType: 'statement',
      entityId: statement.id,
      before,
      after: { status: next.value, ...changes },
      stateCode: statement.stateCode,
    });
    return statement;
  }
}
