import { casgevyTerms } from '@lib/agreements';
import { Dec } from '@lib/common';
import {
  casgevyClaimFile,
  executedCasgevyAgreement,
  graphqlOk,
  queryRows,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

/** The worked example's terms plus a state-reported benchmark: 50 % through month 3, 25 % through month 6. */
const TERMS = casgevyTerms({
  benchmarks: [
    ...casgevyTerms().benchmarks,
    {
      code: 'CRISIS6',
      measure: 'REPORTED_EVENT',
      washoutDays: 30,
      diagnosisPrefixes: [],
      tiers: [
        { throughMonth: 3, rebatePct: new Dec('0.50') },
        { throughMonth: 6, rebatePct: new Dec('0.25') },
      ],
    },
  ],
});

const REPORT = `mutation($input: ReportOutcomeObservationInput!) { reportOutcomeObservation(input: $input) { id episodeRef } }`;
const EPISODE = `query($ref: String!) { episode(episodeRef: $ref) {
  episodeRef status administrationDate indexIcn
  benchmarks { code status event { source eventDate months amount observationId } }
  observations { id eventDate } } }`;

interface EpisodeView {
  episodeRef: string;
  status: string;
  administrationDate: string;
  indexIcn: string | null;
  benchmarks: { code: string; status: string; event: Record<string, unknown> | null }[];
  observations: { id: string; eventDate: string }[];
}

/**
 * New York reports a crisis on the
 * episode of a March administration; a later file brings an earlier administration of the same
 * beneficiary, which becomes the index and re-keys the episode. The observation moves to the new
 * episode in the same transaction (audited), counts there from the new administration date, and
 * the ledger reverses the old episode and books the new one. Today: 2026-11-30.
 */
describe('observations follow their beneficiary when a new index claim re-keys the episode', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  const tokens: Record<string, string> = {};
  const files: Record<string, string> = {};

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);
  const episode = async (ref: string) =>
    (await graphqlOk<{ episode: EpisodeView }>(api.url, EPISODE, { ref }, tokens.NY)).episode;
  const submit = async (name: string, bytes: Buffer) => {
    const result = await submitClaimFileAndWait(
      { url: api.url, databaseUrl: db.url, token: tokens.NY },
      'NY',
      name,
      bytes,
    );
    expect({ name, status: result.status }).toEqual({ name, status: 'COMPLETED' });
    files[name] = result.id;
  };

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: '2026-11-30T12:00:00Z' }));
    Object.assign(tokens, await signInCast({ db, api }, ['NY', 'coordinator']));
    await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' }, TERMS);
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  it('moves the observation to the re-keyed episode, audited, and the ledger follows', async () => {
    await submit(
      'march',
      casgevyClaimFile({ fips: '36', start: '2026-03-01', end: '2026-03-31', created: '2026-04-05' }, [
        { icn: 'NYLATER0001', msisId: 'MSISFOLLOW01', date: '2026-03-20' },
      ]),
    );
    const [{ ref: oldRef }] = await sql<{ ref: string }>(
      `SELECT episode_ref AS ref FROM episode WHERE status = 'ELIGIBLE'`,
    );
    // months(2026-03-20, 2026-06-10) = 2: tier 3, 0.50 x 2,200,000.
    const reported = await graphqlOk<{ reportOutcomeObservation: { id: string } }>(
      api.url,
      REPORT,
      { input: { episodeRef: oldRef, eventDate: '2026-06-10', eventCode: 'CRISIS', evidenceRef: 'NY-REG-FOLLOW' } },
      tokens.NY,
    );
    const observationId = reported.reportOutcomeObservation.id;
    expect((await episode(oldRef)).benchmarks.find((b) => b.code === 'CRISIS6')?.event).toMatchObject({
      months: 2,
      amount: '1100000.00',
      observationId,
    });

    // An earlier administration of the same beneficiary arrives: it becomes the index.
    await submit(
      'april',
      casgevyClaimFile({ fips: '36', start: '2026-04-01', end: '2026-04-30', created: '2026-05-05' }, [
        { icn: 'NYEARLIER001', msisId: 'MSISFOLLOW01', date: '2026-02-05' },
      ]),
    );
    const [{ ref: newRef }] = await sql<{ ref: string }>(
      `SELECT episode_ref AS ref FROM episode WHERE status = 'ELIGIBLE'`,
    );
    expect(newRef).not.toBe(oldRef);
    const before = await episode(oldRef);
    expect(before).toMatchObject({ status: 'VOIDED', observations: [] });
    const after = await episode(newRef);
    expect(after).toMatchObject({
      administrationDate: '2026-02-05',
      indexIcn: 'NYEARLIER001',
      observations: [{ id: observationId, eventDate: '2026-06-10' }],
    });
    // It counts from the new administration date: months(2026-02-05, 2026-06-10) = 4, tier 6, 0.25.
    expect(after.benchmarks.find((b) => b.code === 'CRISIS6')).toMatchObject({
      status: 'NOT_MET',
      event: { source: 'OBSERVATION', eventDate: '2026-06-10', months: 4, amount: '550000.00', observationId },
    });

    // The ledger: the old episode reversed, the new one booked, by the April submission.
    const ledger = await sql<Record<string, string>>(
      `SELECT e.episode_ref AS ref, l.component, l.amount::text AS amount, l.cause_type, l.cause_id
         FROM ledger_entry l JOIN episode e ON e.id = l.episode_id ORDER BY l.id`,
    );
    expect(ledger).toEqual([
      { ref: oldRef, component: 'GUARANTEED', amount: '220000.00', cause_type: 'SUBMISSION', cause_id: files.march },
      {
        ref: oldRef,
        component: 'OUTCOME:CRISIS6',
        amount: '1100000.00',
        cause_type: 'OBSERVATION',
        cause_id: observationId,
      },
      // The April deltas, in episode key order (the new index ICN sorts first).
      { ref: newRef, component: 'GUARANTEED', amount: '220000.00', cause_type: 'SUBMISSION', cause_id: files.april },
      {
        ref: newRef,
        component: 'OUTCOME:CRISIS6',
        amount: '550000.00',
        cause_type: 'SUBMISSION',
        cause_id: files.april,
      },
      { ref: oldRef, component: 'GUARANTEED', amount: '-220000.00', cause_type: 'SUBMISSION', cause_id: files.april },
      {
        ref: oldRef,
        component: 'OUTCOME:CRISIS6',
        amount: '-1100000.00',
        cause_type: 'SUBMISSION',
        cause_id: files.april,
      },
    ]);
    const [{ total }] = await sql<{ total: string }>(`SELECT sum(amount)::text AS total FROM ledger_entry`);
    expect(total).toBe('770000.00');

    // Audited in the same transaction, by episode reference only.
    const audit = await sql<{ action: string; before: unknown; after: unknown; text: string }>(
      `SELECT action, before, after, before::text || after::text || coalesce(comment, '') AS text FROM audit_event
        WHERE entity_type = 'OutcomeObservation' AND entity_id = $1 ORDER BY id`,
      [observationId],
    );
    expect(audit.map((a) => a.action)).toEqual(['outcome.observation.reported', 'outcome.observation.reattached']);
    expect(audit[1]).toMatchObject({ before: { episodeRef: oldRef }, after: { episodeRef: newRef } });
    expect(audit[1].text).toContain(`SUBMISSION:${files.april}`);
    expect(audit[1].text).not.toContain('MSISFOLLOW01');

    // Reconciling again changes nothing: the observation already sits on the new episode.
    const [{ n }] = await sql<{ n: string }>(`SELECT count(*) AS n FROM ledger_entry`);
    await submit(
      'may',
      casgevyClaimFile({ fips: '36', start: '2026-05-01', end: '2026-05-31', created: '2026-06-05' }, [
        { icn: 'NYOTHER00001', msisId: 'MSISOTHER001', date: '2026-05-10' },
      ]),
    );
    const [{ n: later }] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_entry l JOIN episode e ON e.id = l.episode_id WHERE e.episode_ref IN ($1, $2)`,
      [oldRef, newRef],
    );
    expect(later).toBe(n);
    const reattached = await sql(`SELECT 1 FROM audit_event WHERE action = 'outcome.observation.reattached'`);
    expect(reattached).toHaveLength(1);
  });
});
