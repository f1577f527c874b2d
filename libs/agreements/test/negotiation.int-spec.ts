import { DataSource } from 'typeorm';
import { AppError, Dec, ErrorCategory } from '@lib/common';
import { ManufacturersService, ProductsService } from '@lib/reference';
import { createTestDatabase, startApi, testConfig, type RunningApi, type TestDatabase } from '@lib/testing';
import {
  AgreementChangeNotifier,
  AgreementsService,
  AgreementStatus,
  casgevyTerms,
  NegotiationService,
  ParticipationService,
} from '@lib/agreements';
import { auditorActor, coordinatorActor, manufacturerActor, stateActor } from './agreement-test-kit';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('negotiation, amendments and participation (services on a real database)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let negotiation: NegotiationService;
  let participation: ParticipationService;
  let agreements: AgreementsService;
  let dataSource: DataSource;
  let notified: jest.SpyInstance;
  let casgevyId: string;
  let vertex: string;
  let genetix: string;
  const coordinator = coordinatorActor();

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    negotiation = api.app.get(NegotiationService);
    participation = api.app.get(ParticipationService);
    agreements = api.app.get(AgreementsService);
    dataSource = api.app.get(DataSource);
    notified = jest.spyOn(api.app.get(AgreementChangeNotifier), 'agreementChanged');
    const manufacturers = api.app.get(ManufacturersService);
    const products = api.app.get(ProductsService);
    casgevyId = (await products.productByCode('CASGEVY'))!.id;
    vertex = (await manufacturers.manufacturerIdByLabelerCode('51167'))!;
    genetix = (await manufacturers.manufacturerIdByLabelerCode('73554'))!;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /** Expires the Casgevy agreements in force: at most one executed agreement governs a product. */
  async function expireGoverning(): Promise<void> {
    const rows: { id: string }[] = await dataSource.query(
      `SELECT id FROM agreement WHERE product_id = $1 AND status = 'EXECUTED'`,
      [casgevyId],
    );
    for (const { id } of rows) await negotiation.expire(coordinator, { agreementId: id });
  }

  async function executed(terms = casgevyTerms(), expirePrevious = true): Promise<string> {
    const drafted = await negotiation.draft(coordinator, { productId: casgevyId, terms });
    await negotiation.accept(coordinator, { agreementId: drafted.id, versionNumber: 1 });
    if (expirePrevious) await expireGoverning();
    await negotiation.accept(manufacturerActor(vertex), { agreementId: drafted.id, versionNumber: 1 });
    return drafted.id;
  }

  /** Casgevy terms over another enrollment window (the schedule covers it). */
  function termsFor(enrollmentStart: string, enrollmentEnd: string) {
    const base = casgevyTerms();
    return casgevyTerms({
      enrollmentStart,
      enrollmentEnd,
      schedule: [{ ...base.schedule[0], effectiveFrom: enrollmentStart }],
    });
  }

  it('executes when both sides accept the same version, after a counter-offer, recording every step', async () => {
    const drafted = await negotiation.draft(coordinator, {
      productId: casgevyId,
      terms: casgevyTerms(),
      comment: 'opening',
    });
    expect(drafted).toMatchObject({ status: AgreementStatus.NEGOTIATING, manufacturerId: vertex });
    await negotiation.accept(coordinator, { agreementId: drafted.id, versionNumber: 1 });
    await negotiation.propose(manufacturerActor(vertex), {
      agreementId: drafted.id,
      terms: casgevyTerms({ supplementalCapPct: new Dec('0.70') }),
      comment: 'lower cap',
    });
    // The coordinator's acceptance of version 1 does not carry over to version 2.
    const stale = await failure(
      negotiation.accept(manufacturerActor(vertex), { agreementId: drafted.id, versionNumber: 1 }),
    );
    expect(stale).toMatchObject({ category: ErrorCategory.PRECONDITION_FAILED, code: 'VERSION_NOT_CURRENT' });
    const half = await negotiation.accept(manufacturerActor(vertex), { agreementId: drafted.id, versionNumber: 2 });
    expect(half.status).toBe(AgreementStatus.NEGOTIATING);
    const twice = await failure(
      negotiation.accept(manufacturerActor(vertex), { agreementId: drafted.id, versionNumber: 2 }),
    );
    expect(twice).toMatchObject({ category: ErrorCategory.CONFLICT, code: 'ALREADY_ACCEPTED' });
    const done = await negotiation.accept(coordinator, { agreementId: drafted.id, versionNumber: 2 });
    expect(done.status).toBe(AgreementStatus.EXECUTED);

    const steps = (await agreements.stepsOf(coordinator, [drafted.id])).get(drafted.id) ?? [];
    expect(steps.map((s) => [s.action, s.side, s.actorLabel, s.comment])).toEqual([
      ['DRAFTED', 'COORDINATOR', 'coord@test.gov', 'opening'],
      ['ACCEPTED', 'COORDINATOR', 'coord@test.gov', null],
      ['PROPOSED', 'MANUFACTURER', 'mfr@test.com', 'lower cap'],
      ['ACCEPTED', 'MANUFACTURER', 'mfr@test.com', null],
      ['ACCEPTED', 'COORDINATOR', 'coord@test.gov', null],
      ['EXECUTED', null, 'coord@test.gov', null],
    ]);
    const audit: { action: string }[] = await dataSource.query(
      `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [drafted.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'agreement.drafted',
      'agreement.version.accepted',
      'agreement.version.proposed',
      'agreement.version.accepted',
      'agreement.version.accepted',
      'agreement.executed',
    ]);
    const comparison = await agreements.compareVersions(coordinator, drafted.id, 1, 2);
    expect(comparison.differences).toEqual([
      { path: 'supplementalCapPct', change: 'CHANGED', before: '0.75', after: '0.7' },
    ]);
  });

  it('freezes an executed version in the database too (trigger), terms included', async () => {
    const id = await executed();
    const [version] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM agreement_version WHERE agreement_id = $1 AND status = 'EXECUTED'`,
      [id],
    );
    for (const sql of [
      `UPDATE agreement_version SET supplemental_cap_pct = 0.9 WHERE id = $1`,
      `DELETE FROM agreement_version WHERE id = $1`,
      `UPDATE price_schedule_entry SET wac = 1 WHERE version_id = $1`,
      `INSERT INTO volume_tier (version_id, min_treatments, additional_rebate_pct) VALUES ($1, 999, 0.5)`,
      `UPDATE outcome_benchmark_tier SET rebate_pct = 0.99 WHERE benchmark_id IN (SELECT id FROM outcome_benchmark WHERE version_id = $1)`,
    ]) {
      await expect(dataSource.query(sql, [version.id])).rejects.toThrow(/executed/);
    }
  });

  it('rejects invalid terms with one BAD_USER_INPUT listing every violation by path', async () => {
    const error = await failure(
      negotiation.draft(coordinator, {
        productId: casgevyId,
        terms: casgevyTerms({
          supplementalCapPct: new Dec('1.2'),
          volumeTiers: [{ minTreatments: 0, additionalRebatePct: new Dec('0.1') }],
        }),
      }),
    );
    expect(error.category).toBe(ErrorCategory.BAD_USER_INPUT);
    expect(error.violations.map((v) => v.path)).toEqual([
      'input.terms.supplementalCapPct',
      'input.terms.volumeTiers[0].minTreatments',
    ]);
  });

  it('hides an agreement from another manufacturer (NOT_FOUND) and refuses auditors and states a negotiation step', async () => {
    const drafted = await negotiation.draft(coordinator, { productId: casgevyId, terms: casgevyTerms() });
    for (const [actor, category] of [
      [manufacturerActor(genetix), ErrorCategory.NOT_FOUND],
      [stateActor('NY'), ErrorCategory.NOT_FOUND],
      [auditorActor(), ErrorCategory.FORBIDDEN],
    ] as const) {
      const error = await failure(negotiation.accept(actor, { agreementId: drafted.id, versionNumber: 1 }));
      expect(error.category).toBe(category);
    }
    const list = await agreements.list(manufacturerActor(genetix), {}, { first: 100 });
    expect(list.edges.map((e) => e.node.id)).not.toContain(drafted.id);
  });

  it('withdraws a negotiation and expires an executed agreement as explicit states', async () => {
    const drafted = await negotiation.draft(coordinator, { productId: casgevyId, terms: casgevyTerms() });
    expect((await negotiation.withdraw(manufacturerActor(vertex), { agreementId: drafted.id })).status).toBe(
      'WITHDRAWN',
    );
    const again = await failure(negotiation.accept(coordinator, { agreementId: drafted.id, versionNumber: 1 }));
    expect(again.code).toBe('NO_OPEN_NEGOTIATION');
    const id = await executed();
    expect((await negotiation.expire(coordinator, { agreementId: id, comment: 'model ended' })).status).toBe('EXPIRED');
  });

  it('runs participation rules: executed only, not before enrollment, no overlap; leaving sets effectiveTo', async () => {
    const draft = await negotiation.draft(coordinator, { productId: casgevyId, terms: casgevyTerms() });
    const refused = await failure(
      participation.join(stateActor('NY'), { agreementId: draft.id, stateCode: 'NY', effectiveFrom: '2026-01-01' }),
    );
    expect(refused.category).toBe(ErrorCategory.NOT_FOUND);
    const id = await executed();
    const early = await failure(
      participation.join(stateActor('NY'), { agreementId: id, stateCode: 'NY', effectiveFrom: '2024-12-01' }),
    );
    expect(early.violations).toEqual([
      { path: 'input.effectiveFrom', message: 'must not be before the enrollment start 2025-01-01' },
    ]);
    const foreign = await failure(
      participation.join(stateActor('NY'), { agreementId: id, stateCode: 'TX', effectiveFrom: '2026-01-01' }),
    );
    expect(foreign.category).toBe(ErrorCategory.FORBIDDEN);
    notified.mockClear();
    const ny = await participation.join(stateActor('NY'), {
      agreementId: id,
      stateCode: 'NY',
      effectiveFrom: '2026-01-01',
    });
    expect(notified).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ agreementId: id, stateCodes: ['NY'], reason: 'PARTICIPATION_CHANGED' }),
    );
    const overlap = await failure(
      participation.join(coordinator, { agreementId: id, stateCode: 'NY', effectiveFrom: '2027-01-01' }),
    );
    expect(overlap).toMatchObject({ category: ErrorCategory.CONFLICT, code: 'PARTICIPATION_OVERLAP' });
    const left = await participation.leave(stateActor('NY'), { participationId: ny.id, effectiveTo: '2026-12-31' });
    expect(left.effectiveTo).toBe('2026-12-31');
    await participation.join(coordinator, { agreementId: id, stateCode: 'NY', effectiveFrom: '2027-01-01' });
    const otherState = await failure(
      participation.leave(stateActor('TX'), { participationId: ny.id, effectiveTo: '2026-06-30' }),
    );
    expect(otherState.category).toBe(ErrorCategory.NOT_FOUND);
    const audited: { action: string; state_code: string }[] = await dataSource.query(
      `SELECT action, state_code FROM audit_event WHERE entity_type = 'StateParticipation' AND entity_id = $1 ORDER BY id`,
      [ny.id],
    );
    expect(audited).toEqual([
      { action: 'agreement.participation.joined', state_code: 'NY' },
      { action: 'agreement.participation.left', state_code: 'NY' },
    ]);
    const seenByTexas = (await agreements.participationsOf(stateActor('TX'), [id])).get(id) ?? [];
    expect(seenByTexas).toEqual([]);
  });

  it('executes an amendment in force from its date, notifies reconciliation and feeds the reconciliation reader', async () => {
    const id = await executed();
    await participation.join(stateActor('NY'), { agreementId: id, stateCode: 'NY', effectiveFrom: '2026-01-01' });
    await participation.join(coordinator, {
      agreementId: id,
      stateCode: 'CA',
      effectiveFrom: '2025-03-01',
      effectiveTo: '2029-12-31',
    });
    const amended = casgevyTerms({
      schedule: [
        {
          effectiveFrom: '2025-01-01',
          effectiveTo: '2026-12-31',
          wac: new Dec('2200000.00'),
          guaranteedRebatePct: new Dec('0.10'),
        },
        {
          effectiveFrom: '2027-01-01',
          effectiveTo: null,
          wac: new Dec('2300000.00'),
          guaranteedRebatePct: new Dec('0.12'),
        },
      ],
    });
    const bad = await failure(
      negotiation.proposeAmendment(coordinator, { agreementId: id, effectiveFrom: '2031-01-01', terms: amended }),
    );
    expect(bad.violations).toEqual([
      { path: 'input.effectiveFrom', message: 'must fall inside the enrollment window of the terms' },
    ]);
    await negotiation.proposeAmendment(coordinator, { agreementId: id, effectiveFrom: '2027-01-01', terms: amended });
    const second = await failure(
      negotiation.proposeAmendment(coordinator, { agreementId: id, effectiveFrom: '2027-01-01', terms: amended }),
    );
    expect(second.code).toBe('NEGOTIATION_ALREADY_OPEN');
    // States never see terms under negotiation.
    expect(((await agreements.versionsOf(stateActor('NY'), [id])).get(id) ?? []).map((v) => v.versionNumber)).toEqual([
      1,
    ]);
    notified.mockClear();
    await negotiation.accept(manufacturerActor(vertex), { agreementId: id, versionNumber: 2 });
    await negotiation.accept(coordinator, { agreementId: id, versionNumber: 2 });
    expect(notified).toHaveBeenCalledWith(expect.anything(), {
      agreementId: id,
      stateCodes: ['CA', 'NY'],
      effectiveFrom: '2027-01-01',
      causeId: expect.any(String),
      reason: 'AMENDMENT_EXECUTED',
    });
    // The outbox: one request per state, written with the execution and enqueued after the commit.
    const amendmentId = (notified.mock.calls[0] as [unknown, { causeId: string }])[1].causeId;
    expect(
      await dataSource.query(
        `SELECT state_code, cause_type, attempts, enqueued_at IS NOT NULL AS enqueued, completed_at
           FROM reconciliation_request WHERE cause_id = $1 ORDER BY state_code`,
        [amendmentId],
      ),
    ).toEqual([
      { state_code: 'CA', cause_type: 'AMENDMENT', attempts: 1, enqueued: true, completed_at: null },
      { state_code: 'NY', cause_type: 'AMENDMENT', attempts: 1, enqueued: true, completed_at: null },
    ]);

    const reader = (await agreements.executedTermsForReconciliation()).find((a) => a.agreementId === id);
    expect(reader?.productId).toBe(casgevyId);
    expect(reader?.versions.map((v) => v.effectiveFrom)).toEqual([null, '2027-01-01']);
    expect(reader?.versions[1].terms.schedule[1].wac.toFixed(2)).toBe('2300000.00');
    expect(reader?.versions[0].terms.benchmarks[0]).toMatchObject({ code: 'VOE12', washoutDays: 30 });
    expect(reader?.versions[0].terms.benchmarks[0].tiers.map((t) => [t.throughMonth, t.rebatePct.toFixed()])).toEqual([
      [12, '0.5'],
      [24, '0.3'],
      [36, '0.15'],
    ]);
    expect(reader?.participations).toEqual([
      { stateCode: 'CA', effectiveFrom: '2025-03-01', effectiveTo: '2029-12-31' },
      { stateCode: 'NY', effectiveFrom: '2026-01-01', effectiveTo: null },
    ]);
    // Drafts and withdrawn negotiations never reach reconciliation.
    const all = await agreements.executedTermsForReconciliation();
    const statuses: { id: string; status: string }[] = await dataSource.query(`SELECT id, status FROM agreement`);
    const executedIds = statuses
      .filter((s) => s.status === 'EXECUTED' || s.status === 'EXPIRED')
      .map((s) => s.id)
      .sort();
    expect(all.map((a) => a.agreementId).sort()).toEqual(executedIds);
  });
  it('lets one executed agreement govern a product at a time: execution, amendments, participation and the database', async () => {
    const governing = await executed();
    const rival = await negotiation.draft(coordinator, {
      productId: casgevyId,
      terms: termsFor('2030-01-01', '2032-12-31'),
    });
    await negotiation.accept(coordinator, { agreementId: rival.id, versionNumber: 1 });
    const refused = await failure(
      negotiation.accept(manufacturerActor(vertex), { agreementId: rival.id, versionNumber: 1 }),
    );
    expect(refused).toMatchObject({ category: ErrorCategory.CONFLICT, code: 'AGREEMENT_OVERLAP' });
    expect(refused.message).toBe(
      `Agreement ${governing} already governs CASGEVY from 2025-01-01 to 2030-12-31; agreement ${rival.id} ` +
        '(enrollment 2030-01-01 to 2032-12-31) would also govern it from 2030-01-01 to 2030-12-31. At most one ' +
        `executed agreement governs a product on any date: change the terms in force through an amendment of ${governing}, ` +
        'or expire it first.',
    );
    // The refused acceptance left nothing behind: still under negotiation, no manufacturer acceptance.
    expect((await agreements.get(coordinator, rival.id)).status).toBe(AgreementStatus.NEGOTIATING);
    const rivalSteps = (await agreements.stepsOf(coordinator, [rival.id])).get(rival.id) ?? [];
    expect(rivalSteps.map((step) => [step.action, step.side])).toEqual([
      ['DRAFTED', 'COORDINATOR'],
      ['ACCEPTED', 'COORDINATOR'],
    ]);

    // The next window, adjacent, executes; an amendment may not stretch the first into it.
    const next = await executed(termsFor('2031-01-01', '2032-12-31'), false);
    expect((await agreements.get(coordinator, next)).enrollmentStart).toBe('2031-01-01');
    await negotiation.proposeAmendment(coordinator, {
      agreementId: governing,
      effectiveFrom: '2028-01-01',
      terms: casgevyTerms({ enrollmentEnd: '2031-06-30' }),
    });
    await negotiation.accept(coordinator, { agreementId: governing, versionNumber: 2 });
    const stretched = await failure(
      negotiation.accept(manufacturerActor(vertex), { agreementId: governing, versionNumber: 2 }),
    );
    expect(stretched.code).toBe('AGREEMENT_OVERLAP');
    expect(stretched.message).toContain(`Agreement ${next} already governs CASGEVY from 2031-01-01 to 2032-12-31`);
    expect(stretched.message).toContain('would also govern it from 2031-01-01 to 2031-06-30');

    // A participation names the agreement governing its start date.
    const late = await failure(
      participation.join(stateActor('NY'), { agreementId: governing, stateCode: 'NY', effectiveFrom: '2031-02-01' }),
    );
    expect(late.violations).toEqual([
      {
        path: 'input.effectiveFrom',
        message: `must not be after the enrollment end 2030-12-31 (agreement ${next} governs the product on 2031-02-01)`,
      },
    ]);

    // The exclusion constraint refuses what the service would: an update and a direct insert.
    await expect(
      dataSource.query(
        `UPDATE agreement SET status = 'EXECUTED', enrollment_start = '2029-01-01', enrollment_end = '2029-12-31' WHERE id = $1`,
        [rival.id],
      ),
    ).rejects.toThrow(/agreement_one_governing/);
    await expect(
      dataSource.query(
        `INSERT INTO agreement (manufacturer_id, product_id, status, enrollment_start, enrollment_end)
         VALUES ($1, $2, 'EXECUTED', '2026-01-01', '2026-12-31')`,
        [vertex, casgevyId],
      ),
    ).rejects.toThrow(/agreement_one_governing/);
    await expect(
      dataSource.query(`INSERT INTO agreement (manufacturer_id, product_id, status) VALUES ($1, $2, 'EXECUTED')`, [
        vertex,
        casgevyId,
      ]),
    ).rejects.toThrow(/agreement_executed_has_window/);

    // Once the first is expired, the rival's window is free up to where the next one begins.
    await negotiation.expire(coordinator, { agreementId: governing });
    await negotiation.expire(coordinator, { agreementId: next });
    const done = await negotiation.accept(manufacturerActor(vertex), { agreementId: rival.id, versionNumber: 1 });
    expect(done).toMatchObject({
      status: AgreementStatus.EXECUTED,
      enrollmentStart: '2030-01-01',
      enrollmentEnd: '2032-12-31',
    });
  });
});
