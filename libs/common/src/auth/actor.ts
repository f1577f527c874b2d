/** Each user has exactly one role. */
export enum Role {
  FEDERAL_COORDINATOR = 'FEDERAL_COORDINATOR',
  STATE_STAFF = 'STATE_STAFF',
  MANUFACTURER_STAFF = 'MANUFACTURER_STAFF',
  AUDITOR = 'AUDITOR',
}

/**
 * Who is acting. Services take `(actor, input)` and check access first (style.md habit 1).
 * STATE_STAFF carry their state (USPS code); MANUFACTURER_STAFF their manufacturer id.
 */
export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  role: Role | 'SYSTEM';
  label: string;
  stateCode: string | null;
  manufacturerId: string | null;
}

/** The platform itself (worker reconciliation, automatic quarter close). */
export function systemActor(label: string): Actor {
  return { kind: 'system', userId: null, role: 'SYSTEM', label, stateCode: null, manufacturerId: null };
}

export function isCoordinator(actor: Actor): boolean {
  return actor.role === Role.FEDERAL_COORDINATOR || actor.role === 'SYSTEM';
}

/** Coordinators and auditors read everything; auditors change nothing. */
export function readsEverything(actor: Actor): boolean {
  return actor.role === Role.FEDERAL_COORDINATOR || actor.role === Role.AUDITOR || actor.role === 'SYSTEM';
}
