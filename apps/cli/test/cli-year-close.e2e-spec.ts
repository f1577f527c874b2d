import { casgevyTerms } from '@lib/agreements';
import { Dec } from '@lib/common';
import {
  casgevyClaimFile,
  executedCasgevyAgreement,
  queryRows,
  runCliProcess,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  type TestStack,
} from '@lib/testing';

/**
 * `cgt year close` as an operator runs it (a separate process on the test database): the same
 * service as the `closeContractYear` mutation, audited under the CLI's actor. One New York
 * administration in 2026 reaches the one-treatment tier (5 % of 2,200,000.00 = 110,000.00).
 * The clock stands at 2027-02-15, after the year's end.
 */
const FIXED_TIME = '2027-02-15T12:00:00Z';

describe('cli year close', () => {
  let stack: TestStack;
  let agreementId = '';
  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(stack.db.url, text, params);
  const cli = (args: string[]) => runCliProcess(['year', 'close', ...args], stack.config, { FIXED_TIME });

  beforeAll(async () => {
    stack = await startTestStack({ FIXED_TIME });
    const { NY } = await signInCast(stack, ['NY']);
    ({ agreementId } = await executedCasgevyAgreement(
      stack.api.app,
      { stateCode: 'NY', effectiveFrom: '2026-01-01' },
      casgevyTerms({ volumeTiers: [{ minTreatments: 1, additionalRebatePct: new Dec('0.05') }] }),
    ));
    const file = casgevyClaimFile({ fips: '36', start: '2026-03-01', end: '2026-03-31', sequence: 1 }, [
      { icn: 'NY20260310CGT0001', msisId: 'NYMSIS000001', date: '2026-03-10' },
    ]);
    const submitted = await submitClaimFileAndWait(
      { url: stack.api.url, databaseUrl: stack.db.url, token: NY },
      'NY',
      'ny-march.txt',
      file,
    );
    expect(submitted.status).toBe('COMPLETED');
  });

  afterAll(() => stopTestStack(stack));

  it('refuses a year that has not ended and an unknown product, changing nothing', async () => {
    const notEnded = await cli(['--agreement', agreementId, '--year', '2027']);
    expect(notEnded.code).toBe(1);
    expect(notEnded.output).toContain(`cgt: Contract year 2027 of agreement ${agreementId} has not ended yet`);
    const unknown = await cli(['--agreement', 'zolgensma', '--year', '2026']);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('cgt: No product has the code ZOLGENSMA');
    const badYear = await cli(['--agreement', agreementId, '--year', '26']);
    expect(badYear).toMatchObject({ code: 1, output: expect.stringContaining('--year must be a calendar year') });
    expect(await sql('SELECT id FROM contract_year_close')).toEqual([]);
  });

  it('closes the year by product code through the service, appending VOLUME, audited as the CLI', async () => {
    const closed = await cli(['--agreement', 'casgevy', '--year', '2026']);
    expect(closed.code).toBe(0);
    const [close] = await sql<{ id: string; eligible_episodes: number; tier_pct: string; closed_by_label: string }>(
      'SELECT id, eligible_episodes, tier_pct::text, closed_by_label FROM contract_year_close',
    );
    expect(close).toMatchObject({ eligible_episodes: 1, tier_pct: '0.05', closed_by_label: 'cli' });
    expect(closed.output).toContain(
      `Closed contract year 2026 of agreement ${agreementId} (CASGEVY) on 2027-02-15: 1 eligible episode, ` +
        'volume tier from 1 treatments reached, additional rebate 5% of WAC.',
    );
    expect(closed.output).toContain(`Close id ${close.id}`);
    expect(closed.output).toContain('  NY: 1 ledger entry appended, sum 110000.00');
    expect(
      await sql('SELECT component, amount::text FROM ledger_entry WHERE cause_type = $1 AND cause_id = $2', [
        'YEAR_CLOSE',
        close.id,
      ]),
    ).toEqual([{ component: 'VOLUME', amount: '110000.00' }]);
    expect(
      await sql('SELECT actor_role, actor_label, actor_user_id FROM audit_event WHERE action = $1 AND entity_id = $2', [
        'reconciliation.contract-year.closed',
        close.id,
      ]),
    ).toEqual([{ actor_role: 'SYSTEM', actor_label: 'cli', actor_user_id: null }]);
  });

  it('refuses to close the same year twice, by id', async () => {
    const again = await cli(['--agreement', agreementId.toUpperCase(), '--year', '2026']);
    expect(again.code).toBe(1);
    expect(again.output).toContain('is already closed: reopen it first to close it again');
    expect(await sql('SELECT id FROM contract_year_close')).toHaveLength(1);
  });
});
