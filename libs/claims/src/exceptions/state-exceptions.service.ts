import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import {
  connectionFromRows,
  csvChunks,
  decodeCursor,
  CommonError,
  CommonErrorCode,
  type Actor,
  type ConnectionShape,
  type CsvColumn,
  type PageArgs,
} from '@lib/common';
import { queryBatches } from '@lib/database';
import { claimReadState } from '../claim-read-scope';
import {
  exceptionGroupStateOf,
  exceptionStateOf,
  ExceptionStatus,
  type ExceptionCauseRef,
  type ExceptionState,
} from './exception-status.rules';

export interface StateExceptionFilter {
  stateCode?: string;
  code?: string;
  status?: ExceptionStatus;
  /** Groups with a version received in this submission, or raised or resolved by it. */
  submissionId?: string;
  /** Groups with a version raised or resolved at or after this instant ... */
  from?: Date;
  /** ... and before this one. */
  to?: Date;
}

/** One time an exception was raised on a claim version (one reconciliation_exception row). */
export interface StateExceptionVersion extends ExceptionState {
  exceptionId: string;
  submissionId: string;
  recordNumber: number | null;
  icnAdj: string | null;
  fieldName: string | null;
  reason: string;
}

/** One (state, code, ICN-ORIG) with every version it was raised on. */
export interface StateException extends ExceptionState {
  /** The id of its first row: stable. */
  id: string;
  stateCode: string;
  code: string;
  icnOrig: string | null;
  /** The reason of its latest version. */
  reason: string;
  versions: StateExceptionVersion[];
}

interface VersionJson {
  id: string;
  submissionId: string;
  recordNumber: string | number | null;
  icnAdj: string | null;
  fieldName: string | null;
  reason: string;
  derived: boolean;
  createdAt: string;
  resolvedAt: string | null;
  raisedByCause: string | null;
  resolvedByCause: string | null;
}

interface GroupRow {
  state_code: string;
  code: string;
  icn: string;
  versions: VersionJson[];
}

/** The group key, in the order of reconciliation_exception_group_idx. */
const KEY = `e.state_code, e.code, coalesce(e.icn_orig, '')`;
const KEY_OF = (alias: string) => `${alias}.state_code, ${alias}.code, coalesce(${alias}.icn_orig, '')`;

/** The same rule as exception-status.rules.ts: a group is OPEN while a derived row is unresolved. */
const OPEN = `bool_or(e.derived AND e.resolved_at IS NULL)`;

class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The grouped exceptions of the filter: WHERE narrows rows through indexes (state and code lead
 * the group index; the submission and period filters pick group keys through their own
 * indexes), HAVING keeps groups of the status.
 */
function groupedSql(
  ownState: string | null,
  filter: StateExceptionFilter,
  params: SqlParams,
  after?: [string, string, string],
  countOnly = false,
): string {
  const where: string[] = [];
  if (ownState) where.push(`e.state_code = ${params.add(ownState)}`);
  if (filter.stateCode) where.push(`e.state_code = ${params.add(filter.stateCode.toUpperCase())}`);
  if (filter.code) where.push(`e.code = ${params.add(filter.code)}`);
  if (filter.submissionId) {
    const id = params.add(filter.submissionId);
    where.push(`(${KEY}) IN (
      SELECT ${KEY_OF('s')} FROM reconciliation_exception s
       WHERE s.submission_id = ${id}::uuid OR s.raised_by_cause = 'SUBMISSION:' || ${id} OR s.resolved_by_cause = 'SUBMISSION:' || ${id})`);
  }
  if (filter.from || filter.to) {
    const within = (column: string) =>
      [
        filter.from ? `s.${column} >= ${params.add(filter.from)}` : null,
        filter.to ? `s.${column} < ${params.add(filter.to)}` : null,
        `s.${column} IS NOT NULL`,
      ]
        .filter(Boolean)
        .join(' AND ');
    where.push(`(${KEY}) IN (
      SELECT ${KEY_OF('s')} FROM reconciliation_exception s
       WHERE (${within('created_at')}) OR (${within('resolved_at')}))`);
  }
  if (after) {
    where.push(
      `(${KEY}) > (${params.add(after[0])}::char(2), ${params.add(after[1])}::text, ${params.add(after[2])}::text)`,
    );
  }
  const having = filter.status === ExceptionStatus.OPEN ? `HAVING ${OPEN}` : filter.status ? `HAVING NOT ${OPEN}` : '';
  const versions = countOnly
    ? ''
    : `, json_agg(json_build_object(
                   'id', e.id::text, 'submissionId', e.submission_id, 'recordNumber', e.record_number,
                   'icnAdj', coalesce(e.icn_adj, nullif(v.icn_adj, '')), 'fieldName', e.field_name, 'reason', e.reason, 'derived', e.derived,
                   'createdAt', e.created_at, 'resolvedAt', e.resolved_at,
                   'raisedByCause', e.raised_by_cause, 'resolvedByCause', e.resolved_by_cause) ORDER BY e.id) AS versions`;
  return `SELECT e.state_code, e.code, coalesce(e.icn_orig, '') AS icn ${versions}
            FROM reconciliation_exception e
           ${countOnly ? '' : 'LEFT JOIN claim_version v ON v.id = e.claim_version_id'}
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           GROUP BY ${KEY}
           ${having}`;
}

/**
 * One page of `exceptions(filter)` for a reader confined to `ownState` (null: every state):
 * keyset on the group key, `first + 1` groups. Exported so the read path's plan can be checked.
 */
export function stateExceptionsPageQuery(
  ownState: string | null,
  filter: StateExceptionFilter,
  page: PageArgs,
): { sql: string; params: unknown[] } {
  const after = page.after ? decodeCursor(page.after, 3) : undefined;
  if (after && !after.every((v) => typeof v === 'string')) throw invalidCursor();
  const params = new SqlParams();
  const grouped = groupedSql(ownState, filter, params, after as [string, string, string] | undefined);
  return { sql: `${grouped} ORDER BY ${KEY} LIMIT ${params.add(page.first + 1)}`, params: params.values };
}

const dateOf = (text: string | null): Date | null => (text === null ? null : new Date(text));

function toStateException(row: GroupRow): StateException {
  const facts = row.versions.map((v) => ({
    submissionId: v.submissionId,
    derived: v.derived,
    createdAt: new Date(v.createdAt),
    resolvedAt: dateOf(v.resolvedAt),
    raisedByCause: v.raisedByCause,
    resolvedByCause: v.resolvedByCause,
  }));
  const versions: StateExceptionVersion[] = row.versions.map((v, i) => ({
    ...exceptionStateOf(facts[i]),
    exceptionId: v.id,
    submissionId: v.submissionId,
    recordNumber: v.recordNumber === null ? null : Number(v.recordNumber),
    icnAdj: v.icnAdj,
    fieldName: v.fieldName,
    reason: v.reason,
  }));
  const group = exceptionGroupStateOf(facts);
  return {
    ...group,
    id: versions[0].exceptionId,
    stateCode: row.state_code.trim(),
    code: row.code,
    icnOrig: row.icn === '' ? null : row.icn,
    reason: versions[versions.length - 1].reason,
    versions,
  };
}

const causeText = (cause: ExceptionCauseRef | null) => (cause ? `${cause.type}:${cause.id}` : null);
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The CSV of `exceptions(filter)`: one line per (state, code, ICN-ORIG), its versions in one cell. */
const STATE_EXCEPTIONS_CSV: CsvColumn<StateException>[] = [
  { header: 'state', kind: 'text', value: (e) => e.stateCode },
  { header: 'code', kind: 'text', value: (e) => e.code },
  { header: 'icn_orig', kind: 'text', value: (e) => e.icnOrig },
  { header: 'status', kind: 'text', value: (e) => e.status },
  { header: 'raised_at', kind: 'text', value: (e) => iso(e.raisedAt) },
  { header: 'raised_by', kind: 'text', value: (e) => causeText(e.raisedBy) },
  { header: 'resolved_at', kind: 'text', value: (e) => iso(e.resolvedAt) },
  { header: 'resolved_by', kind: 'text', value: (e) => causeText(e.resolvedBy) },
  { header: 'version_count', kind: 'number', value: (e) => e.versions.length },
  {
    header: 'versions',
    kind: 'text',
    value: (e) =>
      e.versions
        .map(
          (v) =>
            `record ${v.recordNumber ?? '?'} of submission ${v.submissionId}` +
            `${v.icnAdj ? ` (ICN-ADJ ${v.icnAdj})` : ''}: ${v.status}`,
        )
        .join('; '),
  },
  { header: 'reason', kind: 'text', value: (e) => e.reason },
];

/**
 * State-wide exceptions: one row per (state, code, ICN-ORIG), whichever submission
 * each version came in, with its status and what resolved it. Read like claim files: state staff
 * their own state, coordinators and auditors every state, manufacturers nothing.
 */
@Injectable()
export class StateExceptionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, filter: StateExceptionFilter, page: PageArgs): Promise<ConnectionShape<StateException>> {
    const ownState = claimReadState(actor);
    const query = stateExceptionsPageQuery(ownState, filter, page);
    const rows = await this.dataSource.query<GroupRow[]>(query.sql, query.params);
    let counted: Promise<number> | undefined;
    const totalCount = () => (counted ??= this.count(ownState, filter));
    return connectionFromRows(rows.map(toStateException), page.first, totalCount, (e) => [
      e.stateCode,
      e.code,
      e.icnOrig ?? '',
    ]);
  }

  /** Streams the same rows as CSV (a cursor, batch by batch). */
  async writeCsv(actor: Actor, filter: StateExceptionFilter, out: Writable): Promise<void> {
    const ownState = claimReadState(actor);
    const params = new SqlParams();
    const sql = `${groupedSql(ownState, filter, params)} ORDER BY ${KEY}`;
    const batches = queryBatches<GroupRow>(this.dataSource, sql, params.values);
    await pipeline(Readable.from(csvChunks(STATE_EXCEPTIONS_CSV, mapBatches(batches))), out);
  }

  /** Refuses a reader outside claim files before any response is started. */
  checkMayRead(actor: Actor): void {
    claimReadState(actor);
  }

  private async count(ownState: string | null, filter: StateExceptionFilter): Promise<number> {
    const params = new SqlParams();
    const [row] = await this.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM (${groupedSql(ownState, filter, params, undefined, true)}) g`,
      params.values,
    );
    return Number(row.n);
  }
}

async function* mapBatches(batches: AsyncIterable<GroupRow[]>): AsyncGenerator<StateException[]> {
  for await (const batch of batches) yield batch.map(toStateException);
}

function invalidCursor(): CommonError {
  return new CommonError(CommonErrorCode.INVALID_CURSOR, 'Cursor is not valid for this list');
}
