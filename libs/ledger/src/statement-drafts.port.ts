import type { EntityManager } from 'typeorm';
import type { Quarter } from '@lib/common';

/** (labeler, state, statement quarter): the statement a ledger entry lands on. */
export interface StatementPeriod {
  labelerCode: string;
  stateCode: string;
  quarter: Quarter;
}

/**
 * Every statement period an entry lands on has a statement, DRAFT until issued. The statements
 * library owns the statement table and implements this port (StatementDraftStore, bound
 * globally by StatementsModule); the ledger only asks, in its own transaction.
 */
export abstract class StatementDrafts {
  abstract ensureDrafts(manager: EntityManager, periods: readonly StatementPeriod[]): Promise<void>;
}
