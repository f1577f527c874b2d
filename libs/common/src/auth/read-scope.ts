import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { readsEverything, Role, type Actor } from './actor';

/**
 * Which rows an actor may read (style.md habit 5), for every table that carries a state code
 * and a labeler code: coordinators and auditors everything, state staff their own state,
 * manufacturer staff the labeler codes of their own manufacturer (the labeler_code table links
 * them), anyone else nothing. Each service decides what NONE means to its caller (FORBIDDEN or
 * an empty list); rows outside the scope are NOT_FOUND, never FORBIDDEN.
 */
export type ReadScope =
  | { kind: 'ALL' }
  | { kind: 'STATE'; stateCode: string }
  | { kind: 'MANUFACTURER'; manufacturerId: string }
  | { kind: 'NONE' };

/** A scope that reads something (callers answer NONE themselves). */
export type SomeReadScope = Exclude<ReadScope, { kind: 'NONE' }>;

export function readScopeOf(actor: Actor): ReadScope {
  if (readsEverything(actor)) return { kind: 'ALL' };
  if (actor.role === Role.STATE_STAFF && actor.stateCode) return { kind: 'STATE', stateCode: actor.stateCode };
  if (actor.role === Role.MANUFACTURER_STAFF && actor.manufacturerId)
    return { kind: 'MANUFACTURER', manufacturerId: actor.manufacturerId };
  return { kind: 'NONE' };
}

/** The labeler codes of the manufacturer given by the SQL expression `manufacturer` (a parameter). */
export function labelersOfManufacturerSql(manufacturer: string): string {
  return `SELECT code FROM labeler_code WHERE manufacturer_id = ${manufacturer}`;
}

/** The columns of a scoped table, relative to its query alias. */
export interface ScopedColumns {
  stateColumn: string;
  labelerColumn: string;
}

const DEFAULT_COLUMNS: ScopedColumns = { stateColumn: 'state_code', labelerColumn: 'labeler_code' };

/** Narrows a query over `alias` (a table with state and labeler columns) to the rows of `scope`; NONE matches nothing. */
export function applyReadScope<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  scope: ReadScope,
  alias: string,
  columns: ScopedColumns = DEFAULT_COLUMNS,
): void {
  switch (scope.kind) {
    case 'ALL':
      return;
    case 'STATE':
      qb.andWhere(`${alias}.${columns.stateColumn} = :scopeState`, { scopeState: scope.stateCode });
      return;
    case 'MANUFACTURER':
      qb.andWhere(`${alias}.${columns.labelerColumn} IN (${labelersOfManufacturerSql(':scopeManufacturer')})`, {
        scopeManufacturer: scope.manufacturerId,
      });
      return;
    case 'NONE':
      qb.andWhere('false');
  }
}

/**
 * Whether the actor sees the claim detail behind a row of `stateCode` (README "Security",
 * minimum necessary): ICNs, diagnosis and event codes, exact event dates, paid amounts and the
 * free text a state typed (evidence references, notes). Coordinators, auditors and staff of the
 * owning state do; a manufacturer sees what verifying a rebate needs (episode reference, product,
 * NDC, administration date, benchmark, and the fact and month of a failure with its category).
 */
export function mayReadClaimDetail(actor: Actor, stateCode: string): boolean {
  const scope = readScopeOf(actor);
  return scope.kind === 'ALL' || (scope.kind === 'STATE' && scope.stateCode === stateCode);
}

/** Positional parameters for `readScopeSql`: [state or null, manufacturer id or null]. */
export function readScopeParams(scope: SomeReadScope): [string | null, string | null] {
  switch (scope.kind) {
    case 'ALL':
      return [null, null];
    case 'STATE':
      return [scope.stateCode, null];
    case 'MANUFACTURER':
      return [null, scope.manufacturerId];
  }
}

/**
 * The raw-SQL condition restricting `alias` to a scope passed as two positional parameters
 * (`stateParam`, `manufacturerParam`, e.g. '$5' and '$6', filled by `readScopeParams`).
 */
export function readScopeSql(
  alias: string,
  stateParam: string,
  manufacturerParam: string,
  columns: ScopedColumns = DEFAULT_COLUMNS,
): string {
  return `(${stateParam}::text IS NULL OR ${alias}.${columns.stateColumn} = ${stateParam})
      AND (${manufacturerParam}::uuid IS NULL OR ${alias}.${columns.labelerColumn} IN (${labelersOfManufacturerSql(manufacturerParam)}))`;
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
  const scope = readScopeOf(actor);
  return scope.kind === 'MANUFACTURER' && (await manufacturerOfLabeler(manager, labelerCode)) === scope.manufacturerId;
}

/** Whether the actor may read this one row (single reads answer NOT_FOUND when not). */
export async function mayReadRow(
  manager: EntityManager,
  actor: Actor,
  row: { stateCode: string; labelerCode: string },
): Promise<boolean> {
  const scope = readScopeOf(actor);
  switch (scope.kind) {
    case 'ALL':
      return true;
    case 'STATE':
      return scope.stateCode === row.stateCode;
    case 'MANUFACTURER':
      return ownsLabeler(manager, actor, row.labelerCode);
    case 'NONE':
      return false;
  }
}
