import { Role, type Actor } from '@lib/common';

/** Actors for service-level tests (no login needed). */
export function coordinatorActor(): Actor {
  return {
    kind: 'user',
    userId: null,
    role: Role.FEDERAL_COORDINATOR,
    label: 'coord@test.gov',
    stateCode: null,
    manufacturerId: null,
  };
}

export function manufacturerActor(manufacturerId: string, label = 'mfr@test.com'): Actor {
  return { kind: 'user', userId: null, role: Role.MANUFACTURER_STAFF, label, stateCode: null, manufacturerId };
}

export function stateActor(stateCode: string): Actor {
  return {
    kind: 'user',
    userId: null,
    role: Role.STATE_STAFF,
    label: `${stateCode.toLowerCase()}@test.gov`,
    stateCode,
    manufacturerId: null,
  };
}

export function auditorActor(): Actor {
  return {
    kind: 'user',
    userId: null,
    role: Role.AUDITOR,
    label: 'auditor@test.gov',
    stateCode: null,
    manufacturerId: null,
  };
}
