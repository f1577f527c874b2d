import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzSettings, mutateClaimFile, seededRandom } from '../../claims/src/parsing/claim-file-test-kit';
import {
  executedCasgevyAgreement,
  queryRows,
  reconcileStateAgain,
  signInCast,
  startTestStack,
  stopTestStack,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');
const BASES = ['1-NY-CLAIMOT-2026-03.txt', '2-NY-CLAIMIP-2026-11.txt', '4-NY-CLAIMIP-2027-05.txt'].map((f) =>
  readFileSync(join(FIXTURES, f)),
);
const { cases: CASES, seed: SEED } = fuzzSettings('FUZZ_PIPELINE_CASES', 40);

/**
 * Mutated claim files through the whole pipeline (HTTP, worker, claim tables, reconciliation,
 * ledger): each ends COMPLETED (with its problems reported) or REJECTED (nothing applied), never
 * FAILED or stuck, and the ledger always equals what the stored claims call for (reconciling
 * again appends nothing: no partial ledger). 40 cases by default; `npm run test:fuzz` runs 240
 * (FUZZ_PIPELINE_CASES, FUZZ_SEED). The reader alone is fuzzed in
 * libs/claims/src/parsing/claim-file-reader.fuzz.spec.ts. No per-file deadline: a stuck file is
 * caught by Jest's timeout, sized far above the work.
 */
describe('mutated claim files through the pipeline', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let token = '';

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);

  beforeAll(async () => {
    // The worked example's files report up to May 2027, and a period after the platform's current
    // month is rejected: the clock is pinned after them.
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: '2027-06-15T12:00:00Z' }));
    ({ NY: token } = await signInCast({ db, api }, ['NY']));
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' });
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it(
    `ends each of ${CASES} mutated files as COMPLETED or REJECTED, with a consistent ledger`,
    async () => {
      const next = seededRandom(SEED);
      const outcomes: Record<string, number> = {};
      for (let i = 0; i < CASES; i++) {
        const bytes = mutateClaimFile(BASES[i % BASES.length], next);
        const response = await fetch(`${api.url}/v1/states/NY/claim-files?fileName=fuzz-${i}.txt`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
          body: bytes,
        });
        expect([200, 202, 400]).toContain(response.status);
        if (response.status === 400) {
          outcomes.REFUSED_AT_UPLOAD = (outcomes.REFUSED_AT_UPLOAD ?? 0) + 1;
          continue;
        }
        const { submission } = (await response.json()) as { submission: { id: string } };
        let row: { status: string; rejection_reason: string | null } | undefined;
        for (;;) {
          [row] = await sql<{ status: string; rejection_reason: string | null }>(
            'SELECT status, rejection_reason FROM claim_submission WHERE id = $1',
            [submission.id],
          );
          if (row && ['COMPLETED', 'REJECTED', 'FAILED'].includes(row.status)) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        expect({ i, status: row.status }).toEqual({ i, status: expect.stringMatching(/^(COMPLETED|REJECTED)$/) });
        if (row.status === 'REJECTED') {
          expect(row.rejection_reason).toEqual(expect.any(String));
          const applied = await sql<{ n: number }>(
            `SELECT (SELECT count(*)::int FROM claim_version WHERE submission_id = $1)
                  + (SELECT count(*)::int FROM claim_version_digest d JOIN claim_submission s ON s.receipt_seq = d.receipt_seq
                      WHERE s.id = $1) AS n`,
            [submission.id],
          );
          expect(applied).toEqual([{ n: 0 }]);
        }
        outcomes[row.status] = (outcomes[row.status] ?? 0) + 1;
      }
      expect(Object.keys(outcomes).length).toBeGreaterThan(1);
      const again = await reconcileStateAgain(
        worker,
        { stateCode: 'NY', stateFips: '36' },
        { id: 'fuzz-check', serviceQuarter: '2027Q2' },
      );
      expect(again).toMatchObject({ ledgerEntries: 0, episodesCreated: 0, episodesChanged: 0, episodesVoided: 0 });
    },
    60_000 + CASES * 10_000,
  );
});
