import { Role, type Actor } from '@lib/common';

/** What is simulated: a stored agreement version, or an unsaved term sheet for a product. */
export type SimulationSubject =
  | {
      kind: 'VERSION';
      manufacturerId: string;
      agreementExecuted: boolean;
      versionExecuted: boolean;
    }
  | { kind: 'TERMS'; manufacturerId: string };

export type SimulateRefusal = 'ROLE' | 'OTHER_MANUFACTURER' | 'NOT_EXECUTED' | 'UNSAVED_TERMS' | 'OTHER_STATES';

/**
 * Who may simulate what (README "Term-sheet simulator", Access): coordinators anything; a
 * manufacturer's staff the versions of its own agreements and term sheets for its own products;
 * state staff the executed terms of an executed agreement, for their own state only (the volume
 * pool aside); auditors read runs but start none. Nobody reaches another manufacturer's terms: the
 * caller resolves the subject through the agreements' own scope first, so a foreign id is
 * NOT_FOUND.
 */
export function simulateRefusal(
  actor: Actor,
  subject: SimulationSubject,
  stateCodes: readonly string[],
): SimulateRefusal | null {
  switch (actor.role) {
    case Role.FEDERAL_COORDINATOR:
    case 'SYSTEM':
      return null;
    case Role.MANUFACTURER_STAFF:
      return subject.manufacturerId === actor.manufacturerId ? null : 'OTHER_MANUFACTURER';
    case Role.STATE_STAFF:
      if (subject.kind === 'TERMS') return 'UNSAVED_TERMS';
      if (!subject.agreementExecuted || !subject.versionExecuted) return 'NOT_EXECUTED';
      return stateCodes.every((s) => s === actor.stateCode) ? null : 'OTHER_STATES';
    default:
      return 'ROLE';
  }
}

export const REFUSAL_TEXT: Record<SimulateRefusal, string> = {
  ROLE: 'Only coordinators, manufacturer staff and state staff run simulations (auditors read them)',
  OTHER_MANUFACTURER: 'A manufacturer simulates its own agreements and products only',
  NOT_EXECUTED: 'State staff simulate executed terms only',
  UNSAVED_TERMS: 'State staff simulate executed agreement versions, not unsaved term sheets',
  OTHER_STATES: 'State staff simulate their own state only (other states count through the volume pool)',
};

/** The tenant a run belongs to: its results are read by that tenant (and coordinators, auditors). */
export interface SimulationOwner {
  ownerRole: string;
  ownerStateCode: string | null;
  ownerManufacturerId: string | null;
}

export function ownerOf(actor: Actor): SimulationOwner {
  return {
    ownerRole: actor.role,
    ownerStateCode: actor.role === Role.STATE_STAFF ? actor.stateCode : null,
    ownerManufacturerId: actor.role === Role.MANUFACTURER_STAFF ? actor.manufacturerId : null,
  };
}

/**
 * Who reads a stored run: coordinators and auditors all; a manufacturer's staff the runs of its
 * own staff; state staff the runs of their own state's staff. A coordinator's run of a draft
 * stays with CMS (its assumptions are negotiating positions).
 */
export function mayReadSimulation(actor: Actor, owner: SimulationOwner): boolean {
  switch (actor.role) {
    case Role.FEDERAL_COORDINATOR:
    case Role.AUDITOR:
    case 'SYSTEM':
      return true;
    case Role.MANUFACTURER_STAFF:
      return owner.ownerRole === String(Role.MANUFACTURER_STAFF) && owner.ownerManufacturerId === actor.manufacturerId;
    case Role.STATE_STAFF:
      return owner.ownerRole === String(Role.STATE_STAFF) && owner.ownerStateCode === actor.stateCode;
  }
}
