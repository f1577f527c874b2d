import { ParticipationService } from '@lib/agreements';
import { ExceptionStatus, stateExceptionsPageQuery } from '@lib/claims';
import { Role, systemActor } from '@lib/common';
import { Client } from 'pg';
import {
  executedCasgevyAgreement,
  graphql,
  graphqlOk,
  parseCsv,
  queryRows,
  signInCast,
  signInSessionCookie,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

/** A CLAIMOT file of raw header+line pairs (tmsis-cgt-profile.md). */
function otFile(fips: string, period: [string, string, string], claims: string[][]): Buffer {
  const records = claims.flat();
  const header = `COT00001|4.0.0|O|CLAIMOT|${fips}|${period[2]}|${period[0]}|${period[1]}|1|${records.length}`;
  return Buffer.from([header, ...records].join('\n') + '\n');
}

/** One Casgevy administration version (header and its line); ICN-ADJ and indicator for replacements. */
function casgevy(
  fips: string,
  icn: string,
  msis: string,
  day: string,
  adjudicated: string,
  adjustment: { icnAdj: string; ind: '4' } | null = null,
): string[] {
  const adj = adjustment?.icnAdj ?? '';
  const ind = adjustment?.ind ?? '0';
  return [
    `COT00002|${fips}|{n}|${icn}|${adj}|${adjudicated}|${ind}|${msis}|1|F1|0|1234567893|||${day}|${day}||2200000.00`,
    `COT00003|${fips}|{n}|${icn}|${adj}|${adjudicated}|${ind}|1|0892|J3392|51167-0290-09|1|UN|1|${day}|${day}|2200000.00`,
  ];
}

/** Numbers the records of a file in order (RECORD-NUMBER). */
function numbered(claims: string[][]): string[][] {
  let n = 0;
  return claims.map((claim) => claim.map((line) => line.replace('{n}', String((n += 1)))));
}

const LIST = `query($filter: StateExceptionFilterInput, $first: Int, $after: String) {
  exceptions(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id stateCode code codeLabel icnOrig status reason raisedAt resolvedAt
      raisedBy { type label id submissionId } resolvedBy { type label id submissionId }
      versions { exceptionId submissionId recordNumber icnAdj status resolvedAt
        raisedBy { type id } resolvedBy { type id submissionId } } } } } }`;

interface Cause {
  type: string;
  label?: string;
  id: string;
  submissionId?: string | null;
}
interface Group {
  id: string;
  stateCode: string;
  code: string;
  icnOrig: string;
  status: string;
  resolvedAt: string | null;
  raisedBy: Cause | null;
  resolvedBy: Cause | null;
  versions: {
    exceptionId?: string;
    resolvedAt?: string | null;
    submissionId: string;
    recordNumber: number;
    icnAdj: string | null;
    status: string;
    raisedBy: Cause | null;
    resolvedBy: Cause | null;
  }[];
}
interface Page {
  exceptions: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Group }[];
  };
}

/**
 * State-wide exceptions, one per (state, code, ICN) with
 * its versions, open or resolved and by what, through the real pipeline (HTTP upload, worker,
 * reconciliation), GraphQL and the CSV download, within each role's scope.
 */
describe('state-wide exceptions', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  const tokens: Record<string, string> = {};
  const files: Record<string, string> = {};

  const list = async (token: string, filter: Record<string, unknown> = {}, page: Record<string, unknown> = {}) =>
    (await graphqlOk<Page>(api.url, LIST, { filter, ...page }, token)).exceptions;
  const submit = async (usps: string, name: string, bytes: Buffer) => {
    const result = await submitClaimFileAndWait(
      { url: api.url, databaseUrl: db.url, token: tokens[usps] },
      usps,
      name,
      bytes,
    );
    expect({ name, status: result.status }).toEqual({ name, status: 'COMPLETED' });
    files[name] = result.id;
  };

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: '2026-06-15T12:00:00Z' }));
    Object.assign(tokens, await signInCast({ db, api }, ['NY', 'GA', 'TX', 'coordinator', 'auditor', 'vertex']));
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' });
    // March: two administrations to one beneficiary on the same day (the second is M).
    await submit(
      'NY',
      'march',
      otFile(
        '36',
        ['20260301', '20260331', '20260405'],
        numbered([
          casgevy('36', 'NYA1', 'MSISA', '20260310', '20260320'),
          casgevy('36', 'NYA2', 'MSISA', '20260310', '20260320'),
        ]),
      ),
    );
    // Georgia does not take part: its administration is U.
    await submit(
      'GA',
      'georgia',
      otFile(
        '13',
        ['20260201', '20260228', '20260305'],
        numbered([casgevy('13', 'GAG1', 'MSISG', '20260211', '20260220')]),
      ),
    );
    // April: NYA1 again, unchanged (R), and a replacement of NYA2 (the M moves to the new version).
    await submit(
      'NY',
      'april',
      otFile(
        '36',
        ['20260401', '20260430', '20260505'],
        numbered([
          casgevy('36', 'NYA1', 'MSISA', '20260310', '20260320'),
          casgevy('36', 'NYA2', 'MSISA', '20260310', '20260420', { icnAdj: 'NYA2R1', ind: '4' }),
        ]),
      ),
    );
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it('lists one row per (state, code, ICN) with its versions, open or resolved and by what', async () => {
    const page = await list(tokens.coordinator);
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((e) => [e.node.stateCode, e.node.code, e.node.icnOrig, e.node.status])).toEqual([
      ['GA', 'U', 'GAG1', 'OPEN'],
      ['NY', 'M', 'NYA2', 'OPEN'],
      ['NY', 'R', 'NYA1', 'RESOLVED'],
    ]);
    const m = page.edges[1].node;
    expect(m.raisedBy).toEqual({ type: 'SUBMISSION', label: 'Claims', id: files.march, submissionId: files.march });
    expect(m.resolvedAt).toBeNull();
    expect(m.versions.map(({ exceptionId: _id, resolvedAt: _at, ...v }) => v)).toEqual([
      {
        submissionId: files.march,
        recordNumber: 3,
        icnAdj: null,
        status: 'RESOLVED',
        raisedBy: { type: 'SUBMISSION', id: files.march },
        resolvedBy: { type: 'SUBMISSION', id: files.april, submissionId: files.april },
      },
      {
        submissionId: files.april,
        recordNumber: 3,
        icnAdj: 'NYA2R1',
        status: 'OPEN',
        raisedBy: { type: 'SUBMISSION', id: files.april },
        resolvedBy: null,
      },
    ]);
    const r = page.edges[2].node;
    expect(r.resolvedBy).toMatchObject({ type: 'SUBMISSION', id: files.april });
    expect(r.versions).toMatchObject([{ submissionId: files.april, recordNumber: 1, status: 'RESOLVED' }]);
  });

  it('filters by state, code, status, submission and period, and pages by cursor', async () => {
    const keys = async (filter: Record<string, unknown>) =>
      (await list(tokens.coordinator, filter)).edges.map((e) => `${e.node.stateCode}:${e.node.code}:${e.node.icnOrig}`);
    expect(await keys({ stateCode: 'ny' })).toEqual(['NY:M:NYA2', 'NY:R:NYA1']);
    expect(await keys({ code: 'U' })).toEqual(['GA:U:GAG1']);
    expect(await keys({ status: 'OPEN' })).toEqual(['GA:U:GAG1', 'NY:M:NYA2']);
    expect(await keys({ status: 'RESOLVED' })).toEqual(['NY:R:NYA1']);
    expect(await keys({ submissionId: files.march })).toEqual(['NY:M:NYA2']);
    expect(await keys({ submissionId: files.april })).toEqual(['NY:M:NYA2', 'NY:R:NYA1']);
    expect(await keys({ from: '2026-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })).toHaveLength(3);
    expect(await keys({ from: '2100-01-01T00:00:00Z' })).toEqual([]);
    expect(await keys({ to: '2000-01-01T00:00:00Z' })).toEqual([]);

    const first = await list(tokens.coordinator, {}, { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await list(tokens.coordinator, {}, { first: 2, after: first.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.code)).toEqual(['R']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const bad = await graphql(api.url, LIST, { after: 'not-a-cursor' }, tokens.coordinator);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const invalid = await graphql(api.url, LIST, { filter: { code: 'MM', submissionId: 'x' } }, tokens.coordinator);
    expect(invalid.errors?.[0]?.extensions?.violations?.map((v) => v.path).sort()).toEqual([
      'filter.code',
      'filter.submissionId',
    ]);
  });

  it('resolves an exception by a change, and names the change', async () => {
    const agreementId = (await queryRows<{ id: string }>(db.url, `SELECT id FROM agreement`))[0].id;
    const coordinator = { ...systemActor('test'), kind: 'user' as const, role: Role.FEDERAL_COORDINATOR };
    const joined = await api.app
      .get(ParticipationService)
      .join(coordinator, { agreementId, stateCode: 'GA', effectiveFrom: '2026-01-01' });
    const deadline = Date.now() + 30_000;
    while ((await queryRows(db.url, `SELECT 1 FROM reconciliation_request WHERE completed_at IS NULL`)).length) {
      if (Date.now() > deadline) throw new Error('the reconciliation request did not complete');
      await new Promise((r) => setTimeout(r, 100));
    }
    const [ga] = (await list(tokens.coordinator, { stateCode: 'GA' })).edges;
    expect(ga.node).toMatchObject({
      code: 'U',
      status: 'RESOLVED',
      resolvedBy: { type: 'PARTICIPATION', label: 'State participation change', id: joined.id, submissionId: null },
    });
    expect(ga.node.resolvedAt).not.toBeNull();
  });

  it('scopes like claim files: a state its own, coordinators and auditors all, manufacturers nothing', async () => {
    expect((await list(tokens.auditor)).totalCount).toBe(3);
    expect((await list(tokens.NY)).edges.map((e) => e.node.stateCode)).toEqual(['NY', 'NY']);
    expect((await list(tokens.NY, { stateCode: 'GA' })).totalCount).toBe(0);
    expect((await list(tokens.TX)).totalCount).toBe(0);
    const refused = await graphql(api.url, LIST, {}, tokens.vertex);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('downloads the same rows as CSV, with the bearer token or the session cookie', async () => {
    const get = (query: string, headers: Record<string, string>) =>
      fetch(`${api.url}/v1/exceptions.csv${query}`, { headers });
    const bearer = await get('?status=OPEN', { authorization: `Bearer ${tokens.coordinator}` });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(await bearer.text());
    expect(rows[0]).toEqual([
      'state',
      'code',
      'icn_orig',
      'status',
      'raised_at',
      'raised_by',
      'resolved_at',
      'resolved_by',
      'version_count',
      'versions',
      'reason',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[8]])).toEqual([['NY', 'M', 'NYA2', 'OPEN', '2']]);
    expect(rows[1][9]).toBe(
      `record 3 of submission ${files.march}: RESOLVED; record 3 of submission ${files.april} (ICN-ADJ NYA2R1): OPEN`,
    );

    const cookie = await signInSessionCookie(api.url, 'ny@test.gov');
    const own = await get(`?submissionId=${files.april}`, { cookie });
    expect(own.status).toBe(200);
    expect(
      parseCsv(await own.text())
        .slice(1)
        .map((r) => `${r[0]}:${r[1]}:${r[3]}:${r[7]}`),
    ).toEqual([`NY:M:OPEN:`, `NY:R:RESOLVED:SUBMISSION:${files.april}`]);
    expect((await get('', { authorization: `Bearer ${tokens.vertex}` })).status).toBe(403);
    expect((await get('', {})).status).toBe(401);
    expect((await get('?status=MAYBE', { authorization: `Bearer ${tokens.coordinator}` })).status).toBe(400);
  });

  it('reads a page through the group index, in its order, without scanning the table', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // A tiny table makes any plan cheap: forbid the sequential scan and see what remains.
      await client.query('SET enable_seqscan = off');
      const first = await list(tokens.coordinator, {}, { first: 1 });
      for (const [ownState, filter, after] of [
        [null, {}, undefined],
        ['NY', { code: 'M' }, first.pageInfo.endCursor],
        [null, { stateCode: 'NY', status: ExceptionStatus.OPEN }, first.pageInfo.endCursor],
      ] as const) {
        const query = stateExceptionsPageQuery(ownState, filter, { first: 20, after: after ?? undefined });
        const plan = JSON.stringify((await client.query(`EXPLAIN (FORMAT JSON) ${query.sql}`, query.params)).rows);
        expect(plan).toContain('reconciliation_exception_group_idx');
        const scanned = [...plan.matchAll(/"Node Type":"Seq Scan"[^}]*?"Relation Name":"(\w+)"/g)].map((m) => m[1]);
        expect(scanned).not.toContain('reconciliation_exception');
        expect(plan).not.toContain('"Node Type":"Sort"');
      }
    } finally {
      await client.end();
    }
  });
});
