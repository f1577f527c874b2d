import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Role } from '@lib/common';
import {
  createTestDatabase,
  graphql,
  insertUser,
  manufacturerIdOf,
  signIn,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');
const NY_FILE = readFileSync(join(FIXTURES, '1-NY-CLAIMOT-2026-03.txt'));

interface SubmitBody {
  submission: { id: string; status: string; stateCode: string; byteSize: number; fileSha256: string };
  links: { self: string };
  error?: { code: string; reason?: string };
}

/** Receiving only (no worker here): storage, dedup by hash, access, content types. */
describe('POST /v1/states/:usps/claim-files', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let nyToken: string;
  let coordinatorToken: string;
  let auditorToken: string;
  let manufacturerToken: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url, { MAX_UPLOAD_BYTES: '100000' }));
    const vertex = await manufacturerIdOf(db.url, '51167');
    const [ny, coordinator, auditor, maker] = await Promise.all([
      insertUser(db.url, { email: 'ny@test.gov', role: Role.STATE_STAFF, stateCode: 'NY' }),
      insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR }),
      insertUser(db.url, { email: 'auditor@test.gov', role: Role.AUDITOR }),
      insertUser(db.url, { email: 'maker@test.com', role: Role.MANUFACTURER_STAFF, manufacturerId: vertex }),
    ]);
    [nyToken, coordinatorToken, auditorToken, manufacturerToken] = await Promise.all([
      signIn(api.url, ny.email, ny.password),
      signIn(api.url, coordinator.email, coordinator.password),
      signIn(api.url, auditor.email, auditor.password),
      signIn(api.url, maker.email, maker.password),
    ]);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const post = (
    usps: string,
    token: string,
    body: NonNullable<RequestInit['body']>,
    contentType = 'application/octet-stream',
    query = '',
  ) =>
    fetch(`${api.url}/v1/states/${usps}/claim-files${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });

  it('stores a new file (202), returns the earlier submission for the same bytes (200)', async () => {
    const first = await post('NY', nyToken, NY_FILE, 'text/plain', '?fileName=march.txt');
    expect(first.status).toBe(202);
    const body = (await first.json()) as SubmitBody;
    expect(body.submission).toMatchObject({ status: 'RECEIVED', stateCode: 'NY', byteSize: NY_FILE.length });
    expect(body.links.self).toBe(`/v1/claim-submissions/${body.submission.id}`);

    const again = await post('NY', coordinatorToken, NY_FILE);
    expect(again.status).toBe(200);
    expect(((await again.json()) as SubmitBody).submission.id).toBe(body.submission.id);

    const client = new Client({ connectionString: db.url });
    await client.connect();
    const audit = await client.query(`SELECT action FROM audit_event WHERE entity_id = $1`, [body.submission.id]);
    await client.end();
    expect(audit.rows).toEqual([{ action: 'claim-submission.received' }]);

    const got = await fetch(`${api.url}${body.links.self}`, { headers: { authorization: `Bearer ${nyToken}` } });
    expect(((await got.json()) as SubmitBody).submission.fileSha256).toBe(body.submission.fileSha256);
  });

  it('accepts multipart/form-data with one file field', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.concat([NY_FILE, Buffer.from('\n')])]), 'march-again.txt');
    const response = await fetch(`${api.url}/v1/states/NY/claim-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinatorToken}` },
      body: form,
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as SubmitBody & { submission: { originalFileName: string } };
    expect(body.submission.originalFileName).toBe('march-again.txt');
  });

  it('refuses state staff submitting for another state, other roles, and oversize files', async () => {
    const other = await post('GA', nyToken, NY_FILE);
    expect(other.status).toBe(403);
    const auditor = await post('NY', auditorToken, NY_FILE);
    expect(auditor.status).toBe(403);
    const maker = await post('NY', manufacturerToken, NY_FILE);
    expect(maker.status).toBe(403);
    const big = await post('NY', coordinatorToken, Buffer.alloc(200_000, 65));
    expect(big.status).toBe(400);
    expect(((await big.json()) as SubmitBody).error).toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('lists submissions by scope through GraphQL and takes small files inline', async () => {
    const inline = await graphql<{ submitClaimFile: { id: string; status: string } }>(
      api.url,
      'mutation($input: SubmitClaimFileInput!) { submitClaimFile(input: $input) { id status } }',
      { input: { stateCode: 'NY', fileName: 'x.txt', contentBase64: Buffer.from('COT00001|x\n').toString('base64') } },
      nyToken,
    );
    expect(inline.errors).toBeUndefined();
    expect(inline.data?.submitClaimFile.status).toBe('RECEIVED');
    const list = await graphql<{ claimSubmissions: { totalCount: number } }>(
      api.url,
      '{ claimSubmissions(first: 10) { totalCount edges { node { id stateCode status progress { totalBytes } } } } }',
      {},
      nyToken,
    );
    expect(list.data?.claimSubmissions.totalCount).toBe(3);
    const auditorList = await graphql<{ claimSubmissions: { totalCount: number } }>(
      api.url,
      '{ claimSubmissions { totalCount } }',
      {},
      auditorToken,
    );
    expect(auditorList.data?.claimSubmissions.totalCount).toBe(3);
    const manufacturer = await graphql(api.url, '{ claimSubmissions { totalCount } }', {}, manufacturerToken);
    expect(manufacturer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
