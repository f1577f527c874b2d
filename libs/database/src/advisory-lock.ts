import type { EntityManager } from 'typeorm';

/** Lock classes: the first key of pg_advisory_xact_lock(int, int). */
export enum LockClass {
  /** One state's reconciliation, ledger and statement issuing run one at a time. */
  STATE = 71001,
  /** Contract-year closes of one agreement. */
  AGREEMENT = 71002,
  /** One claim submission is processed by one worker at a time (session lock, keyed by hashtext(id)). */
  CLAIM_SUBMISSION = 71003,
  /** The sweep of lost reconciliation requests runs once at a time (key 0). */
  RECONCILIATION_SWEEP = 71004,
  /** The month partitions of one state's digests are made one load at a time (keyed by hashtext(partition)). */
  CLAIM_DIGEST_MONTHS = 71005,
}

/**
 * Takes a transaction-scoped advisory lock; released at commit or rollback, also when the
 * process dies, so a crashed worker never leaves a state locked.
 */
export async function lockForTransaction(manager: EntityManager, lockClass: LockClass, key: number): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [lockClass, key]);
}

/** Locks several keys of one class in ascending order (no deadlocks between multi-state work). */
export async function lockAllForTransaction(
  manager: EntityManager,
  lockClass: LockClass,
  keys: number[],
): Promise<void> {
  for (const key of [...new Set(keys)].sort((a, b) => a - b)) await lockForTransaction(manager, lockClass, key);
}
