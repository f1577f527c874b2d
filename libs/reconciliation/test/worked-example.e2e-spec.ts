import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParticipationService } from '@lib/agreements';
import { Role, systemActor, type Actor } from '@lib/common';
import {
  executedCasgevyAgreement,
  graphqlOk,
  insertUser,
  manufacturerIdOf,
  queryRows,
  reconcileStateAgain,
  signIn,
  signInCast,
  startTestStack,
  stopTestStack,
  submitClaimFileAndWait,
  type RunningApi,
  type RunningWorker,
  type TestDatabase,
} from '@lib/testing';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'worked-example');

function csvRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(FIXTURES, file), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
}

/**
 * rebate-rules section 9 end to end: the five claim files go in through the HTTP endpoint, the
 * real worker validates, loads and reconciles them, and the ledger and exceptions come out to
 * the cent exactly as expected-ledger.csv and expected-exceptions.csv say.
 */
describe('worked example through HTTP, the worker and the ledger', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  const tokens: Record<string, string> = {};
  let participationId = '';

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => queryRows<T>(db.url, text, params);

  beforeAll(async () => {
    // The worked example's files report up to May 2027, and a period after the platform's current
    // month is rejected: the clock is pinned after them.
    ({ db, api, worker } = await startTestStack({ FIXED_TIME: '2027-06-15T12:00:00Z' }));
    Object.assign(tokens, await signInCast({ db, api }, ['NY', 'GA']));
    // The terms of terms.json, negotiated and executed; New York participates from 2026-01-01.
    ({ participationId } = await executedCasgevyAgreement(api.app, { stateCode: 'NY', effectiveFrom: '2026-01-01' }));
  });

  afterAll(() => stopTestStack({ worker, api, db }));

  const submitAndWait = (file: string, usps: string) =>
    submitClaimFileAndWait(
      { url: api.url, databaseUrl: db.url, token: tokens[usps] },
      usps,
      file,
      readFileSync(join(FIXTURES, file)),
    );

  it('produces exactly the expected ledger and exceptions, to the cent', async () => {
    const order = JSON.parse(readFileSync(join(FIXTURES, 'order.json'), 'utf8')) as { file: string; fips: string }[];
    for (const { file, fips } of order) {
      const result = await submitAndWait(file, fips === '36' ? 'NY' : 'GA');
      expect({ file, status: result.status }).toEqual({ file, status: 'COMPLETED' });
    }
    const ledger = await sql<Record<string, string>>(
      `SELECT l.state_code AS state, l.labeler_code, p.code AS product, l.ndc11, l.administration_date::text,
              l.component, l.service_quarter, l.amount::text AS amount, s.original_file_name AS caused_by_file
         FROM ledger_entry l
         JOIN product p ON p.id = l.product_id
         JOIN claim_submission s ON s.id::text = l.cause_id
        ORDER BY l.id`,
    );
    expect(ledger).toEqual(csvRows('expected-ledger.csv'));
    const exceptions = await sql<Record<string, string>>(
      `SELECT code, state_code AS state, icn_orig AS icn FROM reconciliation_exception
        WHERE resolved_at IS NULL ORDER BY code DESC, icn_orig`,
    );
    expect(exceptions).toEqual(
      csvRows('expected-exceptions.csv').sort((a, b) => (b.code + a.icn).localeCompare(a.code + b.icn)),
    );
  });

  it('shows episodes and ledger entries to each role within its scope, beneficiary ids only to coordinators and the state', async () => {
    const genetix = await manufacturerIdOf(db.url, '73554');
    const vertex = await manufacturerIdOf(db.url, '51167');
    const users = {
      coordinator: await insertUser(db.url, { email: 'coord@test.gov', role: Role.FEDERAL_COORDINATOR }),
      auditor: await insertUser(db.url, { email: 'auditor@test.gov', role: Role.AUDITOR }),
      vertex: await insertUser(db.url, {
        email: 'v@vertex.test',
        role: Role.MANUFACTURER_STAFF,
        manufacturerId: vertex,
      }),
      genetix: await insertUser(db.url, {
        email: 'g@genetix.test',
        role: Role.MANUFACTURER_STAFF,
        manufacturerId: genetix,
      }),
    };
    const query = `{ episodes(first: 10) { totalCount edges { node { episodeRef beneficiaryId stateCode status ineligibleCode ineligibleLabel
      benchmarks { code label status statusLabel event { eventDate months tierThroughMonth amount } }
      ledgerEntries { component componentLabel amount serviceQuarter causeLabel } } } }
      ledgerEntries(first: 10) { totalCount edges { node { episodeRef component amount statementQuarter } } } }`;
    type Result = {
      episodes: {
        totalCount: number;
        edges: {
          node: { beneficiaryId: string | null; stateCode: string; status: string; ledgerEntries: unknown[] };
        }[];
      };
      ledgerEntries: { totalCount: number; edges: { node: { episodeRef: string } }[] };
    };
    const as = async (email: string, password: string) =>
      graphqlOk<Result>(api.url, query, {}, await signIn(api.url, email, password));
    const coordinator = await as(users.coordinator.email, users.coordinator.password);
    expect(coordinator.episodes.totalCount).toBe(3);
    expect(coordinator.ledgerEntries.totalCount).toBe(4);
    expect(coordinator.episodes.edges.map((e) => e.node.beneficiaryId).sort()).toEqual([
      'GA0000000001',
      'MSIS00012345',
      'MSIS00077777',
    ]);
    const treated = coordinator.episodes.edges.find((e) => e.node.status === 'ELIGIBLE')!.node;
    expect(treated).toMatchObject({
      ineligibleLabel: null,
      benchmarks: [
        {
          code: 'VOE12',
          label: 'VOE within 12 months',
          status: 'NOT_MET',
          statusLabel: 'Benchmark missed',
          event: { eventDate: '2027-05-20', months: 14, tierThroughMonth: 24, amount: '660000.00' },
        },
      ],
      ledgerEntries: [
        { component: 'GUARANTEED', amount: '220000.00', serviceQuarter: '2026Q1' },
        { component: 'OUTCOME:VOE12', amount: '1100000.00', serviceQuarter: '2026Q4' },
        { component: 'OUTCOME:VOE12', amount: '-1100000.00', serviceQuarter: '2027Q1' },
        { component: 'OUTCOME:VOE12', amount: '660000.00', serviceQuarter: '2027Q2' },
      ].map((entry) => ({
        ...entry,
        componentLabel: entry.component === 'GUARANTEED' ? 'Guaranteed rebate' : 'Outcome rebate: VOE within 12 months',
        causeLabel: 'Claims',
      })),
    });
    const georgiaEpisode = coordinator.episodes.edges.find((e) => e.node.stateCode === 'GA')!.node;
    expect(georgiaEpisode).toMatchObject({
      status: 'INELIGIBLE',
      ineligibleCode: 'U',
      ineligibleLabel: 'Not rebate eligible: no agreement or state not participating',
    });
    const auditor = await as(users.auditor.email, users.auditor.password);
    expect(auditor.episodes.totalCount).toBe(3);
    expect(auditor.episodes.edges.every((e) => e.node.beneficiaryId === null)).toBe(true);
    const ownManufacturer = await as(users.vertex.email, users.vertex.password);
    expect(ownManufacturer.episodes.totalCount).toBe(3);
    expect(ownManufacturer.ledgerEntries.totalCount).toBe(4);
    expect(ownManufacturer.episodes.edges.every((e) => e.node.beneficiaryId === null)).toBe(true);
    expect(JSON.stringify(ownManufacturer)).not.toContain('MSIS');
    const otherManufacturer = await as(users.genetix.email, users.genetix.password);
    expect(otherManufacturer.episodes.totalCount).toBe(0);
    expect(otherManufacturer.ledgerEntries.totalCount).toBe(0);
    const newYork = await graphqlOk<Result>(api.url, query, {}, tokens.NY);
    expect(newYork.episodes.edges.map((e) => [e.node.stateCode, e.node.beneficiaryId]).sort()).toEqual([
      ['NY', 'MSIS00012345'],
      ['NY', 'MSIS00077777'],
    ]);
    const georgia = await graphqlOk<Result>(api.url, query, {}, tokens.GA);
    expect(georgia.episodes.edges.map((e) => e.node.status)).toEqual(['INELIGIBLE']);
    expect(georgia.ledgerEntries.totalCount).toBe(0);
  });

  it('returns the earlier submission for the same bytes, and reconciling again appends nothing', async () => {
    const resubmitted = await fetch(`${api.url}/v1/states/NY/claim-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.NY}`, 'content-type': 'application/octet-stream' },
      body: readFileSync(join(FIXTURES, '1-NY-CLAIMOT-2026-03.txt')),
    });
    expect(resubmitted.status).toBe(200);
    const before = await sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry');
    const summary = await reconcileStateAgain(
      worker,
      { stateCode: 'NY', stateFips: '36' },
      { id: 'rerun', serviceQuarter: '2027Q2' },
    );
    expect(summary).toMatchObject({
      episodesCreated: 0,
      episodesChanged: 0,
      ledgerEntries: 0,
      exceptionsRaised: 0,
      exceptionsResolved: 0,
    });
    expect(await sql<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entry')).toEqual(before);
  });

  it('reconciles at once when a participation changes: leaving before the administration reverses its rebates', async () => {
    const ny: Actor = {
      ...systemActor('test'),
      kind: 'user',
      role: Role.STATE_STAFF,
      stateCode: 'NY',
      label: 'ny@test.gov',
    };
    await api.app.get(ParticipationService).leave(ny, { participationId, effectiveTo: '2026-03-01' });
    const deadline = Date.now() + 30_000;
    let entries: Record<string, string>[] = [];
    while (Date.now() < deadline) {
      entries = await sql<Record<string, string>>(
        `SELECT component, amount::text AS amount, cause_type, cause_id FROM ledger_entry WHERE cause_type = 'PARTICIPATION' ORDER BY id`,
      );
      if (entries.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(entries).toEqual([
      { component: 'GUARANTEED', amount: '-220000.00', cause_type: 'PARTICIPATION', cause_id: participationId },
      { component: 'OUTCOME:VOE12', amount: '-660000.00', cause_type: 'PARTICIPATION', cause_id: participationId },
    ]);
    const [episode] = await sql<{ status: string; ineligible_code: string }>(
      `SELECT status, ineligible_code FROM episode WHERE index_icn = 'NY2026030100017'`,
    );
    expect(episode).toEqual({ status: 'INELIGIBLE', ineligible_code: 'U' });
    const [total] = await sql<{ total: string }>(`SELECT sum(amount)::text AS total FROM ledger_entry`);
    expect(total).toEqual({ total: '0.00' });
  });
});
