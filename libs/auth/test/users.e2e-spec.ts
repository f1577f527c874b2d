import { Role } from '@lib/common';
import {
  createTestDatabase,
  graphql,
  graphqlOk,
  insertUser,
  manufacturerIdOf,
  signIn,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role stateCode manufacturerId active } }`;

describe('users over GraphQL (coordinators create and disable; every change audited)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let coordinator: string;
  let stateStaff: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    await insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR });
    await insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' });
    coordinator = await signIn(api.url, 'coord@test.gov', 'test-password-123');
    stateStaff = await signIn(api.url, 'ny@test.gov', 'test-password-123');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('creates a manufacturer user bound to its manufacturer, and audits it', async () => {
    const manufacturerId = await manufacturerIdOf(db.url, '51167');
    const created = await graphqlOk<{ createUser: { id: string; role: string; manufacturerId: string } }>(
      api.url,
      CREATE,
      {
        input: {
          email: 'New.User@Vertex.example.com',
          displayName: 'New',
          role: 'MANUFACTURER_STAFF',
          password: 'long-enough-pass',
          manufacturerId,
        },
      },
      coordinator,
    );
    expect(created.createUser).toMatchObject({ role: 'MANUFACTURER_STAFF', manufacturerId });
    const audit = await graphqlOk<{
      auditEvents: { edges: { node: { action: string; actorLabel: string; after: { email: string } } }[] };
    }>(
      api.url,
      `query($f: AuditFilterInput) { auditEvents(filter: $f) { edges { node { action actorLabel after } } } }`,
      { f: { entityId: created.createUser.id } },
      coordinator,
    );
    expect(audit.auditEvents.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        action: 'user.created',
        actorLabel: 'coord@test.gov',
        after: expect.objectContaining({ email: 'new.user@vertex.example.com' }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('passwordHash');
  });

  it.each([
    [{ role: 'STATE_STAFF' }, 'input.stateCode', 'state staff must be bound to a state'],
    [{ role: 'STATE_STAFF', stateCode: 'ZZ' }, 'input.stateCode', 'unknown state ZZ'],
    [{ role: 'AUDITOR', stateCode: 'NY' }, 'input.stateCode', 'only STATE_STAFF are bound to a state, not AUDITOR'],
    [{ role: 'MANUFACTURER_STAFF' }, 'input.manufacturerId', 'manufacturer staff must be bound to a manufacturer'],
    [{ role: 'AUDITOR', password: 'short' }, 'input.password', 'password must be at least 12 characters'],
    [{ role: 'AUDITOR', email: 'not-an-email' }, 'input.email', 'email must be a valid email address'],
  ])('refuses %j with a violation at %s', async (fields, path, message) => {
    const result = await graphql(
      api.url,
      CREATE,
      { input: { email: 'x@test.gov', displayName: 'X', password: 'long-enough-pass', ...fields } },
      coordinator,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: expect.arrayContaining([{ path, message }]),
    });
  });

  it('refuses a duplicate email with CONFLICT', async () => {
    const result = await graphql(
      api.url,
      CREATE,
      { input: { email: 'ny@test.gov', displayName: 'X', password: 'long-enough-pass', role: 'AUDITOR' } },
      coordinator,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
  });

  it('refuses user management to state staff', async () => {
    const result = await graphql(
      api.url,
      CREATE,
      { input: { email: 'y@test.gov', displayName: 'Y', password: 'long-enough-pass', role: 'AUDITOR' } },
      stateStaff,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('disabling a user stops their token at once and their login', async () => {
    const user = await insertUser(db.url, { email: 'leaver@test.gov', role: Role.AUDITOR });
    const token = await signIn(api.url, user.email, user.password);
    await graphqlOk(
      api.url,
      `mutation($id: ID!) { disableUser(userId: $id) { active } }`,
      { id: user.id },
      coordinator,
    );
    const me = await graphql(api.url, '{ me { email } }', {}, token);
    expect(me.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'USER_DISABLED' });
    const login = await graphql(api.url, 'mutation($i: LoginInput!) { signIn(input: $i) { token } }', {
      i: { email: user.email, password: user.password },
    });
    expect(login.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_CREDENTIALS' });
    await graphqlOk(api.url, `mutation($id: ID!) { enableUser(userId: $id) { active } }`, { id: user.id }, coordinator);
    expect((await graphql(api.url, '{ me { email } }', {}, token)).data).toEqual({ me: { email: 'leaver@test.gov' } });
  });

  it('answers a malformed user id with BAD_USER_INPUT, not a 500', async () => {
    const result = await graphql(
      api.url,
      `
        mutation {
          disableUser(userId: "nope") {
            active
          }
        }
      `,
      {},
      coordinator,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
