import type { SelectQueryBuilder } from 'typeorm';
import { Role, systemActor, type Actor } from './actor';
import {
  applyReadScope,
  mayReadClaimDetail,
  readScopeOf,
  readScopeParams,
  readScopeSql,
  type ReadScope,
} from './read-scope';

function actor(role: Actor['role'], stateCode: string | null = null, manufacturerId: string | null = null): Actor {
  return { kind: 'user', userId: 'u1', role, label: 'test', stateCode, manufacturerId };
}

const MANUFACTURER = '00000000-0000-4000-8000-000000000001';

describe('readScopeOf', () => {
  it.each<[string, Actor, ReadScope]>([
    ['a federal coordinator reads everything', actor(Role.FEDERAL_COORDINATOR), { kind: 'ALL' }],
    ['an auditor reads everything', actor(Role.AUDITOR), { kind: 'ALL' }],
    ['the platform reads everything', systemActor('worker'), { kind: 'ALL' }],
    ['a coordinator carrying a state still reads everything', actor(Role.FEDERAL_COORDINATOR, 'NY'), { kind: 'ALL' }],
    ['state staff read their state', actor(Role.STATE_STAFF, 'NY'), { kind: 'STATE', stateCode: 'NY' }],
    ['state staff without a state read nothing', actor(Role.STATE_STAFF), { kind: 'NONE' }],
    ['state staff carrying a manufacturer read nothing', actor(Role.STATE_STAFF, null, MANUFACTURER), { kind: 'NONE' }],
    [
      'manufacturer staff read their manufacturer',
      actor(Role.MANUFACTURER_STAFF, null, MANUFACTURER),
      { kind: 'MANUFACTURER', manufacturerId: MANUFACTURER },
    ],
    [
      'manufacturer staff carrying a state still read by manufacturer',
      actor(Role.MANUFACTURER_STAFF, 'NY', MANUFACTURER),
      { kind: 'MANUFACTURER', manufacturerId: MANUFACTURER },
    ],
    ['manufacturer staff without a manufacturer read nothing', actor(Role.MANUFACTURER_STAFF, 'NY'), { kind: 'NONE' }],
    ['an unknown role reads nothing', actor('ANONYMOUS' as Role), { kind: 'NONE' }],
  ])('%s', (_, who, expected) => {
    expect(readScopeOf(who)).toEqual(expected);
  });
});

describe('mayReadClaimDetail (minimum necessary)', () => {
  it.each<[string, Actor, boolean]>([
    ['a federal coordinator sees the claim detail', actor(Role.FEDERAL_COORDINATOR), true],
    ['an auditor sees the claim detail', actor(Role.AUDITOR), true],
    ['the platform sees the claim detail', systemActor('worker'), true],
    ['staff of the owning state see the claim detail', actor(Role.STATE_STAFF, 'NY'), true],
    ['staff of another state do not', actor(Role.STATE_STAFF, 'TX'), false],
    ['manufacturer staff do not, even of the product', actor(Role.MANUFACTURER_STAFF, null, MANUFACTURER), false],
    ['manufacturer staff carrying the state do not', actor(Role.MANUFACTURER_STAFF, 'NY', MANUFACTURER), false],
    ['an unknown role does not', actor('ANONYMOUS' as Role), false],
  ])('%s', (_, who, expected) => {
    expect(mayReadClaimDetail(who, 'NY')).toBe(expected);
  });
});

describe('readScopeParams', () => {
  it.each<[Exclude<ReadScope, { kind: 'NONE' }>, [string | null, string | null]]>([
    [{ kind: 'ALL' }, [null, null]],
    [{ kind: 'STATE', stateCode: 'TX' }, ['TX', null]],
    [{ kind: 'MANUFACTURER', manufacturerId: MANUFACTURER }, [null, MANUFACTURER]],
  ])('%j gives %j', (scope, expected) => {
    expect(readScopeParams(scope)).toEqual(expected);
  });
});

describe('applyReadScope', () => {
  function conditionsOf(scope: ReadScope, columns?: { stateColumn: string; labelerColumn: string }) {
    const calls: [string, Record<string, unknown> | undefined][] = [];
    const qb = {
      andWhere: (where: string, params?: Record<string, unknown>) => {
        calls.push([where, params]);
        return qb;
      },
    } as unknown as SelectQueryBuilder<object>;
    applyReadScope(qb, scope, 'x', columns);
    return calls;
  }

  it.each<[ReadScope, [string, Record<string, unknown> | undefined][]]>([
    [{ kind: 'ALL' }, []],
    [{ kind: 'STATE', stateCode: 'NY' }, [['x.state_code = :scopeState', { scopeState: 'NY' }]]],
    [
      { kind: 'MANUFACTURER', manufacturerId: MANUFACTURER },
      [
        [
          'x.labeler_code IN (SELECT code FROM labeler_code WHERE manufacturer_id = :scopeManufacturer)',
          { scopeManufacturer: MANUFACTURER },
        ],
      ],
    ],
    [{ kind: 'NONE' }, [['false', undefined]]],
  ])('%j adds %j', (scope, expected) => {
    expect(conditionsOf(scope)).toEqual(expected);
  });

  it('uses the given columns', () => {
    expect(conditionsOf({ kind: 'STATE', stateCode: 'NY' }, { stateColumn: 'st', labelerColumn: 'lab' })).toEqual([
      ['x.st = :scopeState', { scopeState: 'NY' }],
    ]);
  });
});

describe('readScopeSql', () => {
  it('compares the state and the manufacturer parameters, each null for no restriction', () => {
    expect(readScopeSql('s', '$5', '$6').replace(/\s+/g, ' ')).toBe(
      '($5::text IS NULL OR s.state_code = $5) AND ($6::uuid IS NULL OR s.labeler_code IN (SELECT code FROM labeler_code WHERE manufacturer_id = $6))',
    );
  });
});
