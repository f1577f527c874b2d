import { dec } from '@lib/common';
import { agreementsOfState } from './agreement-terms';
import { ledgerDeltas } from './ledger-deltas';
import { reconcileState } from './reconcile-state';
import {
  agreement,
  amounts,
  CASGEVY,
  claim,
  episodeOf,
  inpatient,
  line,
  money,
  only,
  original,
  replacementOf,
  stateInput,
  terms,
  VOE12,
  voidOf,
} from './spec-builders';
import { type Benchmark, type ClaimVersion, type ExecutedAgreement, type ReconcileStateInput } from './types';

const index = claim({ icnOrig: 'NY-A', recordNumber: 117, submissionId: 'SUB-1' });
const run = (overrides: Partial<ReconcileStateInput>) => reconcileState(stateInput(overrides));
const codes = (versions: ClaimVersion[], extra: Partial<ReconcileStateInput> = {}) =>
  run({ versions, ...extra }).exceptions.map((e) => `${e.code} ${e.icn}`);

describe('reconcileState: one eligible episode (rebate-rules sections 3-5)', () => {
  const result = run({ versions: [index] });
  const episode = only(result.episodes);

  it('describes the episode', () => {
    expect(episode).toMatchObject({
      episodeKey: `NY|${CASGEVY.productId}|MSIS-1|NY-A`,
      stateCode: 'NY',
      productId: CASGEVY.productId,
      msisId: 'MSIS-1',
      indexIcn: 'NY-A',
      indexVersionId: index.id,
      administrationDate: '2026-03-10',
      ndc11: '51167029009',
      status: 'ELIGIBLE',
      ineligibleCode: null,
      ineligibleReason: null,
      warnings: [],
      agreementId: 'AG-C',
      termsVersionId: 'AG-C/v1',
    });
    expect([
      money(episode.paid),
      money(episode.wac),
      money(episode.guaranteedRebatePct),
      money(episode.capAmount),
    ]).toEqual(['2200000.00', '2200000.00', '0.10', '1650000.00']);
  });

  it('desires every component the terms define, 0 where nothing is owed', () => {
    expect(amounts(episode.desired)).toEqual({ GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '0.00' });
  });

  it('has a PENDING benchmark with its window end, and no exceptions', () => {
    expect(episode.benchmarks).toEqual([
      { code: 'VOE12', measure: 'VOE_HOSPITALIZATION', status: 'PENDING', windowEnd: '2029-03-10', event: null },
    ]);
    expect(result.exceptions).toEqual([]);
  });
});

describe('reconcileState: every exception code', () => {
  const dup = claim({ icnOrig: 'NY-B', typeOfClaim: '3', recordNumber: 120 });
  const later = claim({ icnOrig: 'NY-C', recordNumber: 130, lines: [line({ beginDate: '2026-06-01' })] });

  it.each<[string, ClaimVersion[], Partial<ReconcileStateInput>, string[]]>([
    ['M: the same administration billed again (MCO encounter)', [index, dup], {}, ['M NY-B']],
    ['L: a later administration for the same beneficiary', [index, later], {}, ['L NY-C']],
    ['M and L together', [later, dup, index], {}, ['M NY-B', 'L NY-C']],
    ['O: NDC and HCPCS disagree', [claim({ lines: [line({ procedureCode: 'J3394' })] })], {}, ['O ICN-A']],
    ['K: HCPCS only', [claim({ lines: [line({ ndcRaw: '' })] })], {}, ['K ICN-A']],
    ['U: a non-participating state', [claim({ stateCode: 'GA' })], {}, ['U ICN-A']],
    ['U: before the state participates', [claim({ lines: [line({ beginDate: '2025-12-31' })] })], {}, ['U ICN-A']],
    ['J: nothing paid', [claim({ lines: [line({ paid: dec(0) })] })], {}, ['J ICN-A']],
    ['D: unit of measure', [claim({ lines: [line({ uom: 'EA' })] })], {}, ['D ICN-A']],
    ['P: paid above WAC', [claim({ lines: [line({ paid: dec('2200000.01') })] })], {}, ['P ICN-A']],
    ['D and P together', [claim({ lines: [line({ uom: 'ML', paid: dec('3000000') })] })], {}, ['D ICN-A', 'P ICN-A']],
    ['V: a void with no other version', [voidOf(index)], {}, ['V NY-A']],
    ['V: a replacement with no original (still used)', [replacementOf(index)], {}, ['V NY-A']],
    [
      'no V once the original is there',
      [index, voidOf(index, { adjudicationDate: '2026-04-01', receiptSeq: 2 })],
      {},
      [],
    ],
    ['no V for an original', [index], {}, []],
    ['no exception for a denied claim', [claim({ claimStatus: 'F2' })], {}, []],
    ['no exception for a non-utilization claim', [claim({ typeOfClaim: '2' })], {}, []],
  ])('%s', (_case, versions, extra, expected) => {
    expect(codes(versions, extra)).toEqual(expected);
  });

  it('names submission, record number, ICN and episode on each exception', () => {
    const result = run({ versions: [index, dup] });
    expect(only(result.exceptions)).toMatchObject({
      code: 'M',
      versionId: dup.id,
      submissionId: 'SUB-1',
      recordNumber: 120,
      icn: 'NY-B',
      episodeKey: only(result.episodes).episodeKey,
    });
  });

  it.each<[string, ClaimVersion[], string[]]>([
    [
      'M',
      [index, dup],
      ['Duplicate administration', 'CASGEVY administration dated 2026-03-10 (ICN NY-A', 'earns no rebate'],
    ],
    ['L', [index, later], ['Later administration', 'one treatment per lifetime', '2026-06-01']],
    [
      'U',
      [claim({ stateCode: 'GA' })],
      ['not rebate eligible', 'GA does not participate in agreement AG-C for CASGEVY on 2026-03-10'],
    ],
    ['V', [voidOf(index)], ['Void of ICN NY-A', 'adjudicated 2026-03-12', 'no other version']],
  ])('the %s reason names the facts', (_code, versions, fragments) => {
    const reason = run({ versions }).exceptions[0]?.reason ?? '';
    for (const fragment of fragments) expect(reason).toContain(fragment);
  });

  it('orders exceptions by receipt (submission, record number), then code', () => {
    const versions = [
      claim({ icnOrig: 'NY-Z', msisId: 'MSIS-9', receiptSeq: 2, recordNumber: 1, lines: [line({ ndcRaw: '' })] }),
      claim({
        icnOrig: 'NY-Y',
        msisId: 'MSIS-8',
        receiptSeq: 1,
        recordNumber: 50,
        lines: [line({ uom: 'EA', paid: dec('2300000') })],
      }),
      claim({
        icnOrig: 'NY-X',
        msisId: 'MSIS-7',
        receiptSeq: 1,
        recordNumber: 40,
        stateCode: 'NY',
        lines: [line({ paid: dec(0) })],
      }),
    ];
    expect(codes(versions)).toEqual(['J NY-X', 'D NY-Y', 'P NY-Y', 'K NY-Z']);
  });

  it('an ELIGIBLE episode lists its warnings', () => {
    const episode = only(run({ versions: [claim({ lines: [line({ uom: 'EA', paid: dec('2300000') })] })] }).episodes);
    expect([episode.status, episode.warnings]).toEqual(['ELIGIBLE', ['D', 'P']]);
  });

  it('a lone replacement that indexes an episode carries its key on the V exception', () => {
    const result = run({ versions: [replacementOf(index)] });
    expect(only(result.exceptions).episodeKey).toBe(only(result.episodes).episodeKey);
    expect(only(result.episodes).status).toBe('ELIGIBLE');
  });

  it('later candidates stay M/L even when the index is INELIGIBLE', () => {
    const badIndex = claim({ icnOrig: 'NY-A', lines: [line({ ndcRaw: '' })] });
    expect(codes([badIndex, dup])).toEqual(['K NY-A', 'M NY-B']);
  });
});

describe('reconcileState: INELIGIBLE episodes desire 0', () => {
  it.each<[string, ClaimVersion, Record<string, string>]>([
    [
      'O with terms known',
      claim({ lines: [line({ procedureCode: 'J3394' })] }),
      { GUARANTEED: '0.00', VOLUME: '0.00', 'OUTCOME:VOE12': '0.00' },
    ],
    [
      'K with terms known',
      claim({ lines: [line({ ndcRaw: '' })] }),
      { GUARANTEED: '0.00', VOLUME: '0.00', 'OUTCOME:VOE12': '0.00' },
    ],
    [
      'J with terms known',
      claim({ lines: [line({ paid: dec('-1') })] }),
      { GUARANTEED: '0.00', VOLUME: '0.00', 'OUTCOME:VOE12': '0.00' },
    ],
    ['U without terms', claim({ stateCode: 'GA' }), {}],
  ])('%s', (_case, version, expected) => {
    const episode = only(run({ versions: [version] }).episodes);
    expect(episode.status).toBe('INELIGIBLE');
    expect(amounts(episode.desired)).toEqual(expected);
    expect(episode.benchmarks).toEqual([]);
    expect(episode.warnings).toEqual([]);
  });

  it('an INELIGIBLE episode gets no outcome even with a crisis admission', () => {
    const versions = [claim({ lines: [line({ ndcRaw: '' })] }), inpatient('IP1', '2026-11-02', ['D5700'])];
    expect(amounts(only(run({ versions }).episodes).desired)['OUTCOME:VOE12']).toBe('0.00');
  });
});

describe('reconcileState: claim histories', () => {
  it('a void received before its original (later ADJUDICATION-DATE) leaves no episode', () => {
    const v = voidOf(index, { adjudicationDate: '2026-03-28', receiptSeq: 1 });
    const o = claim({ ...index, receiptSeq: 2 });
    expect(run({ versions: [v] }).episodes).toEqual([]);
    const both = run({ versions: [v, o] });
    expect(both.episodes).toEqual([]);
    expect(both.exceptions).toEqual([]);
  });

  it('a replacement changing the date of service moves the episode date, keeping its key', () => {
    const rep = replacementOf(index, {
      adjudicationDate: '2026-04-02',
      receiptSeq: 2,
      lines: [line({ beginDate: '2026-03-18' })],
    });
    const before = only(run({ versions: [index] }).episodes);
    const after = only(run({ versions: [index, rep] }).episodes);
    expect(after.administrationDate).toBe('2026-03-18');
    expect(after.indexVersionId).toBe(rep.id);
    expect(after.episodeKey).toBe(before.episodeKey);
  });

  it('a replacement moving the date before participation makes the episode U', () => {
    const rep = replacementOf(index, {
      adjudicationDate: '2026-04-02',
      receiptSeq: 2,
      lines: [line({ beginDate: '2025-12-20' })],
    });
    const episode = only(run({ versions: [index, rep] }).episodes);
    expect(episode.ineligibleCode).toBe('U');
  });

  it.each<[string, Partial<ClaimVersion>]>([
    ['removes the CGT line', { lines: [line({ ndcRaw: '00002143380', procedureCode: '' })] }],
    ['denies the claim', { claimStatus: 'F2' }],
    ['makes it a supplemental payment (type 5)', { typeOfClaim: '5' }],
  ])('a replacement that %s ends the episode', (_case, overrides) => {
    const rep = replacementOf(index, { adjudicationDate: '2026-04-02', receiptSeq: 2, ...overrides });
    expect(run({ versions: [index, rep] }).episodes).toEqual([]);
  });

  it('a voided index: the next candidate becomes the index of a new episode', () => {
    const dup = claim({ icnOrig: 'NY-B' });
    const before = run({ versions: [index, dup] });
    const after = run({ versions: [index, dup, voidOf(index, { adjudicationDate: '2026-04-01', receiptSeq: 2 })] });
    const [first, second] = [only(before.episodes), only(after.episodes)];
    expect(second.indexIcn).toBe('NY-B');
    expect(second.episodeKey).not.toBe(first.episodeKey);
    expect(after.exceptions).toEqual([]);
    // The vanished episode's entries reverse; the new one books its own.
    const booked = first.desired.map((d) => ({ episodeKey: first.episodeKey, component: d.component, sum: d.amount }));
    const desired = second.desired.map((d) => ({ episodeKey: second.episodeKey, ...d }));
    expect(
      ledgerDeltas(desired, booked).map((d) => `${d.episodeKey.split('|')[3]} ${d.component} ${d.amount.toFixed(2)}`),
    ).toEqual(['NY-A GUARANTEED -220000.00', 'NY-B GUARANTEED 220000.00']);
  });

  it('two products on one claim are two episodes', () => {
    const both = claim({
      lines: [line(), line({ lineNumOrig: 2, ndcRaw: '73554111101', procedureCode: 'J3394', paid: dec('3100000') })],
    });
    const result = run({ versions: [both] });
    expect(result.episodes.map((e) => [e.productId, e.status, e.ineligibleCode])).toEqual([
      ['P-CASGEVY', 'ELIGIBLE', null],
      ['P-LYFGENIA', 'INELIGIBLE', 'U'],
    ]);
  });

  it('the result does not depend on the order versions are given in', () => {
    const versions = [
      index,
      claim({ icnOrig: 'NY-B' }),
      claim({ icnOrig: 'NY-C', msisId: 'MSIS-2', lines: [line({ uom: 'EA' })] }),
      inpatient('IP1', '2026-11-02', ['D5700']),
      voidOf(claim({ icnOrig: 'NY-Z' })),
    ];
    const forward = run({ versions });
    const backward = run({ versions: [...versions].reverse() });
    expect(backward).toEqual(forward);
  });
});

describe('reconcileState: agreements, amendments, participation and schedules', () => {
  const dated = (date: string, icnOrig = 'ICN-A') => claim({ icnOrig, lines: [line({ beginDate: date })] });
  const amended: ExecutedAgreement = agreement({
    versions: [
      original(),
      {
        versionId: 'AG-C/v2',
        effectiveFrom: '2027-01-01',
        terms: terms({
          schedule: [
            {
              effectiveFrom: '2025-01-01',
              effectiveTo: null,
              wac: dec('2300000.00'),
              guaranteedRebatePct: dec('0.125'),
            },
          ],
        }),
      },
    ],
  });

  it.each([
    ['2026-12-31', 'AG-C/v1', '2200000.00', '220000.00'],
    ['2027-01-01', 'AG-C/v2', '2300000.00', '287500.00'],
  ])('administered %s -> terms %s (WAC %s, GUARANTEED %s)', (date, versionId, wac, guaranteed) => {
    const episode = only(run({ versions: [dated(date)], agreements: [amended] }).episodes);
    expect([episode.termsVersionId, money(episode.wac), amounts(episode.desired).GUARANTEED]).toEqual([
      versionId,
      wac,
      guaranteed,
    ]);
  });

  it.each([
    ['2025-12-31', 'U'],
    ['2026-01-01', null],
    ['2026-06-30', null],
    ['2026-07-01', 'U'],
  ])('participation 2026-01-01..2026-06-30 inclusive: administered %s -> %s', (date, expected) => {
    const a = agreement({
      participations: [{ stateCode: 'NY', effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' }],
    });
    expect(only(run({ versions: [dated(date)], agreements: [a] }).episodes).ineligibleCode).toBe(expected);
  });

  it.each([
    ['2024-12-31', 'U'],
    ['2030-12-31', null],
    ['2031-01-01', 'U'],
  ])('enrollment window 2025-01-01..2030-12-31: administered %s -> %s', (date, expected) => {
    const a = agreement({ participations: [{ stateCode: 'NY', effectiveFrom: '2020-01-01', effectiveTo: null }] });
    expect(only(run({ versions: [dated(date)], agreements: [a] }).episodes).ineligibleCode).toBe(expected);
  });

  it('no schedule entry covering the date is U, with the reason', () => {
    const a = agreement({
      versions: [
        original(
          terms({
            schedule: [
              { effectiveFrom: '2027-01-01', effectiveTo: null, wac: dec('1'), guaranteedRebatePct: dec('0.1') },
            ],
          }),
        ),
      ],
    });
    const result = run({ versions: [index], agreements: [a] });
    expect(only(result.episodes).ineligibleCode).toBe('U');
    expect(only(result.exceptions).reason).toContain('no price schedule entry (WAC) in effect on 2026-03-10');
  });

  it('a participation change that ends an eligible episode reverses what it booked', () => {
    const before = only(run({ versions: [index] }).episodes);
    const withdrawn = agreement({
      participations: [{ stateCode: 'NY', effectiveFrom: '2026-04-01', effectiveTo: null }],
    });
    const after = only(run({ versions: [index], agreements: [withdrawn] }).episodes);
    const booked = before.desired.map((d) => ({
      episodeKey: before.episodeKey,
      component: d.component,
      sum: d.amount,
    }));
    const deltas = ledgerDeltas(
      after.desired.map((d) => ({ episodeKey: after.episodeKey, ...d })),
      booked,
    );
    expect(deltas.map((d) => `${d.component} ${d.amount.toFixed(2)}`)).toEqual(['GUARANTEED -220000.00']);
  });

  it("gives the same result when the agreements keep only the state's participations (agreementsOfState)", () => {
    const shared = agreement({
      participations: [
        { stateCode: 'NJ', effectiveFrom: '2025-01-01', effectiveTo: null },
        { stateCode: 'NY', effectiveFrom: '2026-01-01', effectiveTo: '2026-04-30' },
        { stateCode: 'TX', effectiveFrom: '2026-05-01', effectiveTo: null },
        { stateCode: 'NY', effectiveFrom: '2026-07-01', effectiveTo: null },
      ],
    });
    const other = agreement({
      agreementId: 'AG-B',
      participations: [{ stateCode: 'TX', effectiveFrom: '2025-01-01', effectiveTo: null }],
    });
    const versions = ['2025-12-31', '2026-03-10', '2026-05-15', '2026-07-01'].map((date, n) =>
      claim({ icnOrig: `ICN-${n}`, msisId: `MSIS-${n}`, lines: [line({ beginDate: date })] }),
    );
    const all = run({ versions, agreements: [shared, other] });
    expect(run({ versions, agreements: agreementsOfState([shared, other], 'NY') })).toEqual(all);
    // Not vacuous: two of the four are outside NY's participation, with reasons naming its periods.
    expect(all.episodes.map((e) => e.ineligibleCode)).toEqual(['U', null, 'U', null]);
  });
});

describe('reconcileState: outcomes, volume, cap and overrides (rebate-rules sections 5, 6, 8)', () => {
  const crisis = inpatient('IP-1', '2026-11-02', ['D5700']);
  const REG: Benchmark = {
    code: 'REG24',
    measure: 'REPORTED_EVENT',
    washoutDays: 0,
    diagnosisPrefixes: [],
    tiers: [{ throughMonth: 24, rebatePct: dec('0.20') }],
  };
  const withReg = agreement({ versions: [original(terms({ benchmarks: [VOE12, REG] }))] });
  const episodeKey = `NY|${CASGEVY.productId}|MSIS-1|NY-A`;
  const observation = (eventDate: string) => ({
    id: 'OBS-1',
    episodeKey,
    eventDate,
    eventCode: 'GRAFT',
    evidenceRef: 'reg',
  });
  const desiredOf = (extra: Partial<ReconcileStateInput>) =>
    amounts(episodeOf(run({ versions: [index, crisis], ...extra }).episodes, 'NY-A').desired);

  it('a crisis admission at 7 months earns tier 12 (50% of WAC), with the event described', () => {
    const episode = only(run({ versions: [index, crisis], latestCipPeriodEnd: '2026-11-30' }).episodes);
    expect(amounts(episode.desired)).toEqual({
      GUARANTEED: '220000.00',
      VOLUME: '0.00',
      'OUTCOME:VOE12': '1100000.00',
    });
    const benchmark = only(episode.benchmarks);
    expect(benchmark.status).toBe('NOT_MET');
    expect(benchmark.event).toMatchObject({
      source: 'CLAIM',
      versionId: crisis.id,
      icn: 'IP-1',
      eventDate: '2026-11-02',
      diagnosisCode: 'D5700',
      months: 7,
      tierThroughMonth: 12,
    });
    expect([money(benchmark.event?.uncappedAmount ?? null), money(benchmark.event?.amount ?? null)]).toEqual([
      '1100000.00',
      '1100000.00',
    ]);
  });

  it.each<[string, ClaimVersion[], string]>([
    ['denied admission', [inpatient('IP-1', '2026-11-02', ['D5700'], { claimStatus: 'F2' })], '0.00'],
    ['voided admission', [crisis, voidOf(crisis, { adjudicationDate: '2027-01-12', receiptSeq: 3 })], '0.00'],
    [
      'admission replaced with a non-crisis code',
      [
        crisis,
        replacementOf(crisis, { adjudicationDate: '2027-01-12', receiptSeq: 3, diagnoses: [{ seq: 1, code: 'D571' }] }),
      ],
      '0.00',
    ],
    [
      'a non-utilization admission (type 2)',
      [inpatient('IP-1', '2026-11-02', ['D5700'], { typeOfClaim: '2' })],
      '0.00',
    ],
    ['an admission of another beneficiary', [inpatient('IP-1', '2026-11-02', ['D5700'], { msisId: 'MSIS-9' })], '0.00'],
    ['admitted on the last washout day', [inpatient('IP-1', '2026-04-09', ['D5700'])], '0.00'],
    ['admitted the day after the washout', [inpatient('IP-1', '2026-04-10', ['D5700'])], '1100000.00'],
    ['admitted at 11 months', [inpatient('IP-1', '2027-03-09', ['D5700'])], '1100000.00'],
    ['admitted at 12 months: tier 24', [inpatient('IP-1', '2027-03-10', ['D5700'])], '660000.00'],
    ['admitted at 24 months: tier 36', [inpatient('IP-1', '2028-03-10', ['D5700'])], '330000.00'],
    ['admitted at 35 months', [inpatient('IP-1', '2029-03-09', ['D5700'])], '330000.00'],
    ['admitted at 36 months: outside the window', [inpatient('IP-1', '2029-03-10', ['D5700'])], '0.00'],
  ])('%s -> OUTCOME:VOE12 %s', (_case, cip, expected) => {
    expect(amounts(only(run({ versions: [index, ...cip] }).episodes).desired)['OUTCOME:VOE12']).toBe(expected);
  });

  it.each([
    [null, 'PENDING'],
    ['2029-02-28', 'PENDING'],
    ['2029-03-31', 'MET'],
  ])('no event, latest CLAIMIP period end %s -> %s', (latestCipPeriodEnd, expected) => {
    expect(only(only(run({ versions: [index], latestCipPeriodEnd }).episodes).benchmarks).status).toBe(expected);
  });

  it.each([
    ['no year closed', [], { GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '1100000.00' }],
    [
      '2026 closed at 5%',
      [{ agreementId: 'AG-C', year: 2026, pct: dec('0.05') }],
      { GUARANTEED: '220000.00', VOLUME: '110000.00', 'OUTCOME:VOE12': '1100000.00' },
    ],
    [
      '2027 closed: not this episode',
      [{ agreementId: 'AG-C', year: 2027, pct: dec('0.05') }],
      { GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '1100000.00' },
    ],
    [
      'another agreement closed',
      [{ agreementId: 'AG-L', year: 2026, pct: dec('0.05') }],
      { GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '1100000.00' },
    ],
    [
      'volume shrinks the outcome',
      [{ agreementId: 'AG-C', year: 2026, pct: dec('0.30') }],
      { GUARANTEED: '220000.00', VOLUME: '660000.00', 'OUTCOME:VOE12': '770000.00' },
    ],
    [
      'volume fills the cap: outcome cut to zero',
      [{ agreementId: 'AG-C', year: 2026, pct: dec('0.65') }],
      { GUARANTEED: '220000.00', VOLUME: '1430000.00', 'OUTCOME:VOE12': '0.00' },
    ],
    [
      'volume itself cut to the cap',
      [{ agreementId: 'AG-C', year: 2026, pct: dec('0.90') }],
      { GUARANTEED: '220000.00', VOLUME: '1430000.00', 'OUTCOME:VOE12': '0.00' },
    ],
  ])('volume: %s', (_case, volumeRates, expected) => {
    expect(desiredOf({ volumeRates })).toEqual(expected);
  });

  it('the capped outcome event shows both amounts', () => {
    const episode = only(
      run({ versions: [index, crisis], volumeRates: [{ agreementId: 'AG-C', year: 2026, pct: dec('0.30') }] }).episodes,
    );
    const event = only(episode.benchmarks).event;
    expect([money(event?.uncappedAmount ?? null), money(event?.amount ?? null)]).toEqual(['1100000.00', '770000.00']);
  });

  it.each([
    ['the observation first (2026-10-01): it is whole, the claim event is cut', '2026-10-01', '440000.00', '990000.00'],
    ['the claim event first: the observation is cut', '2026-12-01', '330000.00', '1100000.00'],
    ['same date: benchmark code order (REG24 before VOE12)', '2026-11-02', '440000.00', '990000.00'],
  ])('two benchmarks share the cap: %s', (_case, eventDate, reg, voe) => {
    const desired = desiredOf({ agreements: [withReg], observations: [observation(eventDate)] });
    expect([desired['OUTCOME:REG24'], desired['OUTCOME:VOE12']]).toEqual([reg, voe]);
  });

  it('a REPORTED_EVENT benchmark without an observation is MET once its window ends before today', () => {
    const episode = only(run({ versions: [index], agreements: [withReg], asOf: '2028-03-10' }).episodes);
    expect(episode.benchmarks.map((b) => [b.code, b.status])).toEqual([
      ['VOE12', 'PENDING'],
      ['REG24', 'MET'],
    ]);
  });

  it('describes an observation event', () => {
    const episode = only(
      run({ versions: [index], agreements: [withReg], observations: [observation('2026-10-01')] }).episodes,
    );
    expect(episode.benchmarks[1].event).toMatchObject({
      source: 'OBSERVATION',
      observationId: 'OBS-1',
      eventCode: 'GRAFT',
      months: 6,
    });
  });

  it.each([
    [
      'GUARANTEED upheld at 0: the outcome keeps its capped amount',
      'GUARANTEED',
      '0',
      { GUARANTEED: '0.00', VOLUME: '0.00', 'OUTCOME:VOE12': '1100000.00' },
    ],
    ['OUTCOME upheld at 0', 'OUTCOME:VOE12', '0', { GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '0.00' }],
    [
      'OUTCOME agreed at an amount above the cap',
      'OUTCOME:VOE12',
      '1500000.00',
      { GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '1500000.00' },
    ],
  ] as const)('override: %s', (_case, component, amount, expected) => {
    expect(desiredOf({ overrides: [{ episodeKey, component, amount: dec(amount) }] })).toEqual(expected);
  });

  it('an override also holds on an INELIGIBLE episode', () => {
    const a = agreement({ participations: [] });
    const ov = { episodeKey, component: 'GUARANTEED' as const, amount: dec('100.00') };
    expect(desiredOf({ agreements: [a], overrides: [ov] })).toEqual({ GUARANTEED: '100.00' });
  });
});
