import { Client } from 'pg';
import { ParticipationService } from '@lib/agreements';
import { isAppError, systemActor } from '@lib/common';
import { LockClass } from '@lib/database';
import { ContractYearCloseService } from '@lib/reconciliation';
import {
  createTestDatabase,
  executedCasgevyAgreement,
  queryRows,
  startApi,
  testConfig,
  type RunningApi,
  type TestDatabase,
} from '@lib/testing';

/**
 * A close takes the agreement's lock, then the lock of every participating state in ascending
 * FIPS order, and only then counts and reconciles: a state whose reconciliation is running holds
 * the close up (and never the other way round in a cycle). Two closes of one year: one wins.
 */
describe('contract-year close: locks and the one-close guarantee', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let agreementId = '';
  const system = systemActor('test');

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url, { FIXED_TIME: '2027-02-15T12:00:00Z' }));
    ({ agreementId } = await executedCasgevyAgreement(api.app, { stateCode: 'TX', effectiveFrom: '2026-01-01' }));
    // California joins later in 2026; Georgia only from 2027 (not part of the 2026 close).
    const participation = api.app.get(ParticipationService);
    await participation.join(system, { agreementId, stateCode: 'CA', effectiveFrom: '2026-07-01' });
    await participation.join(system, { agreementId, stateCode: 'GA', effectiveFrom: '2027-01-01' });
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const advisoryLocks = async (): Promise<{ classid: string; objid: string; granted: boolean }[]> =>
    queryRows(
      db.url,
      `SELECT classid::text, objid::text, granted FROM pg_locks
        WHERE locktype = 'advisory' AND classid::int IN ($1, $2)
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY granted DESC, classid, objid`,
      [LockClass.AGREEMENT, LockClass.STATE],
    );

  it('waits for a running reconciliation of a participating state, holding the lower FIPS states already', async () => {
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      // Texas (48) is busy: California (06) is taken first, then the close waits for Texas.
      await other.query('SELECT pg_advisory_lock($1, 48)', [LockClass.STATE]);
      let settled = false;
      const closing = api.app
        .get(ContractYearCloseService)
        .close(system, { agreementId, year: 2026 })
        .finally(() => (settled = true));
      // Wait (bounded) until the close is queued behind Texas's lock.
      let locks = await advisoryLocks();
      for (let i = 0; i < 100 && !locks.some((l) => !l.granted); i++) {
        await new Promise((r) => setTimeout(r, 100));
        locks = await advisoryLocks();
      }
      expect(settled).toBe(false);
      expect(locks.filter((l) => l.classid === String(LockClass.STATE)).map((l) => [l.objid, l.granted])).toEqual([
        ['48', true], // held by the other session
        ['6', true], // the close's, California
        ['48', false], // the close waits for Texas
      ]);
      expect(locks.some((l) => l.classid === String(LockClass.AGREEMENT) && l.granted)).toBe(true);
      await other.query('SELECT pg_advisory_unlock($1, 48)', [LockClass.STATE]);
      const result = await closing;
      expect(result.states.map((s) => s.stateCode)).toEqual(['CA', 'TX']);
      expect(result.close).toMatchObject({ contractYear: 2026, eligibleEpisodes: 0, tierMinTreatments: null });
      expect(result.close.tierPct.toString()).toBe('0');
    } finally {
      await other.end();
    }
  });

  it('of two closes of one year at the same time, one closes and the other is refused', async () => {
    const service = api.app.get(ContractYearCloseService);
    await service.reopen(system, { agreementId, year: 2026, reason: 'again' });
    const outcomes = await Promise.allSettled([
      service.close(system, { agreementId, year: 2026 }),
      service.close(system, { agreementId, year: 2026 }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    const reason: unknown = refused?.status === 'rejected' ? refused.reason : null;
    expect(isAppError(reason) && reason.code).toBe('YEAR_CLOSE_YEAR_ALREADY_CLOSED');
    const rows = await queryRows<{ status: string }>(
      db.url,
      'SELECT status FROM contract_year_close WHERE agreement_id = $1 ORDER BY created_at',
      [agreementId],
    );
    expect(rows.map((r) => r.status)).toEqual(['SUPERSEDED', 'CLOSED']);
  });

  it('the table keeps history: no second CLOSED or in-force close, no deletes', async () => {
    const insert = (status: string) =>
      queryRows(
        db.url,
        `INSERT INTO contract_year_close (agreement_id, contract_year, eligible_episodes, tier_pct, status, closed_on,
                                          closed_by_label, reopened_at, reopen_reason)
         VALUES ($1, 2026, 0, 0, $2, '2027-02-15', 'x', CASE WHEN $2 = 'CLOSED' THEN NULL ELSE now() END,
                 CASE WHEN $2 = 'CLOSED' THEN NULL ELSE 'x' END)`,
        [agreementId, status],
      );
    await expect(insert('CLOSED')).rejects.toThrow(/contract_year_close_active_idx/);
    await expect(insert('REOPENED')).rejects.toThrow(/contract_year_close_in_force_idx/);
    await expect(queryRows(db.url, 'DELETE FROM contract_year_close')).rejects.toThrow(/append-only/);
  });
});
