import { gzipSync } from 'node:zlib';
import {
  queryRows,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';
import { otFile, workedExampleFile } from './claim-file-fixtures';

/**
 * A gzip bomb: a valid file header, then 2 GiB of newlines, as 128 gzip members of 16 MiB each
 * (a gzip file may hold several members; each compresses ~1,000 times). About 2 MB to upload.
 */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x0a), { level: 9 });
  return Buffer.concat([gzipSync(otFile([])), ...Array.from({ length: 128 }, () => member)]);
}

/** Bounded bad input (README "Security", decompression bombs): a bomb is REJECTED with a clear reason; another state's file is not held up. */
describe('claim files: bounded bad input', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack());
    tokens = await signInCast({ db, api }, ['NY', 'GA']);
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it('rejects a 2 GiB gzip bomb by its compression ratio while another state’s file completes', async () => {
    const bomb = submitClaimFileAndWait(
      { url: api.url, databaseUrl: db.url, token: tokens.NY },
      'NY',
      'bomb.gz',
      gzipBomb(),
    );
    const other = submitClaimFileAndWait(
      { url: api.url, databaseUrl: db.url, token: tokens.GA },
      'GA',
      '5-GA-CLAIMOT-2026-02.txt',
      workedExampleFile('5-GA-CLAIMOT-2026-02.txt'),
    );
    const [bombResult, otherResult] = await Promise.all([bomb, other]);
    expect(otherResult.status).toBe('COMPLETED');
    expect(bombResult.status).toBe('REJECTED');
    const [row] = await queryRows<{ rejection_code: string; rejection_reason: string; bytes_read: string }>(
      db.url,
      'SELECT rejection_code, rejection_reason, bytes_read FROM claim_submission WHERE id = $1',
      [bombResult.id],
    );
    expect(row.rejection_code).toBe('GZIP_RATIO');
    expect(row.rejection_reason).toMatch(/^The gzip file expands more than 100 times .*decompression bomb/);
  });
});
