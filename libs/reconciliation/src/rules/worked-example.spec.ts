// rebate-rules section 9 replayed at the rules level, submission by submission, with the claims
// of test/fixtures/worked-example/ that matter (plus a few fillers) built by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dec, quarterOf, sumDecimals, type IsoDate } from '@lib/common';
import { ledgerDeltas } from './ledger-deltas';
import { reconcileState } from './reconcile-state';
import { agreement, CATALOG, claim, line, only } from './spec-builders';
import {
  type ClaimVersion,
  type Component,
  type Episode,
  type ExecutedAgreement,
  type ReconcileStateResult,
} from './types';

const FIXTURES = join(__dirname, '../../../../test/fixtures/worked-example');

interface Submission {
  file: string;
  stateCode: string;
  receiptSeq: number;
  startOfPeriod: IsoDate;
  endOfPeriod: IsoDate;
  dateCreated: IsoDate;
  versions: ClaimVersion[];
}

/** A CLAIMOT header + one gene-therapy line, as in files 1 and 5. */
function otClaim(
  sub: Pick<Submission, 'file' | 'stateCode' | 'receiptSeq'>,
  rec: number,
  icnOrig: string,
  adjudicationDate: IsoDate,
  msisId: string,
  typeOfClaim: string,
  date: IsoDate,
  ndcRaw: string,
  paid: string,
): ClaimVersion {
  return claim({
    id: `${sub.file}#${rec}`,
    stateCode: sub.stateCode,
    icnOrig,
    adjudicationDate,
    receiptSeq: sub.receiptSeq,
    submissionId: sub.file,
    recordNumber: rec,
    fileType: 'COT',
    typeOfClaim,
    msisId,
    beginDate: date,
    lines: [
      line({ recordNumber: rec + 1, ndcRaw, procedureCode: 'J3392', uom: 'UN', beginDate: date, paid: dec(paid) }),
    ],
    diagnoses: [],
  });
}

/** A CLAIMIP header + its revenue-code line + diagnoses, as in files 2 to 4. */
function ipClaim(
  sub: Pick<Submission, 'file' | 'receiptSeq'>,
  rec: number,
  icnOrig: string,
  adjudicationDate: IsoDate,
  msisId: string,
  admissionDate: IsoDate,
  codes: string[],
  paid: string,
  adjustment: { icnAdj: string; adjustmentInd: '1' | '4' } | null = null,
): ClaimVersion {
  return claim({
    id: `${sub.file}#${rec}`,
    stateCode: 'NY',
    icnOrig,
    icnAdj: adjustment?.icnAdj ?? null,
    adjustmentInd: adjustment?.adjustmentInd ?? '0',
    adjudicationDate,
    receiptSeq: sub.receiptSeq,
    submissionId: sub.file,
    recordNumber: rec,
    fileType: 'CIP',
    typeOfClaim: '1',
    msisId,
    admissionDate,
    beginDate: admissionDate,
    lines: [
      line({
        recordNumber: rec + 1,
        ndcRaw: '',
        procedureCode: '',
        uom: 'UN',
        beginDate: admissionDate,
        paid: dec(paid),
      }),
    ],
    // Fixture files carry a void's lines and diagnoses too; a void counts for nothing anyway.
    diagnoses: codes.map((code, i) => ({ seq: i + 1, code })),
  });
}

const f1 = { file: '1-NY-CLAIMOT-2026-03.txt', stateCode: 'NY', receiptSeq: 1 };
const f2 = { file: '2-NY-CLAIMIP-2026-11.txt', stateCode: 'NY', receiptSeq: 2 };
const f3 = { file: '3-NY-CLAIMIP-2027-01.txt', stateCode: 'NY', receiptSeq: 3 };
const f4 = { file: '4-NY-CLAIMIP-2027-05.txt', stateCode: 'NY', receiptSeq: 4 };
const f5 = { file: '5-GA-CLAIMOT-2026-02.txt', stateCode: 'GA', receiptSeq: 1 };

const SUBMISSIONS: Submission[] = [
  {
    ...f1,
    startOfPeriod: '2026-03-01',
    endOfPeriod: '2026-03-31',
    dateCreated: '2026-04-05',
    versions: [
      // Filler: a drug line that is not a gene therapy (record 1).
      claim({
        id: `${f1.file}#1`,
        icnOrig: 'NY20260301COT00001845',
        adjudicationDate: '2026-03-20',
        submissionId: f1.file,
        recordNumber: 1,
        msisId: 'F00080376',
        beginDate: '2026-03-15',
        lines: [line({ recordNumber: 2, ndcRaw: '00069015001', procedureCode: '', uom: 'EA', paid: dec('11.43') })],
      }),
      otClaim(
        f1,
        117,
        'NY2026030100017',
        '2026-03-12',
        'MSIS00012345',
        '1',
        '2026-03-10',
        '51167-0290-09',
        '2200000.00',
      ),
      otClaim(f1, 120, 'NY2026030100018', '2026-03-20', 'MSIS00012345', '3', '2026-03-10', '51167029009', '2150000.00'),
      otClaim(f1, 122, 'NY2026030100019', '2026-03-20', 'MSIS00077777', '1', '2026-03-14', '', '2200000.00'),
    ],
  },
  {
    ...f2,
    startOfPeriod: '2026-11-01',
    endOfPeriod: '2026-11-30',
    dateCreated: '2026-12-05',
    versions: [
      ipClaim(f2, 25, 'NY20261101CIP00007632', '2026-11-20', 'F00098080', '2026-11-16', ['D5720', 'R0789'], '12354.00'),
      ipClaim(f2, 81, 'NY2026110900004', '2026-11-20', 'MSIS00012345', '2026-11-02', ['D5700'], '18000.00'),
    ],
  },
  {
    ...f3,
    startOfPeriod: '2027-01-01',
    endOfPeriod: '2027-01-31',
    dateCreated: '2027-02-05',
    versions: [
      ipClaim(f3, 81, 'NY2026110900004', '2027-01-12', 'MSIS00012345', '2026-11-02', ['D5700'], '18000.00', {
        icnAdj: 'NY2027011200001',
        adjustmentInd: '1',
      }),
    ],
  },
  {
    ...f4,
    startOfPeriod: '2027-05-01',
    endOfPeriod: '2027-05-31',
    dateCreated: '2027-06-05',
    versions: [
      ipClaim(f4, 5, 'NY20270501CIP00002268', '2027-05-20', 'F00059252', '2027-05-13', ['D571', 'E1165'], '33960.00'),
      ipClaim(f4, 81, 'NY2027052200011', '2027-05-20', 'MSIS00012345', '2027-05-20', ['D5701'], '15000.00'),
    ],
  },
  {
    ...f5,
    startOfPeriod: '2026-02-01',
    endOfPeriod: '2026-02-28',
    dateCreated: '2026-03-05',
    versions: [
      otClaim(
        f5,
        32,
        'GA2026021100003',
        '2026-02-20',
        'GA0000000001',
        '1',
        '2026-02-11',
        '51167-0290-09',
        '2200000.00',
      ),
    ],
  },
];

/** terms.json: New York participates in the Casgevy agreement from 2026-01-01; Georgia does not. */
const AGREEMENTS: ExecutedAgreement[] = [agreement()];

interface LedgerEntry {
  state: string;
  episodeKey: string;
  labelerCode: string;
  product: string;
  ndc11: string;
  administrationDate: IsoDate;
  component: Component;
  serviceQuarter: string;
  amount: string;
  causedByFile: string;
}

/** Reconciles each state's submissions one at a time, in receipt order (section 7). */
function replay(submissions: Submission[]) {
  const ledger: LedgerEntry[] = [];
  const results = new Map<string, ReconcileStateResult>();
  const received = new Map<string, { versions: ClaimVersion[]; latestCipPeriodEnd: IsoDate | null }>();
  for (const sub of submissions) {
    const state = received.get(sub.stateCode) ?? { versions: [], latestCipPeriodEnd: null };
    state.versions.push(...sub.versions);
    if (sub.file.includes('CLAIMIP')) state.latestCipPeriodEnd = sub.endOfPeriod;
    received.set(sub.stateCode, state);
    const result = reconcileState({
      catalog: CATALOG,
      versions: state.versions,
      agreements: AGREEMENTS,
      volumeRates: [],
      overrides: [],
      observations: [],
      latestCipPeriodEnd: state.latestCipPeriodEnd,
      asOf: sub.dateCreated,
    });
    results.set(sub.file, result);
    ledger.push(...book(ledger, result.episodes, sub));
  }
  return { ledger, results };
}

function book(ledger: LedgerEntry[], episodes: Episode[], sub: Submission): LedgerEntry[] {
  const mine = ledger.filter((e) => e.state === sub.stateCode);
  const keys = [...new Set(mine.map((e) => `${e.episodeKey}\u0000${e.component}`))];
  const existing = keys.map((k) => {
    const [episodeKey, component] = k.split('\u0000') as [string, Component];
    const entries = mine.filter((e) => e.episodeKey === episodeKey && e.component === component);
    return { episodeKey, component, sum: sumDecimals(entries.map((e) => dec(e.amount))) };
  });
  const desired = episodes.flatMap((e) => e.desired.map((d) => ({ episodeKey: e.episodeKey, ...d })));
  return ledgerDeltas(desired, existing).map((delta) => {
    const episode = only(episodes.filter((e) => e.episodeKey === delta.episodeKey));
    const product = only(CATALOG.filter((p) => p.productId === episode.productId));
    return {
      state: sub.stateCode,
      episodeKey: delta.episodeKey,
      labelerCode: product.labelerCode,
      product: product.code,
      ndc11: episode.ndc11 ?? '',
      administrationDate: episode.administrationDate,
      component: delta.component,
      serviceQuarter: quarterOf(sub.startOfPeriod),
      amount: delta.amount.toFixed(2),
      causedByFile: sub.file,
    };
  });
}

const csvRow = (e: LedgerEntry) =>
  [
    e.state,
    e.labelerCode,
    e.product,
    e.ndc11,
    e.administrationDate,
    e.component,
    e.serviceQuarter,
    e.amount,
    e.causedByFile,
  ].join(',');

const EXPECTED_LEDGER = [
  'NY,51167,CASGEVY,51167029009,2026-03-10,GUARANTEED,2026Q1,220000.00,1-NY-CLAIMOT-2026-03.txt',
  'NY,51167,CASGEVY,51167029009,2026-03-10,OUTCOME:VOE12,2026Q4,1100000.00,2-NY-CLAIMIP-2026-11.txt',
  'NY,51167,CASGEVY,51167029009,2026-03-10,OUTCOME:VOE12,2027Q1,-1100000.00,3-NY-CLAIMIP-2027-01.txt',
  'NY,51167,CASGEVY,51167029009,2026-03-10,OUTCOME:VOE12,2027Q2,660000.00,4-NY-CLAIMIP-2027-05.txt',
];

describe('rebate-rules section 9, the worked example, submission by submission', () => {
  const { ledger, results } = replay(SUBMISSIONS);
  const resultOf = (file: string) => {
    const result = results.get(file);
    if (!result) throw new Error(`not replayed: ${file}`);
    return result;
  };
  const indexEpisode = (file: string) => only(resultOf(file).episodes.filter((e) => e.indexIcn === 'NY2026030100017'));

  it('produces exactly the expected ledger', () => {
    expect(ledger.map(csvRow)).toEqual(EXPECTED_LEDGER);
  });

  it('matches the fixture expected-ledger.csv', () => {
    const csv = readFileSync(join(FIXTURES, 'expected-ledger.csv'), 'utf8').trim().split('\n').slice(1);
    expect(ledger.map(csvRow)).toEqual(csv);
  });

  it('1. March 2026 CLAIMOT: index 2026-03-10, GUARANTEED 220,000.00; the MCO encounter is M, the HCPCS-only line K', () => {
    const episode = indexEpisode(f1.file);
    expect([episode.status, episode.administrationDate, episode.ndc11]).toEqual([
      'ELIGIBLE',
      '2026-03-10',
      '51167029009',
    ]);
    expect(only(episode.benchmarks).status).toBe('PENDING');
    expect(resultOf(f1.file).exceptions.map((e) => `${e.code} ${e.icn} ${e.recordNumber}`)).toEqual([
      'M NY2026030100018 120',
      'K NY2026030100019 122',
    ]);
  });

  it('2. November 2026 CLAIMIP: admission 2026-11-02 with D5700, months 7, tier 12 -> 1,100,000.00', () => {
    const benchmark = only(indexEpisode(f2.file).benchmarks);
    expect(benchmark.status).toBe('NOT_MET');
    expect(benchmark.event).toMatchObject({
      icn: 'NY2026110900004',
      eventDate: '2026-11-02',
      diagnosisCode: 'D5700',
      months: 7,
      tierThroughMonth: 12,
    });
    expect(benchmark.event?.amount.toFixed(2)).toBe('1100000.00');
  });

  it('3. January 2027 CLAIMIP voids the admission: no event, the outcome desires 0', () => {
    const episode = indexEpisode(f3.file);
    expect(only(episode.benchmarks)).toMatchObject({ status: 'PENDING', event: null });
    expect(episode.desired.find((d) => d.component === 'OUTCOME:VOE12')?.amount.toFixed(2)).toBe('0.00');
  });

  it('4. May 2027 CLAIMIP: admission 2027-05-20 with D5701, months 14, tier 24 -> 660,000.00', () => {
    const benchmark = only(indexEpisode(f4.file).benchmarks);
    expect(benchmark.event).toMatchObject({ icn: 'NY2027052200011', months: 14, tierThroughMonth: 24 });
    expect(benchmark.event?.amount.toFixed(2)).toBe('660000.00');
  });

  it('5. Georgia: the administration is U, desiring nothing', () => {
    const episode = only(resultOf(f5.file).episodes);
    expect([episode.status, episode.ineligibleCode, episode.desired]).toEqual(['INELIGIBLE', 'U', []]);
  });

  it('exceptions match the fixture expected-exceptions.csv', () => {
    const byState: [string, ReconcileStateResult][] = [
      ['NY', resultOf(f4.file)],
      ['GA', resultOf(f5.file)],
    ];
    const csv = readFileSync(join(FIXTURES, 'expected-exceptions.csv'), 'utf8').trim().split('\n').slice(1);
    expect(byState.flatMap(([state, r]) => r.exceptions.map((e) => `${e.code},${state},${e.icn}`))).toEqual(csv);
  });

  it('the HCPCS-only beneficiary is its own INELIGIBLE episode, the M claim none', () => {
    const episodes = resultOf(f4.file).episodes;
    expect(episodes.map((e) => [e.indexIcn, e.status, e.ineligibleCode])).toEqual([
      ['NY2026030100017', 'ELIGIBLE', null],
      ['NY2026030100019', 'INELIGIBLE', 'K'],
    ]);
  });

  it('reconciling the same inputs again appends nothing', () => {
    const again = replay([...SUBMISSIONS, { ...SUBMISSIONS[3], receiptSeq: 5, versions: [] }]);
    expect(again.ledger.map(csvRow)).toEqual(EXPECTED_LEDGER);
  });

  it('receiving all New York files at once ends with the same desired amounts', () => {
    const all = SUBMISSIONS.filter((s) => s.stateCode === 'NY');
    const { ledger: once } = replay([{ ...all[3], versions: all.flatMap((s) => s.versions) }]);
    const net = (entries: LedgerEntry[], component: Component) =>
      sumDecimals(
        entries.filter((e) => e.component === component && e.state === 'NY').map((e) => dec(e.amount)),
      ).toFixed(2);
    expect([net(once, 'GUARANTEED'), net(once, 'OUTCOME:VOE12')]).toEqual([
      net(ledger, 'GUARANTEED'),
      net(ledger, 'OUTCOME:VOE12'),
    ]);
    expect([net(once, 'GUARANTEED'), net(once, 'OUTCOME:VOE12')]).toEqual(['220000.00', '660000.00']);
  });
});
