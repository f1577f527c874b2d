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

describe('reference data over GraphQL (read by all, edited by coordinators, every edit audited)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let coordinator: string;
  let genetix: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    await insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR });
    coordinator = await signIn(api.url, 'coord@test.gov', 'test-password-123');
    genetix = await manufacturerIdOf(db.url, '73554');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it.each([
    ['NY', 'NY'],
    ['36', 'NY'],
    ['97', 'PA'],
    ['42', 'PA'],
    ['93', 'WY'],
    ['pr', 'PR'],
  ])('finds jurisdiction %s as %s (USPS, FIPS or alternate T-MSIS code)', async (code, usps) => {
    const data = await graphqlOk<{ jurisdiction: { uspsCode: string } }>(
      api.url,
      `query($c: String!) { jurisdiction(code: $c) { uspsCode } }`,
      { c: code },
      coordinator,
    );
    expect(data.jurisdiction.uspsCode).toBe(usps);
  });

  it('answers NOT_FOUND for an unknown jurisdiction code', async () => {
    const result = await graphql(
      api.url,
      `
        {
          jurisdiction(code: "99") {
            uspsCode
          }
        }
      `,
      {},
      coordinator,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lists the 35 participating jurisdictions in pages', async () => {
    const first = await graphqlOk<{
      jurisdictions: { totalCount: number; edges: { node: { uspsCode: string } }[]; pageInfo: { endCursor: string } };
    }>(
      api.url,
      `{ jurisdictions(first: 30, participantsOnly: true) { totalCount edges { node { uspsCode } } pageInfo { endCursor } } }`,
      {},
      coordinator,
    );
    expect(first.jurisdictions.totalCount).toBe(35);
    const second = await graphqlOk<{ jurisdictions: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }>(
      api.url,
      `query($after: String) { jurisdictions(first: 30, participantsOnly: true, after: $after) { edges { node { uspsCode } } pageInfo { hasNextPage } } }`,
      { after: first.jurisdictions.pageInfo.endCursor },
      coordinator,
    );
    expect(second.jurisdictions.edges).toHaveLength(5);
    expect(second.jurisdictions.pageInfo.hasNextPage).toBe(false);
  });

  it('finds a manufacturer by labeler code (the id createUser needs), nothing for an unknown code', async () => {
    const BY_LABELER = `query($code: String) { manufacturers(filter: { labelerCode: $code }) { totalCount edges { node { id labelerCodes } } } }`;
    type Found = { manufacturers: { totalCount: number; edges: { node: { id: string; labelerCodes: string[] } }[] } };
    const found = await graphqlOk<Found>(api.url, BY_LABELER, { code: '73554' }, coordinator);
    expect(found.manufacturers).toEqual({ totalCount: 1, edges: [{ node: { id: genetix, labelerCodes: ['73554'] } }] });
    const vertex = await graphqlOk<Found>(api.url, BY_LABELER, { code: '51167' }, coordinator);
    expect(vertex.manufacturers.edges.map((e) => e.node.id)).toEqual([await manufacturerIdOf(db.url, '51167')]);
    const none = await graphqlOk<Found>(api.url, BY_LABELER, { code: '99999' }, coordinator);
    expect(none.manufacturers).toEqual({ totalCount: 0, edges: [] });
    const all = await graphqlOk<Found>(api.url, BY_LABELER, {}, coordinator);
    expect(all.manufacturers.totalCount).toBeGreaterThanOrEqual(2);
    const bad = await graphql(api.url, BY_LABELER, { code: '5116' }, coordinator);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers an ordinary catalog query sized by what exists, and still refuses a nested flood', async () => {
    const catalog = await graphql<{ products: { edges: { node: { code: string; ndcs: { edges: unknown[] } } }[] } }>(
      api.url,
      `
        {
          products(first: 100) {
            edges {
              node {
                code
                ndcs(first: 50) {
                  edges {
                    node {
                      ndc11
                      packageLevel
                    }
                  }
                }
                hcpcsCodes(first: 50) {
                  edges {
                    node {
                      hcpcsCode
                      effectiveFrom
                    }
                  }
                }
              }
            }
          }
        }
      `,
      {},
      coordinator,
    );
    expect(catalog.errors).toBeUndefined();
    expect(catalog.data!.products.edges.map((e) => e.node.code).sort()).toEqual(['CASGEVY', 'LYFGENIA']);
    expect(catalog.data!.products.edges.every((e) => e.node.ndcs.edges.length > 0)).toBe(true);
    const flood = await graphql(
      api.url,
      `
        {
          agreements(first: 100) {
            edges {
              node {
                versions(first: 100) {
                  edges {
                    node {
                      versionNumber
                      status
                    }
                  }
                }
              }
            }
          }
        }
      `,
      {},
      coordinator,
    );
    expect(flood.errors?.[0]?.message).toMatch(/^Query is too complex: \d+; the limit is 20000$/);
  });

  it('shows the legal name in force on a date and closes the previous name when a new one is added', async () => {
    const NAMES = `{ manufacturers { edges { node { id before: legalName(asOf: "2025-06-30") after: legalName(asOf: "2025-07-01") names { edges { node { legalName effectiveFrom effectiveTo } } } } } } }`;
    type Names = {
      manufacturers: {
        edges: { node: { id: string; before: string; after: string; names: { edges: { node: unknown }[] } } }[];
      };
    };
    const read = async () =>
      (await graphqlOk<Names>(api.url, NAMES, {}, coordinator)).manufacturers.edges.find((e) => e.node.id === genetix)!
        .node;
    expect(await read()).toMatchObject({ before: 'bluebird bio, Inc.', after: 'Genetix Biotherapeutics, Inc.' });

    await graphqlOk(
      api.url,
      `mutation($input: AddManufacturerNameInput!) { addManufacturerName(input: $input) { legalName } }`,
      {
        input: {
          manufacturerId: genetix,
          legalName: 'Genetix Holdings',
          effectiveFrom: '2027-01-01',
          comment: 'merger',
        },
      },
      coordinator,
    );
    expect((await read()).names.edges.map((e) => e.node)).toEqual([
      { legalName: 'bluebird bio, Inc.', effectiveFrom: '1992-01-01', effectiveTo: '2025-06-30' },
      { legalName: 'Genetix Biotherapeutics, Inc.', effectiveFrom: '2025-07-01', effectiveTo: '2026-12-31' },
      { legalName: 'Genetix Holdings', effectiveFrom: '2027-01-01', effectiveTo: null },
    ]);
    const early = await graphql(
      api.url,
      `
        mutation ($input: AddManufacturerNameInput!) {
          addManufacturerName(input: $input) {
            legalName
          }
        }
      `,
      { input: { manufacturerId: genetix, legalName: 'Too early', effectiveFrom: '2026-01-01' } },
      coordinator,
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [{ path: 'input.effectiveFrom', message: 'must be after 2027-01-01' }],
    });
  });

  it('adds a product with a normalised NDC and an HCPCS code, refuses duplicates and overlaps, and audits each edit', async () => {
    const created = await graphqlOk<{ createProduct: { id: string } }>(
      api.url,
      `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
      {
        input: {
          code: 'NEWGENE',
          brandName: 'Newgene',
          genericName: 'newgene autotemcel',
          labelerCode: '73554',
          billingUnit: 'UN',
          oneTreatmentPerLifetime: true,
        },
      },
      coordinator,
    );
    const productId = created.createProduct.id;
    const ndc = await graphqlOk<{ addProductNdc: { ndc11: string } }>(
      api.url,
      `mutation($input: AddProductNdcInput!) { addProductNdc(input: $input) { ndc11 } }`,
      { input: { productId, ndc: '73554-2222-1', packageLevel: 'PACKAGE' } },
      coordinator,
    );
    expect(ndc.addProductNdc.ndc11).toBe('73554222201');
    const wrongLabeler = await graphql(
      api.url,
      `
        mutation ($input: AddProductNdcInput!) {
          addProductNdc(input: $input) {
            ndc11
          }
        }
      `,
      { input: { productId, ndc: '51167-222-01', packageLevel: 'PACKAGE' } },
      coordinator,
    );
    expect(wrongLabeler.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const duplicate = await graphql(
      api.url,
      `
        mutation ($input: AddProductNdcInput!) {
          addProductNdc(input: $input) {
            ndc11
          }
        }
      `,
      { input: { productId, ndc: '73554222201', packageLevel: 'INNER' } },
      coordinator,
    );
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const hcpcs = `mutation($input: AddProductHcpcsInput!) { addProductHcpcs(input: $input) { id } }`;
    await graphqlOk(
      api.url,
      hcpcs,
      { input: { productId, hcpcsCode: 'J9999', effectiveFrom: '2026-01-01' } },
      coordinator,
    );
    const overlap = await graphql(
      api.url,
      hcpcs,
      { input: { productId, hcpcsCode: 'J9999', effectiveFrom: '2027-01-01' } },
      coordinator,
    );
    expect(overlap.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const audit = await graphqlOk<{ auditEvents: { edges: { node: { action: string } }[] } }>(
      api.url,
      `query($f: AuditFilterInput) { auditEvents(filter: $f) { edges { node { action } } } }`,
      { f: { entityId: productId } },
      coordinator,
    );
    expect(audit.auditEvents.edges.map((e) => e.node.action).reverse()).toEqual([
      'product.created',
      'product.ndc.added',
      'product.hcpcs.added',
    ]);
  });

  it('audits every other coordinator edit with its before and after', async () => {
    const run = (query: string, input: Record<string, unknown>) => graphqlOk(api.url, query, { input }, coordinator);
    await run(`mutation($input: UpdateJurisdictionInput!) { updateJurisdiction(input: $input) { name } }`, {
      uspsCode: 'PR',
      name: 'Puerto Rico (Commonwealth)',
    });
    const created = await run(
      `mutation($input: CreateManufacturerInput!) { createManufacturer(input: $input) { id } }`,
      {
        legalName: 'Audit Bio',
        effectiveFrom: '2020-01-01',
        labelerCode: '60001',
      },
    );
    const manufacturerId = (created as { createManufacturer: { id: string } }).createManufacturer.id;
    await run(`mutation($input: AddLabelerCodeInput!) { addLabelerCode(input: $input) { id } }`, {
      manufacturerId,
      code: '60002',
    });
    const products = await graphqlOk<{ products: { edges: { node: { id: string; code: string } }[] } }>(
      api.url,
      `{ products { edges { node { id code } } } }`,
      {},
      coordinator,
    );
    const casgevy = products.products.edges.find((e) => e.node.code === 'CASGEVY')!.node.id;
    await run(`mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id } }`, {
      productId: casgevy,
      genericName: 'exagamglogene autotemcel (exa-cel)',
    });
    await run(`mutation($input: UpdateProductNdcInput!) { updateProductNdc(input: $input) { ndc11 } }`, {
      ndc: '51167-290-01',
      description: 'single vial',
    });
    const hcpcs = await run(`mutation($input: AddProductHcpcsInput!) { addProductHcpcs(input: $input) { id } }`, {
      productId: casgevy,
      hcpcsCode: 'C9999',
      effectiveFrom: '2026-01-01',
    });
    await run(`mutation($input: UpdateProductHcpcsInput!) { updateProductHcpcs(input: $input) { effectiveTo } }`, {
      id: (hcpcs as { addProductHcpcs: { id: string } }).addProductHcpcs.id,
      effectiveTo: '2026-12-31',
    });

    const audit = await graphqlOk<{
      auditEvents: { edges: { node: { action: string; before: unknown; after: unknown } }[] };
    }>(api.url, `{ auditEvents(first: 100) { edges { node { action before after } } } }`, {}, coordinator);
    const actions = audit.auditEvents.edges.map((e) => e.node.action);
    for (const action of [
      'jurisdiction.renamed',
      'manufacturer.created',
      'manufacturer.labeler_code.added',
      'product.updated',
      'product.ndc.updated',
      'product.hcpcs.added',
      'product.hcpcs.updated',
    ]) {
      expect(actions).toContain(action);
    }
    const renamed = audit.auditEvents.edges.find((e) => e.node.action === 'jurisdiction.renamed')!.node;
    expect(renamed).toMatchObject({ before: { name: 'Puerto Rico' }, after: { name: 'Puerto Rico (Commonwealth)' } });
  });
});
