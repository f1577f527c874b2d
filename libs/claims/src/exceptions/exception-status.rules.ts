/**
 * Open and resolved exceptions. A derived exception (M, L, O, K, U, J, D, P, V) is
 * OPEN while the reconciliation's inputs produce it and RESOLVED once they no longer do, stamped
 * with the cause of that reconciliation (`SUBMISSION:<id>`, `AMENDMENT:<id>`, ...). A repeat
 * (`R`) is ignored when its file is loaded, so it is never open: RESOLVED at once, by its own
 * submission. One (state, code, ICN-ORIG) is OPEN while any of its versions is.
 *
 * The same rule in SQL (for filtering): `bool_or(derived AND resolved_at IS NULL)` is OPEN.
 */

export enum ExceptionStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}

/** What raised or resolved an exception: a submission or a change (amendment, participation ...). */
export interface ExceptionCauseRef {
  type: string;
  id: string;
}

/** One reconciliation_exception row as the rules need it. */
export interface ExceptionRowFacts {
  submissionId: string;
  derived: boolean;
  createdAt: Date;
  resolvedAt: Date | null;
  raisedByCause: string | null;
  resolvedByCause: string | null;
}

export interface ExceptionState {
  status: ExceptionStatus;
  raisedAt: Date;
  raisedBy: ExceptionCauseRef | null;
  resolvedAt: Date | null;
  resolvedBy: ExceptionCauseRef | null;
}

/** `TYPE:id` as the reconciliation stamps it; anything else is not a cause. */
export function causeOf(label: string | null): ExceptionCauseRef | null {
  if (!label) return null;
  const at = label.indexOf(':');
  if (at <= 0 || at === label.length - 1) return null;
  return { type: label.slice(0, at), id: label.slice(at + 1) };
}

/** The state of one exception row. */
export function exceptionStateOf(row: ExceptionRowFacts): ExceptionState {
  if (!row.derived) {
    const own: ExceptionCauseRef = { type: 'SUBMISSION', id: row.submissionId };
    return {
      status: ExceptionStatus.RESOLVED,
      raisedAt: row.createdAt,
      raisedBy: own,
      resolvedAt: row.createdAt,
      resolvedBy: own,
    };
  }
  return {
    status: row.resolvedAt === null ? ExceptionStatus.OPEN : ExceptionStatus.RESOLVED,
    raisedAt: row.createdAt,
    raisedBy: causeOf(row.raisedByCause),
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedAt === null ? null : causeOf(row.resolvedByCause),
  };
}

/**
 * The state of one (state, code, ICN-ORIG) from its rows (at least one): OPEN while any row is
 * open; raised when and by what its first row was; resolved when and by what its last
 * resolution was, once none is open.
 */
export function exceptionGroupStateOf(rows: readonly ExceptionRowFacts[]): ExceptionState {
  const states = rows.map(exceptionStateOf);
  if (!states.length) throw new Error('An exception group has at least one row');
  const first = states.reduce((a, b) => (b.raisedAt < a.raisedAt ? b : a));
  const open = states.some((s) => s.status === ExceptionStatus.OPEN);
  const last = open
    ? null
    : states.reduce((a, b) => ((b.resolvedAt?.getTime() ?? 0) >= (a.resolvedAt?.getTime() ?? 0) ? b : a));
  return {
    status: open ? ExceptionStatus.OPEN : ExceptionStatus.RESOLVED,
    raisedAt: first.raisedAt,
    raisedBy: first.raisedBy,
    resolvedAt: last?.resolvedAt ?? null,
    resolvedBy: last?.resolvedBy ?? null,
  };
}
