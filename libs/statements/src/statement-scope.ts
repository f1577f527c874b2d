import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { readsEverything, Role, type Actor } from '@lib/common';
import type { StatementEntity } from './entities/statement.entity';

/**
 * Who sees which statements (issue 5, style.md habit 5): coordinators and auditors all, state
 * staff their own state, manufacturer staff the labeler codes of their own manufacturer, anyone
 * else none. Disputes are seen with their statement. What is outside the scope is NOT_FOUND to
 * the caller, never FORBIDDEN, so existence does not leak.
 */
export type StatementScope =
  | { kind: 'ALL' }
  | { kind: 'STATE'; stateCode: string }
  | { kind: 'MANUFACTURER'; manufacturerId: string }
  | { kind: 'NONE' };

export function statementScopeOf(actor: Actor): StatementScope {
  if (readsEverything(actor)) return { kind: 'ALL' };
  if (actor.role === Role.STATE_STAFF && actor.stateCode) return { kind: 'STATE', stateCode: actor.stateCode };
  if (actor.role === Role.MANUFACTURER_STAFF && actor.manufacturerId)
    return { kind: 'MANUFACTURER', manufacturerId: actor.manufacturerId };
  return { kind: 'NONE' };
}

/** Narrows a query joining statements as `alias` to the statements the actor may see. */
export function scopeStatements<E extends ObjectLiteral>(actor: Actor, qb: SelectQueryBuilder<E>, alias: string): void {
  const scope = statementScopeOf(actor);
  switch (scope.kind) {
    case 'ALL':
      return;
    case 'STATE':
      qb.andWhere(`${alias}.state_code = :scopeState`, { scopeState: scope.stateCode });
      return;
    case 'MANUFACTURER':
      qb.andWhere(
        `${alias}.labeler_code IN (SELECT code FROM labeler_code WHERE manufacturer_id = :scopeManufacturer)`,
        {
          scopeManufacturer: scope.manufacturerId,
        },
      );
      return;
    case 'NONE':
      qb.andWhere('false');
  }
}

/** Whether the actor may see this one statement (and its disputes). */
export async function maySeeStatement(
  manager: EntityManager,
  actor: Actor,
  statement: Pick<StatementEntity, 'stateCode' | 'labelerCode'>,
): Promise<boolean> {
  const scope = statementScopeOf(actor);
  switch (scope.kind) {
    case 'ALL':
      return true;
    case 'STATE':
      return scope.stateCode === statement.stateCode;
    case 'MANUFACTURER':
      return ownsLabeler(manager, actor, statement.labelerCode);
    case 'NONE':
      return false;
  }
}

/** The manufacturer owning a labeler code (scoping and audit rows name it). */
export async function manufacturerOfLabeler(manager: EntityManager, labelerCode: string): Promise<string | null> {
  const rows = await manager.query<{ manufacturer_id: string }[]>(
    'SELECT manufacturer_id FROM labeler_code WHERE code = $1',
    [labelerCode],
  );
  return rows[0]?.manufacturer_id ?? null;
}

/** Whether the actor is staff of the manufacturer owning `labelerCode`. */
export async function ownsLabeler(manager: EntityManager, actor: Actor, labelerCode: string): Promise<boolean> {
  const scope = statementScopeOf(actor);
  return scope.kind === 'MANUFACTURER' && (await manufacturerOfLabeler(manager, labelerCode)) === scope.manufacturerId;
}
