import { Client } from 'pg';
import { casgevyTerms, NegotiationService, ParticipationService } from '@lib/agreements';
import { Role, systemActor, type Actor } from '@lib/common';
import { ProductsService } from '@lib/reference';
import {
  createTestDatabase,
  graphqlOk,
  insertUser,
  signIn,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';

const QUERY = `query($first: Int!) {
  agreements(first: $first) {
    edges { node {
      id status
      product {
        code
        ndcs(first: 5) { edges { node { ndc11 } } }
        hcpcsCodes(first: 5) { edges { node { hcpcsCode } } }
        manufacturer { legalName names(first: 5) { edges { node { legalName } } } }
      }
      manufacturer { labelerCodes }
      latestVersion { versionNumber }
      versions(first: 3) { edges { node { versionNumber status terms {
        supplementalCapPct
        schedule { effectiveFrom wac guaranteedRebatePct }
        benchmarks { code tiers { throughMonth rebatePct } }
        volumeTiers { minTreatments }
      } } } }
      negotiationSteps(first: 10) { edges { node { action } } }
      termsInForce(on: "2027-01-01") { versionNumber }
      participations(first: 5) { totalCount edges { node { stateCode jurisdiction { name } } } }
    } }
  }
}`;

/** style.md habit 4: the number of SQL statements does not grow with the length of the list. */
describe('agreement relations go through DataLoaders', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // 50 agreements with every relation is beyond the default cost limit (query-limits.ts counts
    // each unpaginated list of terms as 10 items); this test is about DataLoaders, not limits.
    api = await startApi(testConfig(db.url, { GRAPHQL_MAX_COMPLEXITY: '100000' }));
    await insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR });
    token = await signIn(api.url, 'coord@test.gov', 'test-password-123');
    const productsService = api.app.get(ProductsService);
    const negotiation = api.app.get(NegotiationService);
    const participation = api.app.get(ParticipationService);
    const coordinator = systemActor('test');
    const products = [
      (await productsService.productByCode('CASGEVY'))!,
      (await productsService.productByCode('LYFGENIA'))!,
    ];
    for (let i = 0; i < 50; i += 1) {
      const product = products[i % 2];
      const manufacturer: Actor = {
        ...systemActor('mfr'),
        role: Role.MANUFACTURER_STAFF,
        manufacturerId: product.manufacturerId,
      };
      // One executed agreement governs a product at a time: each of a product's covers its own year.
      const start = `${2026 + Math.floor(i / 2)}-01-01`;
      const base = casgevyTerms();
      const terms = casgevyTerms({
        enrollmentStart: start,
        enrollmentEnd: `${2026 + Math.floor(i / 2)}-12-31`,
        schedule: [{ ...base.schedule[0], effectiveFrom: start }],
      });
      const drafted = await negotiation.draft(coordinator, { productId: product.id, terms });
      await negotiation.accept(coordinator, { agreementId: drafted.id, versionNumber: 1 });
      await negotiation.accept(manufacturer, { agreementId: drafted.id, versionNumber: 1 });
      for (const stateCode of ['NY', 'CA', 'TX']) {
        await participation.join(coordinator, { agreementId: drafted.id, stateCode, effectiveFrom: start });
      }
    }
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await api?.close();
    await db?.drop();
  });

  async function statementsFor(first: number): Promise<number> {
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      const data = await graphqlOk<{ agreements: { edges: { node: { versions: { edges: unknown[] } } }[] } }>(
        api.url,
        QUERY,
        { first },
        token,
      );
      expect(data.agreements.edges).toHaveLength(first);
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('runs the same number of statements for 5 and for 50 agreements with versions, terms and participations', async () => {
    const few = await statementsFor(5);
    const many = await statementsFor(50);
    expect(many).toBe(few);
    expect(few).toBeGreaterThanOrEqual(10); // the counter really sees the statements
    expect(many).toBeLessThanOrEqual(20);
  });
});
