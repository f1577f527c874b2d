import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReconciliationCauseType } from '@lib/agreements';
import {
  CommonError,
  CommonErrorCode,
  connectionFromRows,
  decodeCursor,
  forbidden,
  readScopeOf,
  readsEverything,
  type Actor,
  type ConnectionShape,
  type PageArgs,
} from '@lib/common';

/** One reconciliation_request row as readers see it. */
export interface ReconciliationRequestView {
  id: string;
  stateCode: string;
  causeType: ReconciliationCauseType;
  causeId: string;
  requestedAt: Date;
  enqueuedAt: Date | null;
  completedAt: Date | null;
  attempts: number;
  /** Coordinators and auditors only (it names the platform's own failures); null for others. */
  lastError: string | null;
}

export interface ReconciliationRequestFilter {
  stateCode?: string;
  cause?: ReconciliationCauseType;
  causeId?: string;
  /** true: not completed yet; false: completed. */
  pending?: boolean;
}

interface Row {
  id: string;
  state_code: string;
  cause_type: ReconciliationCauseType;
  cause_id: string;
  requested_at: Date;
  enqueued_at: Date | null;
  completed_at: Date | null;
  attempts: number;
  last_error: string | null;
}

const COLUMNS = `id::text AS id, state_code, cause_type, cause_id::text AS cause_id, requested_at, enqueued_at,
                 completed_at, attempts, last_error`;

function toView(row: Row, actor: Actor): ReconciliationRequestView {
  return {
    id: row.id,
    stateCode: row.state_code.trim(),
    causeType: row.cause_type,
    causeId: row.cause_id,
    requestedAt: row.requested_at,
    enqueuedAt: row.enqueued_at,
    completedAt: row.completed_at,
    attempts: row.attempts,
    lastError: readsEverything(actor) ? row.last_error : null,
  };
}

/**
 * Reads the reconciliation outbox: whether the reconciliation a join, a leave, an amendment or
 * an expiry asked for has run. Coordinators and auditors read every state's requests, state
 * staff their own state's; manufacturers only the requests of their own change, as its answer.
 */
@Injectable()
export class ReconciliationRequestsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    actor: Actor,
    filter: ReconciliationRequestFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<ReconciliationRequestView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    const ownState = readableState(actor);
    if (ownState) where.push(`state_code = ${add(ownState)}`);
    if (filter.stateCode) where.push(`state_code = ${add(filter.stateCode.toUpperCase())}`);
    if (filter.cause) where.push(`cause_type = ${add(filter.cause)}`);
    if (filter.causeId) where.push(`cause_id = ${add(filter.causeId)}::uuid`);
    if (filter.pending === true) where.push(`completed_at IS NULL`);
    if (filter.pending === false) where.push(`completed_at IS NOT NULL`);
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    if (page.after) {
      const [after] = decodeCursor(page.after, 1);
      if (typeof after !== 'number' || !Number.isSafeInteger(after)) {
        throw new CommonError(CommonErrorCode.INVALID_CURSOR, 'Cursor is not valid for this list');
      }
      where.push(`id < ${add(after)}::bigint`);
    }
    const pageCondition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM reconciliation_request ${pageCondition} ORDER BY id DESC LIMIT ${add(page.first + 1)}`,
      params,
    );
    let counted: Promise<number> | undefined;
    const totalCount = () =>
      (counted ??= this.dataSource
        .query<{ n: string }[]>(`SELECT count(*) AS n FROM reconciliation_request ${condition}`, countParams)
        .then(([row]) => Number(row.n)));
    return connectionFromRows(
      rows.map((row) => toView(row, actor)),
      page.first,
      totalCount,
      (r) => [Number(r.id)],
    );
  }

  /**
   * The requests a change the actor just made recorded (the answer of its mutation), in the
   * order recorded; state staff see their own state's.
   */
  async recorded(actor: Actor, ids: readonly string[]): Promise<ReconciliationRequestView[]> {
    if (!ids.length) return [];
    const scope = readScopeOf(actor);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM reconciliation_request WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    );
    return rows
      .filter((row) => scope.kind !== 'STATE' || row.state_code.trim() === scope.stateCode)
      .map((row) => toView(row, actor));
  }
}

/** Null for everything; a state for state staff; manufacturers and others list nothing (FORBIDDEN). */
function readableState(actor: Actor): string | null {
  const scope = readScopeOf(actor);
  if (scope.kind === 'ALL') return null;
  if (scope.kind === 'STATE') return scope.stateCode;
  throw forbidden('Only state staff, coordinators and auditors read reconciliation requests');
}
