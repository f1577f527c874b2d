import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@lib/common';
import {
  createTestDatabase,
  insertUser,
  startApi,
  startWorker,
  testConfig,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
  WAIT_LIMIT_MS,
} from '@lib/testing';
import { resolveToken, uploadClaimFile, waitForFinalStatus } from '../src/submit/claim-file-client';

const FILE = [
  'COT00001|4.0.0|O|CLAIMOT|36|20260405|20260301|20260331|1|2',
  'COT00002|36|1|NY2026030100017||20260312|0|MSIS00012345|1|F1|0|1234567893|||20260310|20260310||2200000.00',
  'COT00003|36|2|NY2026030100017||20260312|0|1|0892|J3392|51167-0290-09|1|UN|1|20260310|20260310|2200000.00',
].join('\n');

/** `cgt submit`: the client streams the file to the real API and follows it to a final status. */
describe('cli submit', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url);
    [api, worker] = await Promise.all([startApi(config), startWorker(config)]);
    await insertUser(db.url, {
      email: 'ny@test.gov',
      role: Role.STATE_STAFF,
      stateCode: 'NY',
      password: 'pw-123456789',
    });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it('signs in from the environment, uploads with progress and waits for COMPLETED', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cgt-cli-')), 'ny-march.txt');
    writeFileSync(file, FILE);
    const token = await resolveToken(api.url, undefined, { CGT_EMAIL: 'ny@test.gov', CGT_PASSWORD: 'pw-123456789' });
    const sent: number[] = [];
    const upload = await uploadClaimFile({ api: api.url, token, state: 'ny', file, onBytes: (n) => sent.push(n) });
    expect(upload.httpStatus).toBe(202);
    expect(sent.at(-1)).toBe(FILE.length);
    const final = await waitForFinalStatus(api.url, token, upload.submission.id, {
      intervalMs: 100,
      timeoutMs: WAIT_LIMIT_MS,
    });
    expect(final).toMatchObject({ status: 'COMPLETED', counts: { records: 2, claimVersions: 1, cgtLines: 1 } });
    const again = await uploadClaimFile({ api: api.url, token, state: 'NY', file });
    expect(again).toMatchObject({ httpStatus: 200, submission: { id: upload.submission.id } });
    await expect(uploadClaimFile({ api: api.url, token, state: 'GA', file })).rejects.toThrow(/HTTP 403/);
  });
});
