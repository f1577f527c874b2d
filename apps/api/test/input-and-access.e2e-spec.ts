import { encodeCursor } from '@lib/common';
import { JobQueue, QueueName } from '@lib/queue';
import { graphql, signInCast, startTestStack, stopTestStack, type GraphqlResponse, type TestStack } from '@lib/testing';

/**
 * README "Security", rows "Schema discovery", "Queue dashboard (`/queues`)" and "Bad input as
 * masked 500s": anonymous introspection of the whole schema; a read-write Bull Board whose POST
 * endpoints did not check the Origin; NUL bytes in string inputs and malformed cursors answered
 * with masked 500s.
 */
describe('introspection, the queue dashboard, NUL bytes and cursors', () => {
  let stack: TestStack;
  let tokens: Record<string, string>;
  const url = () => stack.api.url;
  const codeOf = (result: GraphqlResponse<unknown>) => result.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    stack = await startTestStack();
    tokens = await signInCast(stack, ['coordinator', 'auditor', 'NY', 'vertex']);
  });

  afterAll(async () => {
    await stopTestStack(stack);
  });

  describe('introspection', () => {
    it.each([
      ['__schema', '{ __schema { queryType { name } } }'],
      ['__type', '{ __type(name: "Episode") { fields { name } } }'],
      ['__schema inside a fragment', 'query { ...S } fragment S on Query { __schema { types { name } } }'],
    ])('refuses %s to anonymous callers with a clear 401', async (_case, query) => {
      const response = await fetch(`${url()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as {
        data?: unknown;
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(response.status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors[0]).toMatchObject({
        message: expect.stringContaining('signed-in users only') as string,
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });

    it('refuses an invalid token too, and answers every signed-in role', async () => {
      expect(codeOf(await graphql(url(), '{ __schema { queryType { name } } }', {}, 'not-a-token'))).toBe(
        'UNAUTHENTICATED',
      );
      for (const who of ['coordinator', 'auditor', 'NY', 'vertex']) {
        const result = await graphql<{ __schema: { queryType: { name: string } } }>(
          url(),
          '{ __schema { queryType { name } } }',
          {},
          tokens[who],
        );
        expect({ who, data: result.data }).toEqual({ who, data: { __schema: { queryType: { name: 'Query' } } } });
      }
    });

    it('still answers __typename to anyone', async () => {
      expect((await graphql(url(), '{ __typename }')).data).toEqual({ __typename: 'Query' });
    });
  });

  describe('NUL bytes in string inputs answer BAD_USER_INPUT naming the field', () => {
    const LOGIN = 'mutation($input: LoginInput!) { signIn(input: $input) { token } }';

    it('in GraphQL variables', async () => {
      const result = await graphql(url(), LOGIN, { input: { email: 'a\u0000@test.gov', password: 'x' } });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        violations: [{ path: 'input.email', message: 'must not contain a NUL character (\\u0000)' }],
      });
    });

    it('in GraphQL literals, nested inputs and lists', async () => {
      const literal = await graphql(
        url(),
        'mutation { signIn(input: { email: "a\\u0000@test.gov", password: "x" }) { token } }',
      );
      expect(codeOf(literal)).toBe('BAD_USER_INPUT');
      const nested = await graphql(
        url(),
        `
          mutation ($input: ReportOutcomeObservationInput!) {
            reportOutcomeObservation(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            episodeRef: 'EP-0000-0000-0000-0001',
            eventDate: '2026-05-20',
            eventCode: 'CRISIS',
            evidenceRef: 'chart\u00007',
          },
        },
        tokens.NY,
      );
      expect(nested.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        violations: [expect.objectContaining({ path: 'input.evidenceRef' })],
      });
    });

    it('in REST bodies and query strings', async () => {
      const session = await fetch(`${url()}/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'coord@test.gov', password: 'pass\u0000word' }),
      });
      expect(session.status).toBe(400);
      expect(await session.json()).toMatchObject({
        error: { category: 'BAD_USER_INPUT', violations: [expect.objectContaining({ path: 'password' })] },
      });
      const upload = await fetch(`${url()}/v1/states/NY/claim-files?fileName=a%00b.txt`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.NY}`, 'content-type': 'application/octet-stream' },
        body: 'x',
      });
      expect(upload.status).toBe(400);
    });
  });

  describe('malformed cursors answer BAD_USER_INPUT (INVALID_CURSOR)', () => {
    it.each([
      ['not base64 JSON', 'ledgerEntries', '%%%'],
      ['a text value for a bigint key', 'ledgerEntries', encodeCursor(['not-a-number'])],
      ['a text value for a date key', 'episodes', encodeCursor(['not-a-date', 'EP-1'])],
      ['a text value for a uuid key', 'auditEvents', encodeCursor(['not-a-uuid'])],
      ['a wrong number of values', 'episodes', encodeCursor(['2026-01-01'])],
    ])('%s (%s)', async (_case, list, after) => {
      const result = await graphql(
        url(),
        `query($after: String) { ${list}(after: $after) { totalCount } }`,
        { after },
        tokens.coordinator,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    });
  });

  describe('the queue dashboard at /queues', () => {
    const as = (who: string, init: RequestInit = {}) =>
      fetch(`${url()}/queues/api/queues/maintenance/pause`, {
        method: 'PUT',
        ...init,
        headers: { authorization: `Bearer ${tokens[who]}`, ...(init.headers as Record<string, string>) },
      });
    const paused = () => stack.worker.context.get(JobQueue).queue(QueueName.MAINTENANCE).isPaused();

    it('is read-only for auditors: the board says so and every action is refused', async () => {
      const board = await fetch(`${url()}/queues/api/queues`, {
        headers: { authorization: `Bearer ${tokens.auditor}` },
      });
      expect(board.status).toBe(200);
      const { queues } = (await board.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
      expect(queues.length).toBeGreaterThan(0);
      expect(queues.every((q) => q.readOnlyMode)).toBe(true);
      const action = await as('auditor', { headers: { origin: url() } });
      expect(action.status).toBe(403);
      expect(await action.text()).toContain('read-only');
    });

    it('lets coordinators act, only from this host (Origin check)', async () => {
      const board = await fetch(`${url()}/queues/api/queues`, {
        headers: { authorization: `Bearer ${tokens.coordinator}` },
      });
      const { queues } = (await board.json()) as { queues: { readOnlyMode: boolean }[] };
      expect(queues.every((q) => !q.readOnlyMode)).toBe(true);
      expect((await as('coordinator')).status).toBe(403);
      expect((await as('coordinator', { headers: { origin: 'https://evil.example' } })).status).toBe(403);
      expect((await as('coordinator', { headers: { referer: 'https://evil.example/queues' } })).status).toBe(403);
      expect(await paused()).toBe(false);
      const allowed = await as('coordinator', { headers: { origin: url() } });
      expect(allowed.status).toBeLessThan(300);
      expect(await paused()).toBe(true);
      const resume = await fetch(`${url()}/queues/api/queues/maintenance/resume`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens.coordinator}`, referer: `${url()}/queues` },
      });
      expect(resume.status).toBeLessThan(300);
      expect(await paused()).toBe(false);
    });

    it('refuses state and manufacturer staff', async () => {
      for (const who of ['NY', 'vertex']) {
        const response = await fetch(`${url()}/queues/api/queues`, {
          headers: { authorization: `Bearer ${tokens[who]}` },
        });
        expect({ who, status: response.status }).toEqual({ who, status: 403 });
      }
    });
  });
});
