import { dec, Role, systemActor, type Actor } from '@lib/common';
import { LockClass, lockForTransaction } from '@lib/database';
import { LedgerService } from '@lib/ledger';
import { StatementWorkflowService } from '@lib/statements';
import { DataSource, type EntityManager } from 'typeorm';
import { createTestDatabase, queryRows, startApi, testConfig, type RunningApi, type TestDatabase } from '@lib/testing';

const NY_FIPS = 36;

/**
 * Issuing runs under the state's advisory lock, the lock reconciliation holds while it appends:
 * an entry appended while the lock is held lands on the statement before it is frozen, and an
 * entry appended after issuing lands on the next quarter.
 */
describe('issuing a statement and the state lock', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let episodeId = '';
  let productId = '';
  const coordinator: Actor = { ...systemActor('test'), kind: 'user', role: Role.FEDERAL_COORDINATOR, label: 'c' };
  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url), { now: '2026-04-02T10:00:00Z' });
    [{ id: productId }] = await sql<{ id: string }>(`SELECT id FROM product WHERE code = 'CASGEVY'`);
    [{ id: episodeId }] = await sql<{ id: string }>(
      `INSERT INTO episode (episode_key, episode_ref, state_code, product_id, labeler_code, index_icn, administration_date,
                            paid, status, fingerprint, created_by_cause, updated_by_cause)
       VALUES ('k', 'EP-TEST', 'NY', $1, '51167', 'ICN-1', '2026-03-10', 2200000, 'ELIGIBLE', 'f', 't', 't') RETURNING id`,
      [productId],
    );
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const append = (manager: EntityManager, amount: string, id: string) =>
    api.app.get(LedgerService).append(manager, { type: 'SUBMISSION', id, serviceQuarter: '2026Q1' }, [
      {
        episodeId,
        stateCode: 'NY',
        labelerCode: '51167',
        productId,
        administrationDate: '2026-03-10',
        ndc11: '51167029009',
        component: 'GUARANTEED',
        amount: dec(amount),
      },
    ]);

  it('waits for a reconciliation holding the lock, freezes what it appended, and sends later entries to the next quarter', async () => {
    const dataSource = api.app.get(DataSource);
    await dataSource.transaction((m) => append(m, '220000.00', 's1'));
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM statement WHERE number = 'CGT-NY-51167-2026Q1'`);

    const reconciliation = dataSource.createQueryRunner();
    await reconciliation.connect();
    await reconciliation.startTransaction();
    await lockForTransaction(reconciliation.manager, LockClass.STATE, NY_FIPS);
    let issued = false;
    const issuing = api.app
      .get(StatementWorkflowService)
      .issueQuarter(coordinator, { quarter: '2026Q1', stateCode: 'NY' })
      .then((result) => {
        issued = true;
        return result;
      });
    await new Promise((r) => setTimeout(r, 300));
    expect(issued).toBe(false);
    await append(reconciliation.manager, '-20000.00', 's2');
    await reconciliation.commitTransaction();
    await reconciliation.release();

    const [statement] = await issuing;
    expect(statement).toMatchObject({
      id,
      status: 'ISSUED',
      issuedOn: '2026-04-02',
      dueOn: '2026-05-09',
      lineCount: 2,
    });
    expect(statement.total!.toFixed(2)).toBe('200000.00');

    await dataSource.transaction((m) => append(m, '5000.00', 's3'));
    expect(await sql(`SELECT cause_id, service_quarter, statement_quarter FROM ledger_entry ORDER BY id`)).toEqual([
      { cause_id: 's1', service_quarter: '2026Q1', statement_quarter: '2026Q1' },
      { cause_id: 's2', service_quarter: '2026Q1', statement_quarter: '2026Q1' },
      { cause_id: 's3', service_quarter: '2026Q1', statement_quarter: '2026Q2' },
    ]);
    expect(await sql(`SELECT number, status, total::text FROM statement ORDER BY number`)).toEqual([
      { number: 'CGT-NY-51167-2026Q1', status: 'ISSUED', total: '200000.00' },
      { number: 'CGT-NY-51167-2026Q2', status: 'DRAFT', total: null },
    ]);
    await expect(
      api.app.get(StatementWorkflowService).issueQuarter(coordinator, { quarter: '2026Q2' }),
    ).rejects.toMatchObject({ code: 'STATEMENT_QUARTER_OPEN' });
  });
  it('issues a quarter all or nothing: a failure on the second statement leaves none issued', async () => {
    const dataSource = api.app.get(DataSource);
    for (const state of ['NY', 'TX']) {
      const [{ id: episode }] = await sql<{ id: string }>(
        `INSERT INTO episode (episode_key, episode_ref, state_code, product_id, labeler_code, index_icn, administration_date,
                              paid, status, fingerprint, created_by_cause, updated_by_cause)
         VALUES ($1, $2, $3, $4, '51167', 'ICN-Q4', '2025-11-10', 2200000, 'ELIGIBLE', 'f', 't', 't') RETURNING id`,
        [`${state}|q4`, `EP-Q4-${state}`, state, productId],
      );
      await dataSource.transaction((m) =>
        api.app.get(LedgerService).append(m, { type: 'SUBMISSION', id: `q4-${state}`, serviceQuarter: '2025Q4' }, [
          {
            episodeId: episode,
            stateCode: state,
            labelerCode: '51167',
            productId,
            administrationDate: '2025-11-10',
            ndc11: '51167029009',
            component: 'GUARANTEED',
            amount: dec('220000.00'),
          },
        ]),
      );
    }
    const quarter = () => sql(`SELECT number, status FROM statement WHERE quarter = '2025Q4' ORDER BY number`);
    expect(await quarter()).toEqual([
      { number: 'CGT-NY-51167-2025Q4', status: 'DRAFT' },
      { number: 'CGT-TX-51167-2025Q4', status: 'DRAFT' },
    ]);

    const issuedAudits = () =>
      sql(
        `SELECT count(*)::int AS n FROM audit_event
          WHERE action = 'statement.issue' AND entity_id::text IN (SELECT id::text FROM statement WHERE quarter = '2025Q4')`,
      );
    const ledger = api.app.get(LedgerService);
    const closePeriod = ledger.closePeriod.bind(ledger);
    let calls = 0;
    const spy = jest.spyOn(ledger, 'closePeriod').mockImplementation(async (...args) => {
      if ((calls += 1) === 2) throw new Error('injected failure on the second statement');
      return closePeriod(...args);
    });
    try {
      await expect(
        api.app.get(StatementWorkflowService).issueQuarter(coordinator, { quarter: '2025Q4' }),
      ).rejects.toThrow('injected failure on the second statement');
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(2);
    expect(await quarter()).toEqual([
      { number: 'CGT-NY-51167-2025Q4', status: 'DRAFT' },
      { number: 'CGT-TX-51167-2025Q4', status: 'DRAFT' },
    ]);
    expect(await sql(`SELECT state_code FROM ledger_period_close WHERE quarter = '2025Q4'`)).toEqual([]);
    expect(await issuedAudits()).toEqual([{ n: 0 }]);

    const issued = await api.app.get(StatementWorkflowService).issueQuarter(coordinator, { quarter: '2025Q4' });
    expect(issued.map((s) => [s.number, s.status])).toEqual([
      ['CGT-NY-51167-2025Q4', 'ISSUED'],
      ['CGT-TX-51167-2025Q4', 'ISSUED'],
    ]);
    expect(await issuedAudits()).toEqual([{ n: 2 }]);
  });
});
