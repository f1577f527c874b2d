import { casgevyTerms, NegotiationService } from '@lib/agreements';
import { Role, systemActor, type Actor } from '@lib/common';
import { JobQueue } from '@lib/queue';
import {
  executedCasgevyAgreement,
  graphql,
  graphqlOk,
  signInCast,
  startTestStack,
  stopTestStack,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

const REQUEST_FIELDS = `id stateCode cause causeLabel causeId pending attempts requestedAt enqueuedAt completedAt lastError`;
const LIST = `query($filter: ReconciliationRequestFilterInput, $first: Int, $after: String) {
  reconciliationRequests(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${REQUEST_FIELDS} } } } }`;
const JOIN = `mutation($input: JoinAgreementInput!) { joinAgreement(input: $input) {
  id reconciliationRequests { ${REQUEST_FIELDS} } } }`;
const LEAVE = `mutation($input: LeaveAgreementInput!) { leaveAgreement(input: $input) {
  id reconciliationRequests { ${REQUEST_FIELDS} } } }`;
const ACCEPT = `mutation($input: AcceptAgreementVersionInput!) { acceptAgreementVersion(input: $input) {
  id status reconciliationRequests { ${REQUEST_FIELDS} } } }`;

interface RequestView {
  id: string;
  stateCode: string;
  cause: string;
  causeLabel: string;
  causeId: string;
  pending: boolean;
  attempts: number;
  requestedAt: string;
  enqueuedAt: string | null;
  completedAt: string | null;
  lastError: string | null;
}
interface Page {
  reconciliationRequests: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: RequestView }[];
  };
}

/**
 * Every reconciliation a join, a leave or an amendment asks for
 * shows in `reconciliationRequests` (cause, state, requested, completed, attempts, last error),
 * and the mutation answers with the requests it recorded, through the real API and worker.
 */
describe('reconciliation status', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let agreementId = '';
  let nyParticipationId = '';
  const tokens: Record<string, string> = {};

  const list = async (token: string, filter: Record<string, unknown> = {}, page: Record<string, unknown> = {}) =>
    (await graphqlOk<Page>(api.url, LIST, { filter, ...page }, token)).reconciliationRequests;
  const waitUntilRun = async (causeId: string) => {
    const deadline = Date.now() + 30_000;
    while ((await list(tokens.coordinator, { causeId, pending: true })).totalCount > 0) {
      if (Date.now() > deadline) throw new Error(`requests of ${causeId} did not run`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack());
    Object.assign(tokens, await signInCast({ db, api }, ['NY', 'GA', 'TX', 'coordinator', 'auditor', 'vertex']));
    ({ agreementId, participationId: nyParticipationId } = await executedCasgevyAgreement(api.app, {
      stateCode: 'NY',
      effectiveFrom: '2026-01-01',
    }));
    await waitUntilRun(nyParticipationId);
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it('answers a join with the request it recorded, which the worker then completes', async () => {
    const joined = await graphqlOk<{ joinAgreement: { id: string; reconciliationRequests: RequestView[] } }>(
      api.url,
      JOIN,
      { input: { agreementId, stateCode: 'GA', effectiveFrom: '2026-02-01' } },
      tokens.GA,
    );
    const [request] = joined.joinAgreement.reconciliationRequests;
    expect(joined.joinAgreement.reconciliationRequests).toHaveLength(1);
    expect(request).toMatchObject({
      stateCode: 'GA',
      cause: 'PARTICIPATION',
      causeLabel: 'State participation change',
      causeId: joined.joinAgreement.id,
      attempts: 1,
      lastError: null,
    });
    await waitUntilRun(joined.joinAgreement.id);
    const [done] = (await list(tokens.GA, { causeId: joined.joinAgreement.id })).edges;
    expect(done.node).toMatchObject({ id: request.id, pending: false, attempts: 1, lastError: null });
    expect(done.node.completedAt).not.toBeNull();
    expect(done.node.enqueuedAt).not.toBeNull();
  });

  it('shows a leave whose enqueue was lost as pending, with the error to coordinators only', async () => {
    jest.spyOn(api.app.get(JobQueue), 'enqueue').mockRejectedValueOnce(new Error('Connection is closed.'));
    const left = await graphqlOk<{ leaveAgreement: { id: string; reconciliationRequests: RequestView[] } }>(
      api.url,
      LEAVE,
      { input: { participationId: nyParticipationId, effectiveTo: '2026-03-01' } },
      tokens.NY,
    );
    expect(left.leaveAgreement.reconciliationRequests).toMatchObject([
      { stateCode: 'NY', cause: 'PARTICIPATION', causeId: nyParticipationId, pending: true, enqueuedAt: null },
    ]);
    const lost = left.leaveAgreement.reconciliationRequests[0];
    const pending = await list(tokens.coordinator, { pending: true });
    expect(pending.edges.map((e) => [e.node.id, e.node.lastError])).toEqual([
      [lost.id, 'Error: Connection is closed.'],
    ]);
    expect((await list(tokens.NY, { pending: true })).edges.map((e) => [e.node.id, e.node.lastError])).toEqual([
      [lost.id, null],
    ]);
    expect((await list(tokens.auditor, { pending: true })).edges[0].node.lastError).toBe(
      'Error: Connection is closed.',
    );
  });

  it('answers the acceptance that executes an amendment with one request per participating state', async () => {
    const coordinator: Actor = { ...systemActor('test'), kind: 'user', role: Role.FEDERAL_COORDINATOR };
    await api.app
      .get(NegotiationService)
      .proposeAmendment(coordinator, { agreementId, effectiveFrom: '2026-07-01', terms: casgevyTerms() });
    type Accepted = { acceptAgreementVersion: { status: string; reconciliationRequests: RequestView[] } };
    const input = { agreementId, versionNumber: 2 };
    const first = await graphqlOk<Accepted>(api.url, ACCEPT, { input }, tokens.coordinator);
    expect(first.acceptAgreementVersion.reconciliationRequests).toEqual([]);
    const second = await graphqlOk<Accepted>(api.url, ACCEPT, { input }, tokens.vertex);
    const requests = second.acceptAgreementVersion.reconciliationRequests;
    expect(requests.map((r) => [r.stateCode, r.cause, r.causeLabel, r.lastError])).toEqual([
      ['GA', 'AMENDMENT', 'Agreement amendment', null],
      ['NY', 'AMENDMENT', 'Agreement amendment', null],
    ]);
    await waitUntilRun(requests[0].causeId);
    const amendments = await list(tokens.coordinator, { cause: 'AMENDMENT' });
    expect(amendments.edges.map((e) => [e.node.stateCode, e.node.pending])).toEqual([
      ['NY', false],
      ['GA', false],
    ]);
  });

  it('filters, pages newest first, and scopes: a state its own, manufacturers nothing', async () => {
    const all = await list(tokens.coordinator);
    // NY join, GA join, NY leave, amendment (GA, NY): newest first.
    expect(all.edges.map((e) => [e.node.stateCode, e.node.cause])).toEqual([
      ['NY', 'AMENDMENT'],
      ['GA', 'AMENDMENT'],
      ['NY', 'PARTICIPATION'],
      ['GA', 'PARTICIPATION'],
      ['NY', 'PARTICIPATION'],
    ]);
    expect((await list(tokens.coordinator, { stateCode: 'ga' })).totalCount).toBe(2);
    expect((await list(tokens.coordinator, { cause: 'PARTICIPATION', pending: false })).totalCount).toBe(2);
    const first = await list(tokens.coordinator, {}, { first: 3 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await list(tokens.coordinator, {}, { first: 3, after: first.pageInfo.endCursor });
    expect([...first.edges, ...rest.edges].map((e) => e.node.id)).toEqual(all.edges.map((e) => e.node.id));
    expect(rest.pageInfo.hasNextPage).toBe(false);

    expect((await list(tokens.auditor)).totalCount).toBe(5);
    expect((await list(tokens.NY)).edges.every((e) => e.node.stateCode === 'NY')).toBe(true);
    expect((await list(tokens.NY)).totalCount).toBe(3);
    expect((await list(tokens.NY, { stateCode: 'GA' })).totalCount).toBe(0);
    expect((await list(tokens.TX)).totalCount).toBe(0);
    const refused = await graphql(api.url, LIST, {}, tokens.vertex);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const invalid = await graphql(api.url, LIST, { filter: { stateCode: 'G1', causeId: 'x' } }, tokens.coordinator);
    expect(invalid.errors?.[0]?.extensions?.violations?.map((v) => v.path).sort()).toEqual([
      'filter.causeId',
      'filter.stateCode',
    ]);
  });
});
