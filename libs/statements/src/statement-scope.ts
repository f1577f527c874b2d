import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { forbidden, readsEverything, Role, type Actor } from '@lib/common';

/**
 * Who sees which statements (issue 5): coordinators and auditors all, state staff their own
 * state, manufacturer staff the labeler codes of their own manufacturer. Everything else is
 * NOT_FOUND to the caller, never FORBIDDEN, so existence does not leak.
 */
export async function scopeStatements<E extends ObjectLiteral>(
  manager: EntityManager,
  actor: Actor,
  qb: SelectQueryBuilder<E>,
  alias: string,
): Promise<void> {
  if (readsEverything(actor)) return;
  if (actor.role === Role.STATE_STAFF && actor.stateCode) {
    qb.andWhere(`${alias}.state_code = :scopeState`, { scopeState: actor.stateCode });
    return;
  }
  if (actor.role === Role.MANUFACTURER_STAFF && actor.manufacturerId) {
    qb.andWhere(`${alias}.labeler_code IN (:...scopeLabelers)`, {
      scopeLabelers: [...(await labelerCodesOf(manager, actor.manufacturerId)), '-'],
    });
    return;
  }
  throw forbidden('Statements are not visible to this role');
}

export async function labelerCodesOf(manager: EntityManager, manufacturerId: string): Promise<string[]> {
  const rows: { code: string }[] = await manager.query('SELECT code FROM labeler_code WHERE manufacturer_id = $1', [
    manufacturerId,
  ]);
  return rows.map((r) => r.code);
}

/** Whether the actor is staff of the manufacturer owning `labelerCode`. */
export async function ownsLabeler(manager: EntityManager, actor: Actor, labelerCode: string): Promise<boolean> {
  if (actor.role !== Role.MANUFACTURER_STAFF || !actor.manufacturerId) return false;
  return (await labelerCodesOf(manager, actor.manufacturerId)).includes(labelerCode);
}
