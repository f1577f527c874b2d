import { Role, type Actor } from '@lib/common';
import { mayReadSimulation, ownerOf, simulateRefusal, type SimulationSubject } from './simulation-access';

const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({
  kind: 'user',
  userId: 'u',
  role,
  label: 'x',
  stateCode: null,
  manufacturerId: null,
  ...extra,
});
const coordinator = actor(Role.FEDERAL_COORDINATOR);
const auditor = actor(Role.AUDITOR);
const vertex = actor(Role.MANUFACTURER_STAFF, { manufacturerId: 'vertex' });
const genetix = actor(Role.MANUFACTURER_STAFF, { manufacturerId: 'genetix' });
const ny = actor(Role.STATE_STAFF, { stateCode: 'NY' });

const draft: SimulationSubject = {
  kind: 'VERSION',
  manufacturerId: 'vertex',
  agreementExecuted: false,
  versionExecuted: false,
};
const executed: SimulationSubject = {
  kind: 'VERSION',
  manufacturerId: 'vertex',
  agreementExecuted: true,
  versionExecuted: true,
};
const counterOffer: SimulationSubject = {
  kind: 'VERSION',
  manufacturerId: 'vertex',
  agreementExecuted: true,
  versionExecuted: false,
};
const unsaved: SimulationSubject = { kind: 'TERMS', manufacturerId: 'vertex' };

describe('who may simulate what', () => {
  it.each<[string, Actor, SimulationSubject, string[], string | null]>([
    ['a coordinator: a draft, any states', coordinator, draft, ['NY', 'TX'], null],
    ['a coordinator: unsaved terms', coordinator, unsaved, ['NY'], null],
    ['the manufacturer: its own draft', vertex, draft, ['NY', 'TX'], null],
    ['the manufacturer: unsaved terms for its product', vertex, unsaved, ['NY'], null],
    ['another manufacturer: never', genetix, executed, ['NY'], 'OTHER_MANUFACTURER'],
    [
      'another manufacturer: not unsaved terms for a product not its own',
      genetix,
      unsaved,
      ['NY'],
      'OTHER_MANUFACTURER',
    ],
    ['a state: executed terms for itself', ny, executed, ['NY'], null],
    ['a state: not for other states', ny, executed, ['NY', 'TX'], 'OTHER_STATES'],
    ['a state: not a draft', ny, draft, ['NY'], 'NOT_EXECUTED'],
    ['a state: not an amendment under negotiation', ny, counterOffer, ['NY'], 'NOT_EXECUTED'],
    ['a state: not unsaved terms', ny, unsaved, ['NY'], 'UNSAVED_TERMS'],
    ['an auditor: reads, runs nothing', auditor, executed, ['NY'], 'ROLE'],
  ])('%s', (_case, who, subject, states, expected) => {
    expect(simulateRefusal(who, subject, states)).toBe(expected);
  });
});

describe('who reads a stored run', () => {
  it.each<[string, Actor, Actor, boolean]>([
    ['coordinators read every run', coordinator, vertex, true],
    ['auditors read every run', auditor, ny, true],
    ["a manufacturer reads its own staff's runs", vertex, vertex, true],
    ["a manufacturer never reads another manufacturer's runs", genetix, vertex, false],
    ["a manufacturer does not read CMS's runs of its draft", vertex, coordinator, false],
    ["a state reads its own staff's runs", ny, ny, true],
    ['a state reads no other run', ny, coordinator, false],
  ])('%s', (_case, reader, creator, expected) => {
    expect(mayReadSimulation(reader, ownerOf(creator))).toBe(expected);
  });
});
