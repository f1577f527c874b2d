import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { casgevyTerms, NegotiationService, type TermSheet } from '@lib/agreements';
import { Dec, Role, systemActor, type Actor } from '@lib/common';
import { JobQueue, QueueName } from '@lib/queue';
import { ManufacturersService, ProductsService } from '@lib/reference';
import {
  casgevyClaimFile,
  executedCasgevyAgreement,
  inpatientClaimFile,
  queryRows,
  reconcileStateAgain,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  WAIT_LIMIT_MS,
  type TestStack,
} from '@lib/testing';
import { seededRandom, withFields } from '../src/parsing/claim-file-test-kit';
import { RelevanceRereadQueue, rereadJobId } from '../src/reread/relevance-reread-queue.service';
import { RelevanceRereads } from '../src/reread/relevance-rereads.service';

/**
 * README "Claim files", "When what matters widens": files received before an amendment that
 * executes a benchmark with a diagnosis prefix outside D57 are re-read for the families that
 * matter now, and the ledger ends exactly where it would have been had the benchmark been
 * executed before the files came in (a fresh database, same files, same order).
 */

const NY = '36';
const period = (start: string, end: string, created: string) => ({ fips: NY, start, end, created });

/** A benchmark outside D57: a hospitalization for pulmonary embolism (I26) within 12 months. */
const AMENDED_TERMS: TermSheet = casgevyTerms({
  benchmarks: [
    ...casgevyTerms().benchmarks,
    {
      code: 'PE12',
      measure: 'VOE_HOSPITALIZATION',
      washoutDays: 30,
      diagnosisPrefixes: ['I26'],
      tiers: [{ throughMonth: 12, rebatePct: new Dec('0.20') }],
    },
  ],
});

/** The records of a generated CLAIMIP file, without its file header. */
const recordsOf = (file: Buffer): string[] => file.toString('utf8').trim().split('\n').slice(1);

/** A void (ADJUSTMENT-IND 1) or replacement (4) of the claims of a file: ICN-ADJ, adjudication date, indicator. */
function adjusted(records: string[], icnAdj: string, adjudicated: string, indicator: '1' | '4'): string[] {
  return records.map((record) => withFields(record, { 5: icnAdj, 6: adjudicated, 7: indicator }));
}

/** RECORD-NUMBER in file order. */
const renumber = (records: string[], first: number) =>
  records.map((record, i) => withFields(record, { 3: String(first + i) }));

/** A CLAIMIP file of the given records (header from the generator, TOT-REC-CNT counted). */
function ipFile(p: ReturnType<typeof period>, records: string[]): Buffer {
  const header = inpatientClaimFile(p, []).toString('utf8').trim().split('|');
  header[9] = String(records.length);
  return Buffer.from([header.join('|'), ...records].join('\n') + '\n');
}

/**
 * The files, in order of receipt. Beneficiaries A and B are treated in March 2026; A has a
 * pulmonary embolism in May (replaced in August by a corrected stay, still I26), B's I26 stay is
 * voided in June; C (never treated) has one too, voided in August. Only the first three come before
 * the amendment.
 */
function claimFiles(): { name: string; body: Buffer }[] {
  const stayA = inpatientClaimFile(period('2026-05-01', '2026-05-31', '2026-06-02'), [
    { icn: 'NY2026052000001', msisId: 'MSISPE000001', admission: '2026-05-20', diagnosis: 'I2699' },
  ]);
  const stayB = recordsOf(
    inpatientClaimFile(period('2026-05-01', '2026-05-31', '2026-06-02'), [
      { icn: 'NY2026052200002', msisId: 'MSISPE000002', admission: '2026-05-22', diagnosis: 'I269' },
    ]),
  );
  const stayC = recordsOf(
    inpatientClaimFile(period('2026-05-01', '2026-05-31', '2026-06-02'), [
      { icn: 'NY2026052300003', msisId: 'MSISPE000003', admission: '2026-05-23', diagnosis: 'I260' },
    ]),
  );
  const may = [...recordsOf(stayA), ...stayB, ...stayC];
  // The void carries the header and line of B's stay, not its diagnosis.
  const voidB = adjusted(stayB.slice(0, 2), 'NY2026063000009', '20260630', '1');
  // A's stay corrected: admitted 2 June instead of 20 May, still a pulmonary embolism.
  const voidC = adjusted(stayC.slice(0, 2), 'NY2026081100010', '20260811', '1');
  const replacedA = adjusted(recordsOf(stayA), 'NY2026081000004', '20260810', '4').map((record) => {
    if (record.startsWith('CIP00002')) return withFields(record, { 13: '20260602', 14: '20260602', 15: '20260602' });
    if (record.startsWith('CIP00003')) return withFields(record, { 15: '20260602', 16: '20260602' });
    return record;
  });
  return [
    {
      name: 'NY-CLAIMOT-2026-03.txt',
      body: casgevyClaimFile(period('2026-03-01', '2026-03-31', '2026-04-02'), [
        { icn: 'NY2026031000001', msisId: 'MSISPE000001', date: '2026-03-10' },
        { icn: 'NY2026031200002', msisId: 'MSISPE000002', date: '2026-03-12' },
      ]),
    },
    {
      name: 'NY-CLAIMIP-2026-05.txt',
      body: ipFile(period('2026-05-01', '2026-05-31', '2026-06-02'), renumber(may, 1)),
    },
    {
      name: 'NY-CLAIMIP-2026-06.txt',
      body: ipFile(period('2026-06-01', '2026-06-30', '2026-07-02'), renumber(voidB, 1)),
    },
    {
      name: 'NY-CLAIMIP-2026-08.txt',
      body: ipFile(period('2026-08-01', '2026-08-31', '2026-09-02'), renumber([...replacedA, ...voidC], 1)),
    },
  ];
}

const FILES_BEFORE_AMENDMENT = 3;

/**
 * A seeded scenario: four treated beneficiaries (and one never treated), inpatient stays with
 * pulmonary embolisms, pneumonias and sickle-cell crises, voided or replaced in the same, a later
 * or an earlier file (a void received before its original), some versions sent twice (repeats),
 * spread over five monthly CLAIMIP files; the amendment comes after `amendAfter` files.
 */
function seededScenario(seed: number): { files: { name: string; body: Buffer }[]; amendAfter: number } {
  const next = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const months = ['04', '05', '06', '07', '08'];
  const periodOf = (m: number) => {
    const month = months[m];
    const last = ['04', '06'].includes(month) ? '30' : '31';
    return period(`2026-${month}-01`, `2026-${month}-${last}`, `2026-${String(Number(month) + 1).padStart(2, '0')}-02`);
  };
  const beneficiaries = ['MSISPE000001', 'MSISPE000002', 'MSISPE000003', 'MSISPE000004', 'MSISPE000009'];
  const records: string[][] = months.map(() => []);
  for (let family = 0; family < 8; family++) {
    const icn = `NY20260400${String(family + 1).padStart(5, '0')}`;
    const stay = (admission: string, diagnosis: string) =>
      recordsOf(inpatientClaimFile(periodOf(0), [{ icn, msisId: pick(beneficiaries), admission, diagnosis }]));
    const original = withAdjustment(
      stay(pick(['20260420', '20260515', '20260701']), pick(DIAGNOSES)),
      '',
      '20260902',
      '0',
    );
    const originalFile = Math.floor(next() * months.length);
    records[originalFile].push(...original);
    // Sent again in the next file: a repeat.
    if (next() < 0.25 && originalFile + 1 < months.length) records[originalFile + 1].push(...original);
    const adjustment = pick(['none', 'void', 'replacement'] as const);
    if (adjustment === 'none') continue;
    const icnAdj = `NY20260920${String(family + 1).padStart(5, '0')}`;
    const adjusted =
      adjustment === 'void'
        ? withAdjustment(original.slice(0, 2), icnAdj, '20260920', '1')
        : withAdjustment(stay(pick(['20260422', '20260601']), pick(DIAGNOSES)), icnAdj, '20260920', '4');
    records[Math.floor(next() * months.length)].push(...adjusted);
  }
  const files = [
    {
      name: 'NY-CLAIMOT-2026-03.txt',
      body: casgevyClaimFile(
        period('2026-03-01', '2026-03-31', '2026-04-02'),
        beneficiaries
          .slice(0, 4)
          .map((msisId, i) => ({ icn: `NY2026031000${i + 1}00`, msisId, date: `2026-03-1${i}` })),
      ),
    },
    ...months.map((month, m) => ({
      name: `NY-CLAIMIP-2026-${month}.txt`,
      body: ipFile(periodOf(m), renumber(records[m], 1)),
    })),
  ];
  return { files, amendAfter: 1 + Math.floor(next() * months.length) };
}

const DIAGNOSES = ['I2699', 'I269', 'I260', 'J189', 'D5700'];

/** The records of one claim version with its ICN-ADJ, ADJUDICATION-DATE and ADJUSTMENT-IND. */
function withAdjustment(records: string[], icnAdj: string, adjudicated: string, indicator: '0' | '1' | '4'): string[] {
  return records.map((record) => withFields(record, { 5: icnAdj, 6: adjudicated, 7: indicator }));
}

interface LedgerRow {
  episode_key: string;
  component: string;
  administration_date: string;
  ndc11: string | null;
  amount: string;
}

/**
 * The state the platform reaches: the ledger netted per episode and component (an amount that was
 * appended and reversed, like B's rebate before its stay was voided, nets to nothing), the
 * episodes, the claims kept.
 */
interface Outcome {
  ledger: LedgerRow[];
  entries: { component: string; amount: string }[];
  episodes: unknown[];
  claims: unknown[];
}

async function outcomeOf(stack: TestStack): Promise<Outcome> {
  const sql = <T>(text: string) => queryRows<T>(stack.db.url, text);
  return {
    ledger: await sql<LedgerRow>(
      `SELECT e.episode_key, l.component, l.administration_date::text, l.ndc11, sum(l.amount)::numeric(16, 2)::text AS amount
         FROM ledger_entry l JOIN episode e ON e.id = l.episode_id
        GROUP BY e.episode_key, l.component, l.administration_date, l.ndc11
       HAVING sum(l.amount) <> 0
        ORDER BY e.episode_key, l.component`,
    ),
    entries: await sql(`SELECT component, amount::text FROM ledger_entry ORDER BY component, amount`),
    episodes: await sql(
      `SELECT episode_key, status, administration_date::text, ineligible_code, warnings, desired FROM episode ORDER BY episode_key`,
    ),
    claims: await sql(
      `SELECT v.icn_orig, v.adjudication_date::text, v.adjustment_ind, v.detailed, v.msis_id IS NOT NULL AS has_beneficiary,
              v.admission_date::text, s.original_file_name,
              (SELECT count(*) FROM claim_line l WHERE l.claim_version_id = v.id)::int AS lines,
              (SELECT string_agg(d.code, ',' ORDER BY d.sequence) FROM claim_diagnosis d WHERE d.claim_version_id = v.id) AS diagnoses
         FROM claim_version v JOIN claim_submission s ON s.id = v.submission_id
        ORDER BY v.icn_orig, v.adjudication_date, v.adjustment_ind`,
    ),
  };
}

const coordinator: Actor = {
  ...systemActor('test'),
  kind: 'user',
  role: Role.FEDERAL_COORDINATOR,
  label: 'coord@test.gov',
};

/** The amendment adding PE12, in force from 2026-01-01, proposed by the coordinator and accepted by both sides. */
async function executeAmendment(stack: TestStack, agreementId: string): Promise<void> {
  const negotiation = stack.api.app.get(NegotiationService);
  const manufacturer: Actor = {
    ...systemActor('test'),
    kind: 'user',
    role: Role.MANUFACTURER_STAFF,
    manufacturerId: await stack.api.app.get(ManufacturersService).manufacturerIdByLabelerCode('51167'),
    label: 'vertex@test.com',
  };
  await negotiation.proposeAmendment(coordinator, { agreementId, effectiveFrom: '2026-01-01', terms: AMENDED_TERMS });
  await negotiation.accept(coordinator, { agreementId, versionNumber: 2 });
  await negotiation.accept(manufacturer, { agreementId, versionNumber: 2 });
}

/** Until every file of the state was (re-)read with what now matters and no re-read awaits its reconciliation. */
async function waitForRereads(
  stack: TestStack,
  readWith = `(loaded_relevance->'diagnosisPrefixes') ? 'I26'`,
): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const [row] = await queryRows<{ narrow: number; pending: number; requests: number }>(
      stack.db.url,
      `SELECT count(*) FILTER (WHERE NOT ${readWith})::int AS narrow,
              count(*) FILTER (WHERE relevance_reread_pending)::int AS pending,
              (SELECT count(*) FROM reconciliation_request WHERE completed_at IS NULL)::int AS requests
         FROM claim_submission WHERE status = 'COMPLETED'`,
    );
    if (row.narrow === 0 && row.pending === 0 && row.requests === 0) return;
    if (Date.now() > deadline) throw new Error(`Re-reads not done: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Until the state's re-read job is in the given BullMQ state. */
async function waitForRereadJob(stack: TestStack, state: string): Promise<void> {
  const queue = stack.worker.context.get(JobQueue).queue(QueueName.CLAIM_FILES);
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while ((await (await queue.getJob(rereadJobId('NY')))?.getState()) !== state) {
    if (Date.now() > deadline) throw new Error(`The re-read job never became ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function rereadCount(stack: TestStack): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    stack.db.url,
    `SELECT count(*)::int AS n FROM audit_event WHERE action = 'claim-submission.reread-for-relevance'`,
  );
  return row.n;
}

async function startNewYork(): Promise<{ stack: TestStack; token: string; agreementId: string }> {
  // The files report up to August 2026; a reporting period after the platform's month is rejected.
  const stack = await startTestStack({ FIXED_TIME: '2027-06-15T12:00:00Z' });
  const { NY: token } = await signInCast(stack, ['NY']);
  const { agreementId } = await executedCasgevyAgreement(stack.api.app, {
    stateCode: 'NY',
    effectiveFrom: '2026-01-01',
  });
  return { stack, token, agreementId };
}

async function submit(stack: TestStack, token: string, file: { name: string; body: Buffer }): Promise<void> {
  const result = await submitClaimFileAndWait(
    { url: stack.api.url, databaseUrl: stack.db.url, token },
    'NY',
    file.name,
    file.body,
  );
  expect({ file: file.name, status: result.status }).toEqual({ file: file.name, status: 'COMPLETED' });
}

describe('claim files re-read when what matters widens', () => {
  const files = claimFiles();
  let widened: Outcome;
  let fromScratch: Outcome;

  it('re-reads the files received before the amendment, once, and reconciles the state', async () => {
    const { stack, token, agreementId } = await startNewYork();
    try {
      for (const file of files.slice(0, FILES_BEFORE_AMENDMENT)) await submit(stack, token, file);
      const before = await outcomeOf(stack);
      // Loaded under D57 only: none of the I26 stays was kept.
      expect(before.ledger.filter((row) => row.component === 'OUTCOME:PE12')).toEqual([]);
      expect(JSON.stringify(before.claims)).not.toContain('I26');

      // The May file's stored copy goes missing: the re-read stops before it, as a crash would, and
      // the August file (C's void, A's replacement) is loaded before May is re-read.
      const [may] = await queryRows<{ storage_path: string }>(
        stack.db.url,
        `SELECT storage_path FROM claim_submission WHERE original_file_name = 'NY-CLAIMIP-2026-05.txt'`,
      );
      const mayPath = join(stack.config.storageDir, may.storage_path);
      await rename(mayPath, `${mayPath}.away`);

      await executeAmendment(stack, agreementId);
      await submit(stack, token, files[FILES_BEFORE_AMENDMENT]);
      await waitForRereadJob(stack, 'failed');
      const stopped = await queryRows<{ original_file_name: string; reread: boolean; pending: boolean }>(
        stack.db.url,
        `SELECT original_file_name, (loaded_relevance->'diagnosisPrefixes') ? 'I26' AS reread,
                relevance_reread_pending AS pending
           FROM claim_submission ORDER BY receipt_seq`,
      );
      // What was re-read before the stop is reconciled already.
      expect(stopped).toEqual([
        { original_file_name: 'NY-CLAIMOT-2026-03.txt', reread: true, pending: false },
        { original_file_name: 'NY-CLAIMIP-2026-05.txt', reread: false, pending: false },
        { original_file_name: 'NY-CLAIMIP-2026-06.txt', reread: false, pending: false },
        { original_file_name: 'NY-CLAIMIP-2026-08.txt', reread: true, pending: false },
      ]);

      // The file is back: the sweep enqueues the re-read again, which resumes at May; C's void in
      // the August file (loaded under I26 already, but before C's stay mattered) gets its details.
      await rename(`${mayPath}.away`, mayPath);
      await stack.worker.context
        .get(JobQueue)
        .enqueue(QueueName.CLAIM_FILES, 'sweep-submissions', {}, { jobId: 'sweep-after-stop' });
      await waitForRereads(stack);
      const august = await queryRows<{ detailed: boolean }>(
        stack.db.url,
        `SELECT detailed FROM claim_version WHERE icn_orig = 'NY2026052300003' AND adjustment_ind = '1'`,
      );
      expect(august).toEqual([{ detailed: true }]);
      widened = await outcomeOf(stack);

      // A second run finds nothing to re-read, and reconciling again appends nothing.
      const again = await stack.worker.context.get(RelevanceRereads).rereadState('NY');
      expect(again).toEqual({ filesReread: 0, reconciled: null });
      const summary = await reconcileStateAgain(
        stack.worker,
        { stateCode: 'NY', stateFips: NY },
        { id: 'reread-check', serviceQuarter: '2027Q2' },
      );
      expect(summary.ledgerEntries).toBe(0);

      // Re-reading a file twice (two workers, or a crash after the commit of its re-read) adds nothing.
      await queryRows(
        stack.db.url,
        `UPDATE claim_submission SET loaded_relevance = jsonb_set(loaded_relevance, '{diagnosisPrefixes}', '["D57"]')
          WHERE original_file_name = 'NY-CLAIMIP-2026-05.txt'`,
      );
      const rereadsBefore = await rereadCount(stack);
      await stack.worker.context.get(RelevanceRereadQueue).enqueueWhereWidened();
      await waitForRereads(stack);
      expect(await rereadCount(stack)).toBeGreaterThan(rereadsBefore);
      expect(await outcomeOf(stack)).toEqual(widened);

      const audited = await queryRows<{ action: string; n: number }>(
        stack.db.url,
        `SELECT action, count(*)::int AS n FROM audit_event WHERE action LIKE 'claim-submission.reread%' GROUP BY action ORDER BY action`,
      );
      expect(audited.map((a) => a.action)).toEqual([
        'claim-submission.reread-for-relevance',
        'claim-submission.reread-reconciled',
      ]);
    } finally {
      await stopTestStack(stack);
    }
  });

  it('ends with the ledger of a fresh database where the benchmark was executed before the files', async () => {
    const { stack, token, agreementId } = await startNewYork();
    try {
      await executeAmendment(stack, agreementId);
      await waitForRereads(stack);
      for (const file of files) await submit(stack, token, file);
      fromScratch = await outcomeOf(stack);
    } finally {
      await stopTestStack(stack);
    }
    // The scenario is not empty: A's embolism misses PE12; B's was voided; C was never treated.
    const pe12 = fromScratch.ledger.filter((row) => row.component === 'OUTCOME:PE12');
    expect(pe12).toHaveLength(1);
    expect(fromScratch.claims).toEqual(widened.claims);
    expect(fromScratch.episodes).toEqual(widened.episodes);
    // Every ledger entry netted per episode and component, to the cent.
    expect(fromScratch.ledger).toEqual(widened.ledger);
  });

  it('re-reads the files when the catalog gains an NDC, as if it had been there from the start', async () => {
    // An administration billed under a Casgevy NDC the catalog does not list yet, with no CGT HCPCS code.
    const file = {
      name: 'NY-CLAIMOT-2026-04.txt',
      body: Buffer.from(
        casgevyClaimFile(period('2026-04-01', '2026-04-30', '2026-05-02'), [
          { icn: 'NY2026041500005', msisId: 'MSISPE000005', date: '2026-04-15' },
        ])
          .toString('utf8')
          .split('\n')
          .map((record) =>
            record.startsWith('COT00003') ? withFields(record, { 10: 'J3490', 11: '51167-0290-10' }) : record,
          )
          .join('\n'),
      ),
    };
    const addNdc = async (stack: TestStack) => {
      const products = stack.api.app.get(ProductsService);
      const casgevy = await products.productByCode('CASGEVY');
      await products.addProductNdc(coordinator, {
        productId: casgevy!.id,
        ndc: '51167-0290-10',
        packageLevel: 'PACKAGE',
      });
    };
    const readWithNdc = `(loaded_relevance->'ndc11s') ? '51167029010'`;
    const outcomes: Outcome[] = [];
    for (const catalogFirst of [false, true]) {
      const { stack, token } = await startNewYork();
      try {
        if (catalogFirst) await addNdc(stack);
        await submit(stack, token, file);
        if (!catalogFirst) {
          expect((await outcomeOf(stack)).episodes).toEqual([]);
          await addNdc(stack);
          // A catalog change has no outbox of its own: the minutely sweep finds the files to re-read.
          await stack.worker.context
            .get(JobQueue)
            .enqueue(QueueName.CLAIM_FILES, 'sweep-submissions', {}, { jobId: 'sweep-after-catalog' });
          await waitForRereads(stack, readWithNdc);
        }
        outcomes.push(await outcomeOf(stack));
      } finally {
        await stopTestStack(stack);
      }
    }
    const [widenedByCatalog, catalogFromStart] = outcomes;
    expect(catalogFromStart.episodes).toHaveLength(1);
    expect(catalogFromStart.ledger.map((row) => row.component)).toEqual(['GUARANTEED']);
    expect(widenedByCatalog).toEqual(catalogFromStart);
  });

  it.each([20261206, 7, 1234])('ends where a from-scratch run ends, for the seeded scenario %i', async (seed) => {
    const { files: scenario, amendAfter } = seededScenario(seed);
    const outcomes: Outcome[] = [];
    for (const amendFirst of [false, true]) {
      const { stack, token, agreementId } = await startNewYork();
      try {
        if (amendFirst) await executeAmendment(stack, agreementId);
        for (const [i, file] of scenario.entries()) {
          if (!amendFirst && i === amendAfter) await executeAmendment(stack, agreementId);
          await submit(stack, token, file);
        }
        await waitForRereads(stack);
        outcomes.push(await outcomeOf(stack));
      } finally {
        await stopTestStack(stack);
      }
    }
    const [widenedLater, fromTheStart] = outcomes;
    // Each seed was chosen so that PE12 moves money.
    expect(fromTheStart.ledger.some((row) => row.component === 'OUTCOME:PE12')).toBe(true);
    expect(widenedLater.claims).toEqual(fromTheStart.claims);
    expect(widenedLater.episodes).toEqual(fromTheStart.episodes);
    expect(widenedLater.ledger).toEqual(fromTheStart.ledger);
  });
});
