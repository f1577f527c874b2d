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

const TERMS = {
  enrollmentStart: '2025-01-01',
  enrollmentEnd: '2030-12-31',
  supplementalCapPct: '0.75',
  schedule: [{ effectiveFrom: '2025-01-01', wac: '2200000.00', guaranteedRebatePct: '0.10' }],
  benchmarks: [
    {
      code: 'VOE12',
      measure: 'VOE_HOSPITALIZATION',
      washoutDays: 30,
      diagnosisPrefixes: ['D570', 'D5721', 'D5741', 'D5743', 'D5745', 'D5781'],
      tiers: [
        { throughMonth: 12, rebatePct: '0.50' },
        { throughMonth: 24, rebatePct: '0.30' },
        { throughMonth: 36, rebatePct: '0.15' },
      ],
    },
  ],
  volumeTiers: [{ minTreatments: 50, additionalRebatePct: '0.02' }],
};

const COUNTER = {
  ...TERMS,
  schedule: [{ effectiveFrom: '2025-01-01', wac: '2200000.00', guaranteedRebatePct: '0.08' }],
  benchmarks: [
    {
      ...TERMS.benchmarks[0],
      washoutDays: 45,
      tiers: [
        { throughMonth: 12, rebatePct: '0.40' },
        { throughMonth: 24, rebatePct: '0.30' },
      ],
    },
  ],
};

const DRAFT = `mutation($input: DraftAgreementInput!) { draftAgreement(input: $input) { id status } }`;
const PROPOSE = `mutation($input: ProposeAgreementVersionInput!) { proposeAgreementVersion(input: $input) { id status } }`;
const EXPIRE = `mutation($input: AgreementStepInput!) { expireAgreement(input: $input) { id status } }`;
const ACCEPT = `mutation($input: AcceptAgreementVersionInput!) { acceptAgreementVersion(input: $input) { id status } }`;
const JOIN = `mutation($input: JoinAgreementInput!) { joinAgreement(input: $input) { id stateCode effectiveFrom effectiveTo } }`;
const COMPARE = `query($id: ID!, $from: Int!, $to: Int!) {
  compareAgreementVersions(agreementId: $id, fromVersion: $from, toVersion: $to) { differences { path change before after } }
}`;
const AGREEMENT = `query($id: ID!) {
  agreement(id: $id) {
    status
    termsInForce(on: "2026-03-10") { versionNumber }
    product { code manufacturer { legalName(asOf: "2026-01-01") labelerCodes } }
    versions { totalCount edges { node { versionNumber status proposedBySide terms { supplementalCapPct schedule { wac guaranteedRebatePct } } } } }
    negotiationSteps { edges { node { action side actorLabel comment } } }
    participations { totalCount edges { node { stateCode effectiveFrom jurisdiction { name } } } }
  }
}`;

describe('a full negotiation over HTTP (coordinator, manufacturer, states)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let coordinator: string;
  let vertex: string;
  let genetix: string;
  let ny: string;
  let ca: string;
  let tx: string;
  let productId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    const vertexId = await manufacturerIdOf(db.url, '51167');
    const genetixId = await manufacturerIdOf(db.url, '73554');
    await Promise.all([
      insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR }),
      insertUser(db.url, { email: 'val@vertex.test', role: Role.MANUFACTURER_STAFF, manufacturerId: vertexId }),
      insertUser(db.url, { email: 'gene@genetix.test', role: Role.MANUFACTURER_STAFF, manufacturerId: genetixId }),
      insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' }),
      insertUser(db.url, { email: 'ca@test.gov', role: Role.STATE_STAFF, stateCode: 'CA' }),
      insertUser(db.url, { email: 'tx@test.gov', role: Role.STATE_STAFF, stateCode: 'TX' }),
    ]);
    [coordinator, vertex, genetix, ny, ca, tx] = await Promise.all(
      ['coord@test.gov', 'val@vertex.test', 'gene@genetix.test', 'ny@test.gov', 'ca@test.gov', 'tx@test.gov'].map(
        (email) => signIn(api.url, email, 'test-password-123'),
      ),
    );
    const products = await graphqlOk<{ products: { edges: { node: { id: string; code: string } }[] } }>(
      api.url,
      `{ products { edges { node { id code } } } }`,
      {},
      coordinator,
    );
    productId = products.products.edges.find((e) => e.node.code === 'CASGEVY')!.node.id;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /** The executed (governing) agreements, each expired through the API. */
  async function expireGoverning(): Promise<string[]> {
    const { agreements } = await graphqlOk<{ agreements: { edges: { node: { id: string } }[] } }>(
      api.url,
      `{ agreements(first: 100, status: EXECUTED) { edges { node { id } } } }`,
      {},
      coordinator,
    );
    const ids = agreements.edges.map((e) => e.node.id);
    for (const agreementId of ids) await graphqlOk(api.url, EXPIRE, { input: { agreementId } }, coordinator);
    return ids;
  }

  it('drafts, counters, accepts, executes; states opt in; the comparison shows the counter', async () => {
    const draft = await graphqlOk<{ draftAgreement: { id: string; status: string } }>(
      api.url,
      DRAFT,
      { input: { productId, terms: TERMS, comment: 'CMS opening terms' } },
      coordinator,
    );
    const id = draft.draftAgreement.id;
    expect(draft.draftAgreement.status).toBe('NEGOTIATING');

    // A state cannot opt into an agreement under negotiation (it cannot even see it).
    const early = await graphql(
      api.url,
      JOIN,
      { input: { agreementId: id, stateCode: 'TX', effectiveFrom: '2025-06-01' } },
      tx,
    );
    expect(early.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Another manufacturer does not learn it exists.
    const peek = await graphql(api.url, AGREEMENT, { id }, genetix);
    expect(peek.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    await graphqlOk(
      api.url,
      PROPOSE,
      { input: { agreementId: id, terms: COUNTER, comment: 'lower guarantee, longer washout' } },
      vertex,
    );
    await graphqlOk(api.url, ACCEPT, { input: { agreementId: id, versionNumber: 2, comment: 'agreed' } }, coordinator);
    const executed = await graphqlOk<{ acceptAgreementVersion: { status: string } }>(
      api.url,
      ACCEPT,
      { input: { agreementId: id, versionNumber: 2 } },
      vertex,
    );
    expect(executed.acceptAgreementVersion.status).toBe('EXECUTED');

    const joinedNy = await graphqlOk<{ joinAgreement: { stateCode: string } }>(
      api.url,
      JOIN,
      { input: { agreementId: id, stateCode: 'NY', effectiveFrom: '2026-01-01' } },
      ny,
    );
    expect(joinedNy.joinAgreement.stateCode).toBe('NY');
    await graphqlOk(api.url, JOIN, { input: { agreementId: id, stateCode: 'CA', effectiveFrom: '2025-03-01' } }, ca);
    // State staff cannot opt another state in.
    const foreign = await graphql(
      api.url,
      JOIN,
      { input: { agreementId: id, stateCode: 'TX', effectiveFrom: '2025-03-01' } },
      ny,
    );
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });

    const comparison = await graphqlOk<{ compareAgreementVersions: { differences: unknown[] } }>(
      api.url,
      COMPARE,
      { id, from: 1, to: 2 },
      vertex,
    );
    expect(comparison.compareAgreementVersions.differences).toEqual([
      { path: 'schedule[2025-01-01].guaranteedRebatePct', change: 'CHANGED', before: '0.1', after: '0.08' },
      { path: 'benchmarks[VOE12].washoutDays', change: 'CHANGED', before: '30', after: '45' },
      { path: 'benchmarks[VOE12].tiers[12].rebatePct', change: 'CHANGED', before: '0.5', after: '0.4' },
      {
        path: 'benchmarks[VOE12].tiers[36]',
        change: 'REMOVED',
        before: 'throughMonth=36, rebatePct=0.15',
        after: null,
      },
    ]);

    type AgreementView = {
      agreement: {
        status: string;
        termsInForce: { versionNumber: number } | null;
        product: { code: string; manufacturer: { legalName: string; labelerCodes: string[] } };
        versions: { totalCount: number; edges: { node: { versionNumber: number; status: string; terms: unknown } }[] };
        negotiationSteps: {
          edges: { node: { action: string; side: string | null; actorLabel: string; comment: string | null } }[];
        };
        participations: {
          totalCount: number;
          edges: { node: { stateCode: string; jurisdiction: { name: string } } }[];
        };
      };
    };
    const asCoordinator = await graphqlOk<AgreementView>(api.url, AGREEMENT, { id }, coordinator);
    expect(asCoordinator.agreement.termsInForce).toEqual({ versionNumber: 2 });
    expect(asCoordinator.agreement.product).toEqual({
      code: 'CASGEVY',
      manufacturer: { legalName: 'Vertex Pharmaceuticals Incorporated', labelerCodes: ['51167'] },
    });
    expect(asCoordinator.agreement.versions.edges.map((e) => [e.node.versionNumber, e.node.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'EXECUTED'],
    ]);
    expect(asCoordinator.agreement.versions.edges[1].node.terms).toEqual({
      supplementalCapPct: '0.75',
      schedule: [{ wac: '2200000.00', guaranteedRebatePct: '0.08' }],
    });
    expect(
      asCoordinator.agreement.negotiationSteps.edges.map(({ node: s }) => [s.action, s.side, s.actorLabel, s.comment]),
    ).toEqual([
      ['DRAFTED', 'COORDINATOR', 'coord@test.gov', 'CMS opening terms'],
      ['PROPOSED', 'MANUFACTURER', 'val@vertex.test', 'lower guarantee, longer washout'],
      ['ACCEPTED', 'COORDINATOR', 'coord@test.gov', 'agreed'],
      ['ACCEPTED', 'MANUFACTURER', 'val@vertex.test', null],
      ['EXECUTED', null, 'val@vertex.test', null],
    ]);
    expect(
      asCoordinator.agreement.participations.edges.map((e) => [e.node.stateCode, e.node.jurisdiction.name]),
    ).toEqual([
      ['CA', 'California'],
      ['NY', 'New York'],
    ]);

    // States read executed terms, never the negotiation, and only their own participation.
    const asNewYork = await graphqlOk<AgreementView>(api.url, AGREEMENT, { id }, ny);
    expect(asNewYork.agreement.versions.edges.map((e) => e.node.versionNumber)).toEqual([2]);
    expect(asNewYork.agreement.negotiationSteps.edges).toEqual([]);
    expect(asNewYork.agreement.participations.edges.map((e) => e.node.stateCode)).toEqual(['NY']);

    // The participation list pages by (state, start date); states see their own records only.
    const PARTICIPATIONS = `query($after: String) {
      stateParticipations(first: 1, after: $after) { totalCount edges { node { stateCode } } pageInfo { endCursor hasNextPage } }
    }`;
    type Page = {
      stateParticipations: {
        totalCount: number;
        edges: { node: { stateCode: string } }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
    const page1 = await graphqlOk<Page>(api.url, PARTICIPATIONS, {}, coordinator);
    const page2 = await graphqlOk<Page>(
      api.url,
      PARTICIPATIONS,
      { after: page1.stateParticipations.pageInfo.endCursor },
      coordinator,
    );
    expect([page1, page2].map((p) => p.stateParticipations.edges[0].node.stateCode)).toEqual(['CA', 'NY']);
    expect(page2.stateParticipations.pageInfo.hasNextPage).toBe(false);
    const texas = await graphqlOk<Page>(api.url, PARTICIPATIONS, {}, tx);
    expect(texas.stateParticipations.totalCount).toBe(0);

    const audit = await graphqlOk<{ auditEvents: { edges: { node: { action: string; actorLabel: string } }[] } }>(
      api.url,
      `query($f: AuditFilterInput) { auditEvents(first: 50, filter: $f) { edges { node { action actorLabel } } } }`,
      { f: { entityId: id } },
      coordinator,
    );
    expect(audit.auditEvents.edges.map((e) => e.node.action).reverse()).toEqual([
      'agreement.drafted',
      'agreement.version.proposed',
      'agreement.version.accepted',
      'agreement.version.accepted',
      'agreement.executed',
    ]);
  });

  it('refuses to execute a second agreement for a product while one governs its dates (AGREEMENT_OVERLAP)', async () => {
    const { agreements } = await graphqlOk<{ agreements: { edges: { node: { id: string } }[] } }>(
      api.url,
      `{ agreements(first: 100, status: EXECUTED) { edges { node { id } } } }`,
      {},
      coordinator,
    );
    const [governing] = agreements.edges.map((e) => e.node.id);
    const later = {
      ...TERMS,
      enrollmentStart: '2029-01-01',
      enrollmentEnd: '2033-12-31',
      schedule: [{ ...TERMS.schedule[0], effectiveFrom: '2029-01-01' }],
    };
    const { draftAgreement } = await graphqlOk<{ draftAgreement: { id: string } }>(
      api.url,
      DRAFT,
      { input: { productId, terms: later } },
      coordinator,
    );
    const id = draftAgreement.id;
    await graphqlOk(api.url, ACCEPT, { input: { agreementId: id, versionNumber: 1 } }, coordinator);
    const refused = await graphql(api.url, ACCEPT, { input: { agreementId: id, versionNumber: 1 } }, vertex);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'AGREEMENT_OVERLAP' });
    expect(refused.errors?.[0]?.message).toBe(
      `Agreement ${governing} already governs CASGEVY from 2025-01-01 to 2030-12-31; agreement ${id} ` +
        '(enrollment 2029-01-01 to 2033-12-31) would also govern it from 2029-01-01 to 2030-12-31. At most one ' +
        `executed agreement governs a product on any date: change the terms in force through an amendment of ${governing}, ` +
        'or expire it first.',
    );
    const still = await graphqlOk<{ agreement: { status: string } }>(
      api.url,
      `query($id: ID!) { agreement(id: $id) { status } }`,
      { id },
      coordinator,
    );
    expect(still.agreement.status).toBe('NEGOTIATING');

    // Once the governing agreement has expired, the same acceptance executes.
    expect(await expireGoverning()).toEqual([governing]);
    const executed = await graphqlOk<{ acceptAgreementVersion: { status: string } }>(
      api.url,
      ACCEPT,
      { input: { agreementId: id, versionNumber: 1 } },
      vertex,
    );
    expect(executed.acceptAgreementVersion.status).toBe('EXECUTED');
  });

  it('amends an executed agreement: the amendment stays confidential until executed, then applies from its date', async () => {
    const { draftAgreement } = await graphqlOk<{ draftAgreement: { id: string } }>(
      api.url,
      DRAFT,
      { input: { productId, terms: TERMS } },
      coordinator,
    );
    const id = draftAgreement.id;
    await graphqlOk(api.url, ACCEPT, { input: { agreementId: id, versionNumber: 1 } }, coordinator);
    await expireGoverning(); // one agreement governs Casgevy at a time: the earlier tests' gives way
    await graphqlOk(api.url, ACCEPT, { input: { agreementId: id, versionNumber: 1 } }, vertex);
    await graphqlOk(api.url, JOIN, { input: { agreementId: id, stateCode: 'NY', effectiveFrom: '2026-01-01' } }, ny);

    const AMEND = `mutation($input: ProposeAmendmentInput!) { proposeAgreementAmendment(input: $input) { status } }`;
    const amended = {
      ...TERMS,
      schedule: [{ effectiveFrom: '2025-01-01', wac: '2200000.00', guaranteedRebatePct: '0.12' }],
    };
    const opened = await graphqlOk<{ proposeAgreementAmendment: { status: string } }>(
      api.url,
      AMEND,
      {
        input: { agreementId: id, effectiveFrom: '2027-01-01', terms: amended, comment: 'higher guarantee from 2027' },
      },
      vertex,
    );
    expect(opened.proposeAgreementAmendment.status).toBe('EXECUTED');

    const IN_FORCE = `query($id: ID!) {
      agreement(id: $id) {
        versions { edges { node { versionNumber amendmentNumber amendmentEffectiveFrom status } } }
        before: termsInForce(on: "2026-12-31") { versionNumber }
        after: termsInForce(on: "2027-01-01") { versionNumber terms { schedule { guaranteedRebatePct } } }
      }
    }`;
    type InForce = {
      agreement: {
        versions: { edges: { node: { versionNumber: number; status: string } }[] };
        before: { versionNumber: number };
        after: { versionNumber: number; terms: { schedule: { guaranteedRebatePct: string }[] } };
      };
    };
    const whileNegotiating = await graphqlOk<InForce>(api.url, IN_FORCE, { id }, ny);
    expect(whileNegotiating.agreement.versions.edges.map((e) => e.node.versionNumber)).toEqual([1]);
    expect(whileNegotiating.agreement.after.versionNumber).toBe(1);

    await graphqlOk(api.url, ACCEPT, { input: { agreementId: id, versionNumber: 2 } }, coordinator);
    await graphqlOk(api.url, ACCEPT, { input: { agreementId: id, versionNumber: 2 } }, vertex);
    const executed = await graphqlOk<InForce>(api.url, IN_FORCE, { id }, ny);
    expect(executed.agreement.versions.edges.map((e) => e.node)).toEqual([
      { versionNumber: 1, amendmentNumber: 0, amendmentEffectiveFrom: null, status: 'EXECUTED' },
      { versionNumber: 2, amendmentNumber: 1, amendmentEffectiveFrom: '2027-01-01', status: 'EXECUTED' },
    ]);
    expect(executed.agreement.before.versionNumber).toBe(1);
    expect(executed.agreement.after).toEqual({
      versionNumber: 2,
      terms: { schedule: [{ guaranteedRebatePct: '0.12' }] },
    });
  });

  it('answers invalid terms with one BAD_USER_INPUT listing each offending field by path', async () => {
    const result = await graphql(
      api.url,
      DRAFT,
      {
        input: {
          productId,
          terms: {
            ...TERMS,
            supplementalCapPct: '0.05',
            schedule: [{ effectiveFrom: '2025-02-01', wac: '0', guaranteedRebatePct: '0.1234567' }],
            benchmarks: [TERMS.benchmarks[0], { ...TERMS.benchmarks[0], washoutDays: -1 }],
          },
        },
      },
      coordinator,
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.violations?.map((v) => v.path)).toEqual([
      'input.terms.schedule[0].wac',
      'input.terms.schedule[0].guaranteedRebatePct',
      'input.terms.benchmarks[1].code',
      'input.terms.benchmarks[1].washoutDays',
    ]);
  });
});
