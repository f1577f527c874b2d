import type { EntityManager } from 'typeorm';
import { forbidden, mayReadRow, notFound, Role, type Actor } from '@lib/common';
import { DisputeEntity } from '../entities/dispute.entity';
import { StatementEntity } from '../entities/statement.entity';

/** Who may open a dispute or resolve one, on top of seeing the statement. */
export const DISPUTE_OPENERS: readonly (Role | 'SYSTEM')[] = [
  Role.MANUFACTURER_STAFF,
  Role.FEDERAL_COORDINATOR,
  'SYSTEM',
];
export const DISPUTE_RESOLVERS: readonly (Role | 'SYSTEM')[] = [Role.STATE_STAFF, Role.FEDERAL_COORDINATOR, 'SYSTEM'];
export const DOCUMENT_ATTACHERS: readonly (Role | 'SYSTEM')[] = [
  Role.MANUFACTURER_STAFF,
  Role.STATE_STAFF,
  Role.FEDERAL_COORDINATOR,
  'SYSTEM',
];

/**
 * A dispute and its statement if the actor may see them, else NOT_FOUND (never FORBIDDEN: a
 * foreign dispute does not exist for the caller). `lock` locks the dispute row.
 */
export async function visibleDispute(
  manager: EntityManager,
  actor: Actor,
  disputeId: string,
  lock = false,
): Promise<{ dispute: DisputeEntity; statement: StatementEntity }> {
  const dispute = await manager.findOne(DisputeEntity, {
    where: { id: disputeId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  const statement = dispute ? await manager.findOneBy(StatementEntity, { id: dispute.statementId }) : null;
  if (!dispute || !statement || !(await mayReadRow(manager, actor, statement))) throw notFound('Dispute', disputeId);
  return { dispute, statement };
}

/** FORBIDDEN unless the actor's role may do this (the resolver's @Allow says the same). */
export function requireRole(actor: Actor, roles: readonly (Role | 'SYSTEM')[], what: string): void {
  if (!roles.includes(actor.role)) throw forbidden(`${actor.role} may not ${what}`);
}
