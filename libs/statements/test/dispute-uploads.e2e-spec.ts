import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  executedCasgevyAgreement,
  graphqlOk,
  issueStatementForTest,
  queryRows,
  signInCast,
  signInSessionCookie,
  startTestStack,
  stopTestStack,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');
const NUMBER = 'CGT-NY-51167-2026Q1';
const LIMIT = 4096;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface DisputeJson {
  id: string;
  lineNumber: number | null;
  ledgerEntryId: string | null;
  documents: {
    id: string;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    downloadPath: string;
  }[];
}

/**
 * Dispute documents by real multipart upload (README "Portal"): Vertex, signed in with the portal's
 * cookie, opens a dispute of line 1 with a PDF in one request and adds a PNG; the server checks
 * the bytes (not the name), the size limit (DISPUTE_DOCUMENT_MAX_BYTES), computes the SHA-256,
 * stores and audits; a cookie POST from another site is refused; foreign callers get 404.
 */
describe('dispute documents: multipart upload, type and size checks, SHA-256, scope', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  const tokens: Record<string, string> = {};
  let cookie = '';
  let dispute: DisputeJson;

  const form = (files: { name: string; bytes: Buffer; type?: string }[], fields: Record<string, string> = {}) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const f of files) body.append('documents', new Blob([f.bytes], { type: f.type ?? 'application/pdf' }), f.name);
    return body;
  };
  const post = (path: string, body: FormData, headers: Record<string, string>) =>
    fetch(`${api.url}/v1/${path}`, { method: 'POST', body, headers });
  const sameSite = () => ({ cookie, origin: api.url });

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack(
      { STATEMENT_AUTO_ISSUE: 'false', DISPUTE_DOCUMENT_MAX_BYTES: String(LIMIT) },
      { now: '2026-04-10T12:00:00Z' },
    ));
    Object.assign(tokens, await signInCast({ db, api }, ['NY', 'TX', 'coordinator', 'vertex', 'genetix']));
    cookie = await signInSessionCookie(api.url, 'v@vertex.test');
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' });
    const file = '1-NY-CLAIMOT-2026-03.txt';
    const response = await fetch(`${api.url}/v1/states/NY/claim-files?fileName=${file}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.NY}`, 'content-type': 'application/octet-stream' },
      body: readFileSync(join(FIXTURES, file)),
    });
    const { submission } = (await response.json()) as { submission: { id: string } };
    for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 100))) {
      const [row] = await queryRows<{ status: string }>(db.url, 'SELECT status FROM claim_submission WHERE id = $1', [
        submission.id,
      ]);
      if (row.status === 'COMPLETED') break;
      if (['REJECTED', 'FAILED'].includes(row.status) || Date.now() > deadline) throw new Error(row.status);
    }
    await issueStatementForTest(db.url, {
      labelerCode: '51167',
      stateCode: 'NY',
      quarter: '2026Q1',
      issuedOn: '2026-04-10',
    });
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it('opens a dispute of line 1 with a PDF in one multipart request, with the session cookie', async () => {
    const crossSite = await post(
      `statements/${NUMBER}/disputes`,
      form([{ name: 'letter.pdf', bytes: PDF }], { code: 'M', note: 'duplicate', lineNumber: '1' }),
      { cookie, origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('CROSS_SITE_REQUEST');

    const badLine = await post(
      `statements/${NUMBER}/disputes`,
      form([{ name: 'letter.pdf', bytes: PDF }], { code: 'M', note: 'duplicate', lineNumber: '7' }),
      sameSite(),
    );
    expect(badLine.status).toBe(400);
    expect(JSON.stringify(await badLine.json())).toContain(`${NUMBER} has lines 1 to 1, not 7`);

    const response = await post(
      `statements/${NUMBER}/disputes`,
      form([{ name: 'letter.pdf', bytes: PDF, type: 'text/plain' }], { code: 'M', note: 'duplicate', lineNumber: '1' }),
      sameSite(),
    );
    expect(response.status).toBe(201);
    dispute = ((await response.json()) as { dispute: DisputeJson }).dispute;
    const [line] = await queryRows<{ id: string }>(
      db.url,
      `SELECT id::text FROM ledger_entry WHERE labeler_code = '51167' AND statement_quarter = '2026Q1'`,
    );
    expect(dispute).toMatchObject({ lineNumber: 1, ledgerEntryId: line.id });
    // The content decides the type, not the client's declaration.
    expect(dispute.documents).toEqual([
      expect.objectContaining({
        fileName: 'letter.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: sha256(PDF),
      }),
    ]);
    const { dispute: read } = await graphqlOk<{ dispute: { lineNumber: number; status: string } }>(
      api.url,
      `query($id: ID!) { dispute(id: $id) { lineNumber status } }`,
      { id: dispute.id },
      tokens.NY,
    );
    expect(read).toEqual({ lineNumber: 1, status: 'OPEN' });
  });

  it('refuses files that are not PDF, PNG or JPEG (415) or too large (413), storing nothing', async () => {
    const path = `disputes/${dispute.id}/documents`;
    const text = await post(
      path,
      form([{ name: 'scan.pdf', bytes: Buffer.from('just text, named .pdf') }]),
      sameSite(),
    );
    expect(text.status).toBe(415);
    const textError = ((await text.json()) as { error: { code: string; reason?: string; message: string } }).error;
    expect(textError.message).toContain('scan.pdf: not a PDF, PNG or JPEG file');

    const big = Buffer.concat([PNG, Buffer.alloc(LIMIT)]);
    const tooLarge = await post(path, form([{ name: 'huge.png', bytes: big, type: 'image/png' }]), sameSite());
    expect(tooLarge.status).toBe(413);
    expect(JSON.stringify(await tooLarge.json())).toContain(`larger than the limit of ${LIMIT} bytes`);

    const mixed = await post(
      path,
      form([
        { name: 'ok.png', bytes: PNG, type: 'image/png' },
        { name: 'evil.html', bytes: Buffer.from('<script>alert(1)</script>'), type: 'image/png' },
      ]),
      sameSite(),
    );
    expect(mixed.status).toBe(415);
    const notMultipart = await fetch(`${api.url}/v1/${path}`, {
      method: 'POST',
      headers: { ...sameSite(), 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(notMultipart.status).toBe(415);
    expect(
      await queryRows(db.url, 'SELECT count(*)::int AS n FROM dispute_document WHERE dispute_id = $1', [dispute.id]),
    ).toEqual([{ n: 1 }]);
  });

  it('adds a PNG (the state may too), audits the SHA-256, and downloads within scope only', async () => {
    const path = `disputes/${dispute.id}/documents`;
    const added = await post(path, form([{ name: 'photo.png', bytes: PNG, type: 'image/png' }]), sameSite());
    expect(added.status).toBe(201);
    const docs = ((await added.json()) as { dispute: DisputeJson }).dispute.documents;
    expect(docs.map((d) => [d.fileName, d.contentType, d.sha256])).toEqual([
      ['letter.pdf', 'application/pdf', sha256(PDF)],
      ['photo.png', 'image/png', sha256(PNG)],
    ]);
    const byState = await post(path, form([{ name: 'reply.pdf', bytes: PDF }]), {
      authorization: `Bearer ${tokens.NY}`,
    });
    expect(byState.status).toBe(201);
    const audit = await queryRows<{ action: string; sha: string }>(
      db.url,
      `SELECT action, after->'documents'->0->>'sha256' AS sha FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, id`,
      [dispute.id],
    );
    expect(audit).toEqual([
      { action: 'dispute.open', sha: sha256(PDF) },
      { action: 'dispute.add_documents', sha: sha256(PNG) },
      { action: 'dispute.add_documents', sha: sha256(PDF) },
    ]);

    const download = await fetch(`${api.url}${docs[1].downloadPath}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-sha256')).toBe(sha256(PNG));
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);

    for (const who of ['genetix', 'TX']) {
      const foreignGet = await fetch(`${api.url}${docs[1].downloadPath}`, {
        headers: { authorization: `Bearer ${tokens[who]}` },
      });
      expect({ who, status: foreignGet.status }).toEqual({ who, status: 404 });
      const foreignPost = await post(path, form([{ name: 'x.pdf', bytes: PDF }]), {
        authorization: `Bearer ${tokens[who]}`,
      });
      expect({ who, status: foreignPost.status }).toEqual({ who, status: 404 });
    }
    const foreignOpen = await post(`statements/${NUMBER}/disputes`, form([], { code: 'M', note: 'x' }), {
      authorization: `Bearer ${tokens.genetix}`,
    });
    expect(foreignOpen.status).toBe(404);
    expect((await fetch(`${api.url}${docs[1].downloadPath}`)).status).toBe(401);
  });

  it('answers what the portal lists: aging buckets, the overdue flag and statuses in plain words', async () => {
    const aging = `query($asOf: Date) { disputeAging(asOf: $asOf) { bucket label count amount } }`;
    const on = async (who: string, asOf: string) =>
      (await graphqlOk<{ disputeAging: unknown[] }>(api.url, aging, { asOf }, tokens[who])).disputeAging;
    expect(await on('vertex', '2026-05-20')).toEqual([
      { bucket: 'DAYS_0_30', label: '0-30 days', count: 0, amount: '0.00' },
      { bucket: 'DAYS_31_60', label: '31-60 days', count: 1, amount: '220000.00' },
      { bucket: 'OVER_60', label: 'More than 60 days', count: 0, amount: '0.00' },
    ]);
    expect((await on('NY', '2026-04-10'))[0]).toMatchObject({ count: 1 });
    expect((await on('genetix', '2026-05-20')).map((b) => (b as { count: number }).count)).toEqual([0, 0, 0]);

    const { statements } = await graphqlOk<{ statements: { edges: { node: unknown }[] } }>(
      api.url,
      `{ statements(filter: { stateCode: "NY" }) { edges { node { number statusLabel
          early: balances(asOf: "2026-05-17") { overdue outstanding }
          late: balances(asOf: "2026-05-18") { overdue outstanding } } } } }`,
      {},
      tokens.vertex,
    );
    expect(statements.edges.map((e) => e.node)).toEqual([
      {
        number: NUMBER,
        statusLabel: 'Under dispute',
        early: { overdue: false, outstanding: '220000.00' },
        late: { overdue: true, outstanding: '220000.00' },
      },
    ]);
    const { disputes } = await graphqlOk<{ disputes: { edges: { node: unknown }[] } }>(
      api.url,
      `{ disputes { edges { node { lineNumber statusLabel codeLabel } } } }`,
      {},
      tokens.NY,
    );
    expect(disputes.edges.map((e) => e.node)).toEqual([
      { lineNumber: 1, statusLabel: 'Open', codeLabel: 'Duplicate claim' },
    ]);
  });
});
