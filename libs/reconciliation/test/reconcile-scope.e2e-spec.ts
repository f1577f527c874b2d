import type { INestApplicationContext } from '@nestjs/common';
import { casgevyTerms, ParticipationService } from '@lib/agreements';
import { ClaimVersionsService } from '@lib/claims';
import { Dec, Role, systemActor, type Actor } from '@lib/common';
import { fuzzSettings, seededRandom } from '../../claims/src/parsing/claim-file-test-kit';
import {
  executedCasgevyAgreement,
  queryRows,
  reconcileStateAgain,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';
import { ScopeScenario, type ScenarioFile } from './scope-scenarios';

const STATES = [
  { usps: 'NY', fips: '36' },
  { usps: 'CA', fips: '06' },
  { usps: 'TX', fips: '48' },
  { usps: 'FL', fips: '12' },
  { usps: 'GA', fips: '13' },
  { usps: 'OH', fips: '39' },
] as const;
const { cases: SCENARIOS, seed: SEED } = fuzzSettings('SCOPE_SCENARIOS', 4);
const MONTHS = 8;

/**
 * The worked example's terms with a second benchmark whose window (4 months) ends within the
 * scenarios' months: later CLAIMIP periods turn its PENDING episodes MET.
 */
const TERMS = casgevyTerms({
  benchmarks: [
    ...casgevyTerms().benchmarks,
    {
      code: 'VOE4',
      measure: 'VOE_HOSPITALIZATION',
      washoutDays: 10,
      diagnosisPrefixes: ['D570', 'D5720'],
      tiers: [
        { throughMonth: 2, rebatePct: new Dec('0.40') },
        { throughMonth: 4, rebatePct: new Dec('0.20') },
      ],
    },
  ],
});

const COORDINATOR: Actor = { ...systemActor('test'), kind: 'user', role: Role.FEDERAL_COORDINATOR, label: 'c@t.gov' };

/**
 * A submission's reconciliation looks at the families and beneficiaries the submission touches
 * (docs/architecture.md "Reconciliation scope"). Over seeded random months of files per state
 * (voids, replacements that move a claim to another beneficiary or date, repeats, earlier
 * administrations received later, inpatient events, benchmark windows that end, a leave and a
 * re-join of the agreement),
 * after every file a reconciliation of the whole state must find nothing to do: no episode
 * created, changed or voided, no exception raised or resolved, no ledger entry. Since each
 * reconciliation starts from the state the previous one left, this proves every scoped run gave
 * exactly the episodes, exceptions and ledger (to the cent) of a whole-state run.
 * SCOPE_SCENARIOS (default 4, at most 6: one state each) and FUZZ_SEED choose the scenarios.
 */
describe('reconciling a submission within its scope equals reconciling the whole state', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let tokens: Record<string, string> = {};
  let agreementId = '';

  beforeAll(async () => {
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: '2027-06-15T12:00:00Z' }));
    tokens = await signInCast({ db, api }, ['NY', 'CA', 'TX', 'FL', 'GA', 'OH', 'CO']);
    ({ agreementId } = await executedCasgevyAgreement(
      api.app,
      { stateCode: 'NY', effectiveFrom: '2026-01-01' },
      TERMS,
    ));
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  const untilRequestsDone = async (stateCode: string): Promise<void> => {
    for (;;) {
      const [row] = await queryRows<{ n: number }>(
        db.url,
        'SELECT count(*)::int AS n FROM reconciliation_request WHERE state_code = $1 AND completed_at IS NULL',
        [stateCode],
      );
      if (row.n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const participation = (app: INestApplicationContext) => app.get(ParticipationService);

  const submitCompleted = async (state: { usps: string }, file: ScenarioFile): Promise<void> => {
    const done = await submitClaimFileAndWait(
      { url: api.url, databaseUrl: db.url, token: tokens[state.usps] },
      state.usps,
      file.name,
      file.body,
    );
    expect({ file: file.name, status: done.status }).toEqual({ file: file.name, status: 'COMPLETED' });
  };

  /** A whole-state reconciliation after `after` (a file's name, say) finds nothing to do. */
  const expectWholeStateSettled = async (state: { usps: string; fips: string }, after: string): Promise<void> => {
    const again = await reconcileStateAgain(
      worker,
      { stateCode: state.usps, stateFips: state.fips },
      { id: `scope-check-${after}`, serviceQuarter: '2027Q2' },
    );
    expect({ after, ...again, ledgerSum: again.ledgerSum.toFixed(2) }).toEqual({
      after,
      episodesCreated: 0,
      episodesChanged: 0,
      episodesVoided: 0,
      ledgerEntries: 0,
      ledgerSum: '0.00',
      exceptionsRaised: 0,
      exceptionsResolved: 0,
    });
  };

  it(`gives the whole state's result after every file of ${SCENARIOS} seeded scenarios`, async () => {
    const scoped = jest.spyOn(worker.context.get(ClaimVersionsService), 'relevantVersionsOfFamilies');
    const summaries: string[] = [];
    for (let s = 0; s < Math.min(SCENARIOS, STATES.length); s++) {
      const state = STATES[s];
      const random = seededRandom(SEED + s);
      let joined =
        state.usps === 'NY'
          ? (
              await queryRows<{ id: string }>(
                db.url,
                'SELECT id FROM state_participation WHERE state_code = $1 AND agreement_id = $2',
                [state.usps, agreementId],
              )
            )[0].id
          : (
              await participation(api.app).join(COORDINATOR, {
                agreementId,
                stateCode: state.usps,
                effectiveFrom: '2026-01-01',
              })
            ).id;
      await untilRequestsDone(state.usps);
      const scenario = new ScopeScenario(random, state);
      const leaveAfter = 2 + Math.floor(random() * 3);
      for (let month = 1; month <= MONTHS; month++) {
        for (const file of scenario.monthFiles(month)) {
          await submitCompleted(state, file);
          await expectWholeStateSettled(state, file.name);
        }
        if (month === leaveAfter) {
          // Leaving (and later joining again) changes what every episode of the state is owed.
          const last = `2026-${String(month).padStart(2, '0')}-10`;
          await participation(api.app).leave(COORDINATOR, { participationId: joined, effectiveTo: last });
          await untilRequestsDone(state.usps);
        }
        if (month === leaveAfter + 2) {
          const from = `2026-${String(month).padStart(2, '0')}-01`;
          joined = (
            await participation(api.app).join(COORDINATOR, { agreementId, stateCode: state.usps, effectiveFrom: from })
          ).id;
          await untilRequestsDone(state.usps);
        }
      }
      const [totals] = await queryRows<{ episodes: number; exceptions: number; entries: number }>(
        db.url,
        `SELECT (SELECT count(*)::int FROM episode WHERE state_code = $1) AS episodes,
                (SELECT count(*)::int FROM reconciliation_exception WHERE state_code = $1) AS exceptions,
                (SELECT count(*)::int FROM ledger_entry WHERE state_code = $1) AS entries`,
        [state.usps],
      );
      summaries.push(`${state.usps}: ${JSON.stringify(totals)}`);
    }
    process.stdout.write(`scope scenarios: ${summaries.join('; ')}\n`);
    // The submissions' reconciliations did run within a scope (not all of them fell back).
    expect(scoped.mock.calls.length).toBeGreaterThan(SCENARIOS * MONTHS);
  });

  it("keeps a state's next file within its scope when another state joins or leaves", async () => {
    const mine = { usps: 'CO', fips: '08' };
    const versions = worker.context.get(ClaimVersionsService);
    const submit = async (month: number, scenario: ScopeScenario): Promise<void> => {
      for (const file of scenario.monthFiles(month)) await submitCompleted(mine, file);
    };
    await participation(api.app).join(COORDINATOR, { agreementId, stateCode: mine.usps, effectiveFrom: '2026-01-01' });
    await untilRequestsDone(mine.usps);
    const scenario = new ScopeScenario(seededRandom(SEED + STATES.length), mine);
    await submit(1, scenario);
    // Another state (not yet in the agreement) joins, then leaves: its own requests run first.
    const other = await participation(api.app).join(COORDINATOR, {
      agreementId,
      stateCode: 'CT',
      effectiveFrom: '2026-02-01',
    });
    await untilRequestsDone('CT');
    await participation(api.app).leave(COORDINATOR, { participationId: other.id, effectiveTo: '2026-03-31' });
    await untilRequestsDone('CT');
    const whole = jest.spyOn(versions, 'relevantVersions');
    const scoped = jest.spyOn(versions, 'relevantVersionsOfFamilies');
    whole.mockClear();
    scoped.mockClear();
    await submit(2, scenario);
    const ofMine = (spy: jest.SpyInstance) => spy.mock.calls.filter((args: unknown[]) => args[1] === mine.fips).length;
    expect({ whole: ofMine(whole), scoped: ofMine(scoped) }).toEqual({ whole: 0, scoped: 2 });
    await expectWholeStateSettled(mine, 'CO-after-CT');
  });
});
