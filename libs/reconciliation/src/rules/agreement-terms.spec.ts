import { dec } from '@lib/common';
import { agreementsOfState, participatesOn, resolveAgreement, scheduleEntryOn, termsInForce } from './agreement-terms';
import { agreement, CASGEVY, LYFGENIA, original, terms } from './spec-builders';
import { type AgreementTermsVersion, type ExecutedAgreement } from './types';

const v1 = original(terms(), 'v1');
const amendment = (versionId: string, effectiveFrom: string): AgreementTermsVersion => ({
  versionId,
  effectiveFrom,
  terms: terms(),
});

describe('terms in force by administration date (rebate-rules section 1, amendments)', () => {
  const versions = [v1, amendment('v2', '2027-01-01'), amendment('v3', '2028-07-01')];
  it.each([
    ['2025-06-01', 'v1'],
    ['2026-12-31', 'v1'],
    ['2027-01-01', 'v2'],
    ['2028-06-30', 'v2'],
    ['2028-07-01', 'v3'],
    ['2030-12-31', 'v3'],
  ])('administered %s -> %s', (date, expected) => {
    expect(termsInForce(versions, date)?.versionId).toBe(expected);
  });

  it('does not depend on the order versions are listed in', () => {
    expect(termsInForce([...versions].reverse(), '2027-03-01')?.versionId).toBe('v2');
  });

  it('two amendments effective the same day: the later-listed (later executed) one wins', () => {
    expect(
      termsInForce([v1, amendment('v2', '2027-01-01'), amendment('v2b', '2027-01-01')], '2027-01-01')?.versionId,
    ).toBe('v2b');
  });

  it('no terms before the first amendment when there is no original', () => {
    expect(termsInForce([amendment('v2', '2027-01-01')], '2026-12-31')).toBeNull();
  });
});

describe('schedule entry effective on the date (inclusive, non-overlapping)', () => {
  const t = terms({
    schedule: [
      { effectiveFrom: '2025-01-01', effectiveTo: '2026-06-30', wac: dec('2200000'), guaranteedRebatePct: dec('0.10') },
      { effectiveFrom: '2026-07-01', effectiveTo: '2027-12-31', wac: dec('2300000'), guaranteedRebatePct: dec('0.12') },
      { effectiveFrom: '2029-01-01', effectiveTo: null, wac: dec('2400000'), guaranteedRebatePct: dec('0.15') },
    ],
  });
  it.each([
    ['2024-12-31', null],
    ['2025-01-01', '2200000'],
    ['2026-06-30', '2200000'],
    ['2026-07-01', '2300000'],
    ['2027-12-31', '2300000'],
    ['2028-06-15', null],
    ['2029-01-01', '2400000'],
  ])('%s -> WAC %s', (date, wac) => {
    expect(scheduleEntryOn(t, date)?.wac.toFixed() ?? null).toBe(wac);
  });
});

describe('participation per (state, agreement), both ends inclusive', () => {
  const a = agreement({
    participations: [
      { stateCode: 'NY', effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' },
      { stateCode: 'NY', effectiveFrom: '2027-03-01', effectiveTo: null },
      { stateCode: 'NJ', effectiveFrom: '2025-03-01', effectiveTo: null },
    ],
  });
  it.each([
    ['NY', '2025-12-31', false],
    ['NY', '2026-01-01', true],
    ['NY', '2026-12-31', true],
    ['NY', '2027-01-15', false],
    ['NY', '2027-03-01', true],
    ['NJ', '2025-03-01', true],
    ['NJ', '2025-02-28', false],
    ['GA', '2026-06-01', false],
  ])('%s on %s -> %s', (state, date, expected) => {
    expect(participatesOn(a, state, date)).toBe(expected);
  });
});

describe('agreementsOfState: the agreements as one state sees them', () => {
  const periods = [
    { stateCode: 'NJ', effectiveFrom: '2025-03-01', effectiveTo: null },
    { stateCode: 'NY', effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' },
    { stateCode: 'GA', effectiveFrom: '2026-01-01', effectiveTo: '2026-02-28' },
    { stateCode: 'NY', effectiveFrom: '2027-03-01', effectiveTo: null },
  ];
  const both = [agreement({ participations: periods }), agreement({ agreementId: 'AG-D', participations: [] })];

  it("keeps only the state's participations, in their order, and every agreement with the rest of it", () => {
    expect(agreementsOfState(both, 'NY')).toEqual([
      { ...both[0], participations: [periods[1], periods[3]] },
      { ...both[1], participations: [] },
    ]);
    expect(agreementsOfState(both, 'TX').map((a) => a.participations)).toEqual([[], []]);
  });

  it('leaves its input as it was', () => {
    agreementsOfState(both, 'NY');
    expect(both[0].participations).toHaveLength(4);
  });

  // What the rules take from a U check: the agreement, terms version and schedule entry, or the reason.
  const answer = (state: string, date: string, agreements: readonly ExecutedAgreement[]) => {
    const r = resolveAgreement(CASGEVY, state, date, agreements);
    return r.found
      ? {
          date,
          agreementId: r.match.agreement.agreementId,
          version: r.match.termsVersion.versionId,
          entry: r.match.entry,
        }
      : { date, reason: r.reason };
  };
  const dates = ['2025-02-28', '2025-03-01', '2026-01-01', '2026-02-11', '2026-12-31', '2027-01-15', '2027-03-01'];

  it.each([
    ['NY', 4],
    ['NJ', 6],
    ['GA', 2],
    ['TX', 0],
  ])("gives %s's U check the same answer as all the agreements on every date (%d found)", (state, found) => {
    const seen = agreementsOfState(both, state);
    const answers = dates.map((date) => answer(state, date, seen));
    expect(answers).toEqual(dates.map((date) => answer(state, date, both)));
    expect(answers.filter((a) => 'agreementId' in a)).toHaveLength(found);
  });

  it("makes another state's join or leave invisible", () => {
    const joined = [
      agreement({ participations: [...periods, { stateCode: 'TX', effectiveFrom: '2027-01-01', effectiveTo: null }] }),
    ];
    expect(agreementsOfState(joined, 'NY')).toEqual(agreementsOfState([both[0]], 'NY'));
    expect(agreementsOfState(joined, 'TX')).not.toEqual(agreementsOfState([both[0]], 'TX'));
  });
});

describe('resolveAgreement: the U check (rebate-rules section 4)', () => {
  it.each([
    ['2026-03-10', 'NY', true, ''],
    ['2030-12-31', 'NY', true, ''],
    ['2031-01-01', 'NY', false, 'outside the enrollment window (from 2025-01-01 to 2030-12-31) of agreement AG-C'],
    ['2025-12-31', 'NY', false, 'NY does not participate in agreement AG-C for CASGEVY on 2025-12-31'],
    ['2026-02-11', 'GA', false, 'GA has not opted in'],
  ])('%s in %s -> found %s', (date, state, found, reason) => {
    const r = resolveAgreement(CASGEVY, state, date, [agreement()]);
    expect(r.found).toBe(found);
    if (!r.found) expect(r.reason).toContain(reason);
  });

  it('no agreement for the product at all', () => {
    const r = resolveAgreement(LYFGENIA, 'NY', '2026-03-10', [agreement()]);
    expect(r).toEqual({ found: false, reason: 'There is no executed agreement for LYFGENIA.' });
  });

  it('no schedule entry covering the date fails U', () => {
    const gap = terms({
      schedule: [
        { effectiveFrom: '2027-01-01', effectiveTo: null, wac: dec('2200000'), guaranteedRebatePct: dec('0.1') },
      ],
    });
    const r = resolveAgreement(CASGEVY, 'NY', '2026-03-10', [agreement({ versions: [original(gap)] })]);
    expect(r).toEqual({
      found: false,
      reason: 'Agreement AG-C for CASGEVY has no price schedule entry (WAC) in effect on 2026-03-10.',
    });
  });

  it('the enrollment window comes from the terms in force on the date (an amendment can extend it)', () => {
    const extended = { versionId: 'v2', effectiveFrom: '2030-06-01', terms: terms({ enrollmentEnd: '2031-12-31' }) };
    const r = resolveAgreement(CASGEVY, 'NY', '2031-05-01', [agreement({ versions: [original(), extended] })]);
    expect(r.found && r.match.termsVersion.versionId).toBe('v2');
  });

  it('explains the miss with the agreement that got furthest', () => {
    const notJoined = agreement({ agreementId: 'AG-B', participations: [] });
    const expired = agreement({ agreementId: 'AG-A', versions: [original(terms({ enrollmentEnd: '2025-12-31' }))] });
    const r = resolveAgreement(CASGEVY, 'NY', '2026-03-10', [expired, notJoined]);
    expect(r.found ? '' : r.reason).toBe(
      'NY does not participate in agreement AG-B for CASGEVY on 2026-03-10: NY has not opted in.',
    );
  });

  it('of two qualifying agreements the lowest agreementId decides', () => {
    const r = resolveAgreement(CASGEVY, 'NY', '2026-03-10', [
      agreement({ agreementId: 'AG-Z' }),
      agreement({ agreementId: 'AG-D' }),
    ]);
    expect(r.found && r.match.agreement.agreementId).toBe('AG-D');
  });

  it('a qualifying agreement wins over an earlier-sorted one that does not qualify', () => {
    const r = resolveAgreement(CASGEVY, 'NY', '2026-03-10', [
      agreement({ agreementId: 'AG-A', participations: [] }),
      agreement({ agreementId: 'AG-B' }),
    ]);
    expect(r.found && r.match.agreement.agreementId).toBe('AG-B');
  });
});
