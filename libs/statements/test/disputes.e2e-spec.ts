import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock, type FixedClock } from '@lib/common';
import {
  executedCasgevyAgreement,
  graphql,
  graphqlOk,
  issueStatementForTest,
  queryRows,
  reconcileStateAgain,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');
const TODAY = '2027-08-02';

const DISPUTE_FIELDS = `id statementNumber scope ledgerEntryId code codeLabel disputedAmount openedOn dueOn ageDays overdue status
  resolution { outcome resolvedOn agreedAmount note } documents { id fileName contentType sizeBytes sha256 downloadPath }`;
const OPEN = `mutation($input: OpenDisputeInput!) { openDispute(input: $input) { ${DISPUTE_FIELDS} } }`;
const RESOLVE = `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { ${DISPUTE_FIELDS} } }`;
const ATTACH = `mutation($input: AddDisputeDocumentsInput!) { addDisputeDocuments(input: $input) { documents { fileName } } }`;

interface DisputeResult {
  id: string;
  status: string;
  disputedAmount: string;
  documents: { id: string; sha256: string; downloadPath: string }[];
  resolution: { outcome: string; agreedAmount: string | null } | null;
}

/**
 * Disputes over HTTP and the real worker (rebate-rules section 8): the worked example's
 * New York 2026Q1 statement is issued (test fixture), Vertex disputes its line with code U and a
 * document, New York upholds at 0, and the reversal is appended at once with the quarter of the
 * resolution, landing on the next open statement; reconciling again never brings the money back.
 */
describe('disputes of issued statements through HTTP, with the worked example', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  const tokens: Record<string, string> = {};
  let q1: { id: string; number: string; total: string; lineCount: number };
  let q1LineId = '';
  let lineDisputeId = '';
  let documentId = '';
  const letter = Buffer.from('%PDF-1.4 eligibility letter: the beneficiary was not enrolled on the date\n');

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);
  const as = (who: string) => tokens[who];
  const errorOf = async (document: string, variables: Record<string, unknown>, who: string) => {
    const result = await graphql(api.url, document, variables, as(who));
    return { code: result.errors?.[0]?.extensions?.code, message: result.errors?.[0]?.message ?? '' };
  };
  const lineOf = async (quarter: string, component: string): Promise<string> => {
    const [row] = await sql<{ id: string }>(
      `SELECT id::text FROM ledger_entry WHERE state_code = 'NY' AND statement_quarter = $1 AND component = $2 ORDER BY id LIMIT 1`,
      [quarter, component],
    );
    return row.id;
  };
  const statusOf = async (id: string) =>
    (await sql<{ status: string }>('SELECT status FROM statement WHERE id = $1', [id]))[0].status;

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: `${TODAY}T12:00:00Z` }));
    Object.assign(
      tokens,
      await signInCast({ db, api }, ['NY', 'GA', 'TX', 'vertex', 'genetix', 'coordinator', 'auditor']),
    );
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' });
    const order = JSON.parse(readFileSync(join(FIXTURES, 'order.json'), 'utf8')) as { file: string; fips: string }[];
    for (const { file, fips } of order) {
      const usps = fips === '36' ? 'NY' : 'GA';
      const result = await submitClaimFileAndWait(
        { url: api.url, databaseUrl: db.url, token: tokens[usps] },
        usps,
        file,
        readFileSync(join(FIXTURES, file)),
      );
      expect({ file, status: result.status }).toEqual({ file, status: 'COMPLETED' });
    }
    q1 = await issueStatementForTest(db.url, {
      labelerCode: '51167',
      stateCode: 'NY',
      quarter: '2026Q1',
      issuedOn: '2026-05-01',
    });
    q1LineId = await lineOf('2026Q1', 'GUARANTEED');
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it('issues the New York 2026Q1 statement with its one guaranteed line (test fixture)', () => {
    expect(q1).toMatchObject({ number: 'CGT-NY-51167-2026Q1', total: '220000.00', lineCount: 1 });
  });

  it('lets Vertex dispute the line with code U and a document; the statement becomes DISPUTED', async () => {
    const { openDispute } = await graphqlOk<{ openDispute: DisputeResult }>(
      api.url,
      OPEN,
      {
        input: {
          statementId: q1.id,
          ledgerEntryId: q1LineId,
          code: 'U',
          note: 'Not enrolled in Medicaid on the administration date',
          documents: [
            {
              fileName: 'eligibility-letter.pdf',
              contentType: 'application/pdf',
              contentBase64: letter.toString('base64'),
            },
          ],
        },
      },
      as('vertex'),
    );
    expect(openDispute).toMatchObject({
      statementNumber: 'CGT-NY-51167-2026Q1',
      scope: 'LINE',
      ledgerEntryId: q1LineId,
      code: 'U',
      codeLabel: 'Not rebate eligible',
      disputedAmount: '220000.00',
      openedOn: TODAY,
      dueOn: '2027-10-01',
      ageDays: 0,
      overdue: false,
      status: 'OPEN',
      resolution: null,
      documents: [
        {
          fileName: 'eligibility-letter.pdf',
          contentType: 'application/pdf',
          sizeBytes: letter.length,
          sha256: createHash('sha256').update(letter).digest('hex'),
        },
      ],
    });
    lineDisputeId = openDispute.id;
    documentId = openDispute.documents[0].id;
    expect(openDispute.documents[0].downloadPath).toBe(`/v1/disputes/${lineDisputeId}/documents/${documentId}`);
    expect(await statusOf(q1.id)).toBe('DISPUTED');
  });

  it('serves the document to those who see the dispute, 404 to the others', async () => {
    const download = (who: string | null) =>
      fetch(`${api.url}/v1/disputes/${lineDisputeId}/documents/${documentId}`, {
        headers: who ? { authorization: `Bearer ${as(who)}` } : {},
      });
    for (const who of ['vertex', 'NY', 'coordinator', 'auditor']) {
      const response = await download(who);
      expect({ who, status: response.status }).toEqual({ who, status: 200 });
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(letter);
    }
    for (const who of ['genetix', 'TX'])
      expect({ who, status: (await download(who)).status }).toEqual({ who, status: 404 });
    expect((await download(null)).status).toBe(401);
  });

  it('refuses: a foreign manufacturer (not found), a second open dispute on the line, a bad code, a line of another statement, a DRAFT statement', async () => {
    const input = (over: Record<string, unknown>) => ({
      input: { statementId: q1.id, ledgerEntryId: q1LineId, code: 'M', note: 'n', ...over },
    });
    expect(await errorOf(OPEN, input({}), 'genetix')).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(OPEN, input({}), 'NY')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(OPEN, input({}), 'vertex')).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('the line already has an open dispute') as string,
    });
    expect(await errorOf(OPEN, input({ ledgerEntryId: null, code: 'Z' }), 'vertex')).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('not an MDRP dispute code') as string,
    });
    const otherLine = await lineOf('2026Q4', 'OUTCOME:VOE12');
    expect(await errorOf(OPEN, input({ ledgerEntryId: otherLine }), 'vertex')).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('not a line of this statement') as string,
    });
    const [draft] = await sql<{ id: string }>(
      `SELECT id FROM statement WHERE state_code = 'NY' AND quarter = '2026Q4' AND status = 'DRAFT'`,
    );
    expect(await errorOf(OPEN, input({ statementId: draft.id, ledgerEntryId: otherLine }), 'vertex')).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('not issued yet') as string,
    });
    expect(await sql('SELECT 1 FROM dispute')).toHaveLength(1);
  });

  it('takes documents up to 5 MB each through GraphQL and refuses larger ones', async () => {
    const attach = (bytes: number) =>
      graphql<{ addDisputeDocuments: { documents: { fileName: string }[] } }>(
        api.url,
        ATTACH,
        {
          input: {
            disputeId: lineDisputeId,
            documents: [
              {
                fileName: `scan-${bytes}.bin`,
                contentType: 'application/octet-stream',
                contentBase64: Buffer.alloc(bytes, 7).toString('base64'),
              },
            ],
          },
        },
        as('vertex'),
      );
    const ok = await attach(5 * 1024 * 1024);
    expect(ok.errors ?? []).toEqual([]);
    expect(ok.data?.addDisputeDocuments.documents.map((d) => d.fileName)).toEqual([
      'eligibility-letter.pdf',
      `scan-${5 * 1024 * 1024}.bin`,
    ]);
    const tooLarge = await attach(5 * 1024 * 1024 + 1);
    expect(tooLarge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only the statement’s state or a coordinator resolve it', async () => {
    const input = { input: { disputeId: lineDisputeId, outcome: 'UPHELD', note: 'agreed' } };
    expect(await errorOf(RESOLVE, input, 'TX')).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(RESOLVE, input, 'vertex')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(RESOLVE, input, 'auditor')).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('upheld at 0: the exact reversal lands at once on the next open statement, and the statement is resolved', async () => {
    const before = await sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry');
    const { resolveDispute } = await graphqlOk<{ resolveDispute: DisputeResult }>(
      api.url,
      RESOLVE,
      { input: { disputeId: lineDisputeId, outcome: 'UPHELD', note: 'Eligibility file confirms it' } },
      as('NY'),
    );
    expect(resolveDispute).toMatchObject({
      status: 'UPHELD',
      resolution: { outcome: 'UPHELD', resolvedOn: TODAY, agreedAmount: '0.00' },
    });
    const entries = await sql<Record<string, string>>(
      `SELECT component, amount::text AS amount, service_quarter, statement_quarter, cause_type, cause_id
         FROM ledger_entry WHERE id > $1 ORDER BY id`,
      [
        (
          await sql<{ id: string }>('SELECT max(id)::text AS id FROM ledger_entry WHERE cause_type <> $1', [
            'DISPUTE_RESOLUTION',
          ])
        )[0].id,
      ],
    );
    expect(entries).toEqual([
      {
        component: 'GUARANTEED',
        amount: '-220000.00',
        service_quarter: '2027Q3',
        statement_quarter: '2027Q3',
        cause_type: 'DISPUTE_RESOLUTION',
        cause_id: lineDisputeId,
      },
    ]);
    expect(Number((await sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry'))[0].n)).toBe(
      Number(before[0].n) + 1,
    );
    expect(
      await sql(
        `SELECT status FROM statement WHERE state_code = 'NY' AND labeler_code = '51167' AND quarter = '2027Q3'`,
      ),
    ).toEqual([{ status: 'DRAFT' }]);
    expect(await sql(`SELECT component, amount::text AS amount FROM episode_override`)).toEqual([
      { component: 'GUARANTEED', amount: '0.00' },
    ]);
    expect(await statusOf(q1.id)).toBe('ACKNOWLEDGED');
    const audit = await sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE action LIKE 'dispute.%' OR action LIKE 'statement.%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'statement.dispute',
      'dispute.open',
      'dispute.add_documents',
      'statement.disputes_resolved',
      'dispute.resolve',
    ]);
  });

  it('never brings the money back: reconciling again (a new cause) appends nothing', async () => {
    const summary = await reconcileStateAgain(
      worker,
      { stateCode: 'NY', stateFips: '36' },
      { id: 'rerun', serviceQuarter: '2027Q3' },
    );
    expect(summary).toMatchObject({ ledgerEntries: 0 });
    expect(
      await errorOf(RESOLVE, { input: { disputeId: lineDisputeId, outcome: 'DENIED', note: 'again' } }, 'NY'),
    ).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('is already UPHELD') as string });
    expect(
      await sql(
        `SELECT sum(amount)::text AS total FROM ledger_entry WHERE state_code = 'NY' AND component = 'GUARANTEED'`,
      ),
    ).toEqual([{ total: '0.00' }]);
  });

  it('DENIED keeps the amount owed; a later dispute of the same line may be upheld in part', async () => {
    const q2 = await issueStatementForTest(db.url, {
      labelerCode: '51167',
      stateCode: 'NY',
      quarter: '2027Q2',
      issuedOn: '2027-07-15',
    });
    expect(q2).toMatchObject({ total: '660000.00', lineCount: 1 });
    const line = await lineOf('2027Q2', 'OUTCOME:VOE12');
    const open = async () =>
      (
        await graphqlOk<{ openDispute: DisputeResult }>(
          api.url,
          OPEN,
          { input: { statementId: q2.id, ledgerEntryId: line, code: 'D', note: 'units' } },
          as('vertex'),
        )
      ).openDispute.id;
    const count = async () => (await sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry'))[0].n;
    const before = await count();
    // A remittance already recorded (SQL: payments are another module): resolving lands on PARTIALLY_PAID.
    await sql(
      `INSERT INTO statement_payment (statement_id, amount, received_on, reference, recorded_by)
       SELECT $1, 100000, '2027-07-20', 'WIRE-1', id FROM app_user WHERE email = 'v@vertex.test'`,
      [q2.id],
    );
    const denied = await graphqlOk<{ resolveDispute: DisputeResult }>(
      api.url,
      RESOLVE,
      { input: { disputeId: await open(), outcome: 'DENIED', note: 'Units match the billing unit' } },
      as('NY'),
    );
    expect(denied.resolveDispute).toMatchObject({
      status: 'DENIED',
      resolution: { outcome: 'DENIED', agreedAmount: null },
    });
    expect(await count()).toBe(before);
    expect(await statusOf(q2.id)).toBe('PARTIALLY_PAID');

    const second = await open();
    expect(
      await errorOf(
        RESOLVE,
        { input: { disputeId: second, outcome: 'UPHELD', agreedAmount: '700000.00', note: 'x' } },
        'NY',
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('at most the disputed amount 660000.00') as string,
    });
    await graphqlOk(
      api.url,
      RESOLVE,
      { input: { disputeId: second, outcome: 'UPHELD', agreedAmount: '500000.00', note: 'Partly agreed' } },
      as('coordinator'),
    );
    expect(
      await sql(`SELECT component, amount::text AS amount, statement_quarter FROM ledger_entry WHERE cause_id = $1`, [
        second,
      ]),
    ).toEqual([{ component: 'OUTCOME:VOE12', amount: '-160000.00', statement_quarter: '2027Q3' }]);
    expect(await sql(`SELECT amount::text AS amount FROM episode_override WHERE dispute_id = $1`, [second])).toEqual([
      { amount: '500000.00' },
    ]);
  });

  it('a whole statement upheld at 0 removes what it billed, keeping what other statements billed', async () => {
    const [q2] = await sql<{ id: string }>(`SELECT id FROM statement WHERE state_code = 'NY' AND quarter = '2027Q2'`);
    const { openDispute } = await graphqlOk<{ openDispute: DisputeResult }>(
      api.url,
      OPEN,
      { input: { statementId: q2.id, code: 'O', note: 'Invalid NDC on the whole statement' } },
      as('coordinator'),
    );
    expect(openDispute.disputedAmount).toBe('660000.00');
    // The component billed 1100000 - 1100000 (2026Q4, 2027Q1) + 660000 (2027Q2) - 160000 (the partial
    // agreement): it now owes what the other statements billed, 0, so 500000 is reversed.
    await graphqlOk(
      api.url,
      RESOLVE,
      { input: { disputeId: openDispute.id, outcome: 'UPHELD', note: 'ok' } },
      as('NY'),
    );
    expect(
      await sql(`SELECT component, amount::text AS amount, statement_quarter FROM ledger_entry WHERE cause_id = $1`, [
        openDispute.id,
      ]),
    ).toEqual([{ component: 'OUTCOME:VOE12', amount: '-500000.00', statement_quarter: '2027Q3' }]);
  });

  it('refuses to dispute a credit line', async () => {
    const q1y27 = await issueStatementForTest(db.url, {
      labelerCode: '51167',
      stateCode: 'NY',
      quarter: '2027Q1',
      issuedOn: '2027-04-20',
    });
    const credit = await lineOf('2027Q1', 'OUTCOME:VOE12');
    expect(
      await errorOf(OPEN, { input: { statementId: q1y27.id, ledgerEntryId: credit, code: 'M', note: 'n' } }, 'vertex'),
    ).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('a credit (or zero) line') as string });
  });

  it('lists disputes within each role’s scope, with filters, age and overdue flag', async () => {
    // A whole-statement dispute, with a document from the state, still open four months later.
    const { openDispute } = await graphqlOk<{ openDispute: DisputeResult }>(
      api.url,
      OPEN,
      { input: { statementId: q1.id, code: 'J', note: 'No state payment' } },
      as('vertex'),
    );
    expect(openDispute).toMatchObject({ disputedAmount: '220000.00' });
    await graphqlOk(
      api.url,
      ATTACH,
      {
        input: {
          disputeId: openDispute.id,
          documents: [
            {
              fileName: 'remittance.csv',
              contentType: 'text/csv',
              contentBase64: Buffer.from('a,b\n').toString('base64'),
            },
          ],
        },
      },
      as('NY'),
    );
    const clock = api.app.get<Clock, FixedClock>(Clock);
    clock.set('2027-12-01T12:00:00Z');
    try {
      const list = `query($filter: DisputeFilterInput) { disputes(first: 50, filter: $filter) { totalCount
        edges { node { id status ageDays overdue scope documents { fileName } } } } }`;
      type ListResult = {
        disputes: { totalCount: number; edges: { node: { id: string; ageDays: number; overdue: boolean } }[] };
      };
      const count = async (who: string, filter: Record<string, unknown> = {}) =>
        (await graphqlOk<ListResult>(api.url, list, { filter }, as(who))).disputes.totalCount;
      expect(await count('vertex')).toBe(5);
      expect(await count('NY')).toBe(5);
      expect(await count('auditor')).toBe(5);
      expect(await count('coordinator', { status: 'UPHELD' })).toBe(3);
      expect(await count('coordinator', { code: 'D' })).toBe(2);
      expect(await count('coordinator', { statementId: q1.id })).toBe(2);
      expect(await count('genetix')).toBe(0);
      expect(await count('TX')).toBe(0);
      const overdue = await graphqlOk<ListResult>(api.url, list, { filter: { overdueOnly: true } }, as('NY'));
      expect(overdue.disputes.edges.map((e) => e.node)).toEqual([
        {
          id: openDispute.id,
          status: 'OPEN',
          ageDays: 121,
          overdue: true,
          scope: 'STATEMENT',
          documents: [{ fileName: 'remittance.csv' }],
        },
      ]);
      const one = `query($id: ID!) { dispute(id: $id) { id ageDays } }`;
      expect(await graphqlOk(api.url, one, { id: lineDisputeId }, as('vertex'))).toEqual({
        dispute: { id: lineDisputeId, ageDays: 0 },
      });
      expect(await errorOf(one, { id: lineDisputeId }, 'genetix')).toMatchObject({ code: 'NOT_FOUND' });
      // Upheld as a whole at 0: its only line was already reversed, so nothing is reversed twice.
      const before = await sql('SELECT count(*)::text AS n FROM ledger_entry');
      await graphqlOk(
        api.url,
        RESOLVE,
        { input: { disputeId: openDispute.id, outcome: 'UPHELD', note: 'ok' } },
        as('NY'),
      );
      expect(await sql('SELECT count(*)::text AS n FROM ledger_entry')).toEqual(before);
      expect(
        await errorOf(
          ATTACH,
          {
            input: {
              disputeId: openDispute.id,
              documents: [{ fileName: 'late.txt', contentType: 'text/plain', contentBase64: 'eA==' }],
            },
          },
          'vertex',
        ),
      ).toMatchObject({ code: 'CONFLICT' });
    } finally {
      clock.set(`${TODAY}T12:00:00Z`);
    }
  });
});
