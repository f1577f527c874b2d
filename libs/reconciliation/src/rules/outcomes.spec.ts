import { dec, monthsBetween } from '@lib/common';
import {
  benchmarkStatus,
  firstClaimEvent,
  firstObservationEvent,
  isInMeasurementPeriod,
  startsWithAnyPrefix,
  tierFor,
  windowEnd,
  windowMonths,
} from './outcomes';
import { claim, inpatient, VOE12 } from './spec-builders';
import { type Benchmark, type OutcomeObservation } from './types';

const ONE_MONTH: Benchmark = { ...VOE12, washoutDays: 0, tiers: [{ throughMonth: 1, rebatePct: dec('0.5') }] };

describe('measurement period: washout and window (rebate-rules section 5)', () => {
  it.each([
    // [administration, event, benchmark, qualifies, why]
    ['2026-03-10', '2026-04-09', VOE12, false, 'E = date + washoutDays is still washout'],
    ['2026-03-10', '2026-04-10', VOE12, true, 'the day after the washout'],
    ['2026-03-10', '2026-03-10', VOE12, false, 'the administration day itself'],
    ['2026-03-10', '2026-02-01', VOE12, false, 'before the administration'],
    ['2026-03-10', '2029-03-09', VOE12, true, 'months = 35, inside a 36-month window'],
    ['2026-03-10', '2029-03-10', VOE12, false, 'months = 36 = window: outside'],
    ['2026-01-31', '2029-01-30', VOE12, true, 'end of month: months = 35'],
    ['2026-01-31', '2029-01-31', VOE12, false, 'end of month: months = 36'],
    ['2026-03-10', '2026-03-10', { ...VOE12, washoutDays: 0 }, false, 'washout 0: the same day is not after it'],
    ['2026-03-10', '2026-03-11', { ...VOE12, washoutDays: 0 }, true, 'washout 0: the next day'],
    ['2026-12-15', '2027-01-14', VOE12, false, 'washout across a year end (date + 30 = 2027-01-14)'],
    ['2026-12-15', '2027-01-15', VOE12, true, 'washout across a year end, one day later'],
    ['2024-02-01', '2024-03-02', VOE12, false, 'leap February: 2024-02-01 + 30 days = 2024-03-02'],
    ['2024-02-01', '2024-03-03', VOE12, true, 'leap February, one day later'],
    ['2026-03-31', '2026-04-30', ONE_MONTH, true, 'clamped month end: months(03-31, 04-30) = 0'],
    ['2026-03-31', '2026-05-01', ONE_MONTH, false, 'months(03-31, 05-01) = 1'],
  ])('%s -> %s: %s (%s)', (date, event, benchmark, expected) => {
    expect(isInMeasurementPeriod(date, event, benchmark)).toBe(expected);
  });

  it.each([
    ['2026-03-10', VOE12, 36, '2029-03-10'],
    ['2028-02-29', { ...VOE12, tiers: [{ throughMonth: 12, rebatePct: dec('0.5') }] }, 12, '2029-02-28'],
    ['2026-03-31', ONE_MONTH, 1, '2026-04-30'],
    ['2026-01-31', { ...VOE12, tiers: [{ throughMonth: 13, rebatePct: dec('0.5') }] }, 13, '2027-02-28'],
  ])('window of a benchmark dated %s: %s months, ends %s', (date, benchmark, months, end) => {
    expect(windowMonths(benchmark)).toBe(months);
    expect(windowEnd(date, benchmark)).toBe(end);
  });
});

describe('months(date, E) and the tier it lands in, at month ends and in leap years (rebate-rules section 5)', () => {
  it.each([
    ['2026-03-10', '2027-03-09', 11, 12],
    ['2026-03-10', '2027-03-10', 12, 24],
    ['2026-01-31', '2026-02-28', 0, 12],
    ['2026-01-31', '2027-01-30', 11, 12],
    ['2026-01-31', '2027-01-31', 12, 24],
    ['2026-01-31', '2027-02-28', 12, 24],
    ['2024-02-29', '2025-02-28', 11, 12],
    ['2024-02-29', '2025-03-01', 12, 24],
    ['2024-02-29', '2028-02-28', 47, null],
    ['2023-02-28', '2024-02-29', 12, 24],
    ['2025-12-31', '2026-12-31', 12, 24],
    ['2025-12-31', '2026-12-30', 11, 12],
    ['2026-03-10', '2028-03-09', 23, 24],
    ['2026-03-10', '2028-03-10', 24, 36],
  ])('months(%s, %s) = %s -> tier %s', (date, event, months, throughMonth) => {
    expect(monthsBetween(date, event)).toBe(months);
    expect(tierFor(VOE12, months)?.throughMonth ?? null).toBe(throughMonth);
  });
});

describe('tiers: the first with months < throughMonth (rebate-rules section 5)', () => {
  it.each([
    [0, 12, '0.5'],
    [11, 12, '0.5'],
    [12, 24, '0.3'],
    [23, 24, '0.3'],
    [24, 36, '0.15'],
    [35, 36, '0.15'],
    [36, null, null],
  ])('months %s -> tier %s', (months, throughMonth, pct) => {
    const tier = tierFor(VOE12, months);
    expect(tier?.throughMonth ?? null).toBe(throughMonth);
    expect(tier?.rebatePct.toString() ?? null).toBe(pct);
  });

  it('tiers listed out of order are read ascending', () => {
    const shuffled = { tiers: [VOE12.tiers[2], VOE12.tiers[0], VOE12.tiers[1]] };
    expect(tierFor(shuffled, 5)?.throughMonth).toBe(12);
  });
});

describe('diagnosis prefixes (domain.md: crisis codes)', () => {
  it.each([
    ['D5700', true],
    ['D5701', true],
    ['D57.00', true],
    ['d5700', true],
    ['D57211', true],
    ['D5781', true],
    ['D571', false],
    ['D5720', false],
    ['D573', false],
    ['D57', false],
    ['R0789', false],
  ])('%s qualifies for VOE12: %s', (code, expected) => {
    expect(startsWithAnyPrefix(code, VOE12.diagnosisPrefixes)).toBe(expected);
  });

  it('an empty prefix qualifies nothing', () => {
    expect(startsWithAnyPrefix('D5700', [''])).toBe(false);
  });
});

describe('the deciding VOE event: counting CLAIMIP versions of the same beneficiary (rebate-rules section 5)', () => {
  const episode = { stateCode: 'NY', msisId: 'MSIS-1', administrationDate: '2026-03-10' };

  it.each([
    ['a crisis admission', [inpatient('IP1', '2026-11-02', ['D5700'])], 'IP1', 7],
    ['a secondary diagnosis counts', [inpatient('IP1', '2026-11-02', ['I10', 'D5701'])], 'IP1', 7],
    ['no crisis code', [inpatient('IP1', '2026-11-02', ['D571', 'D5720'])], null, null],
    ['another beneficiary', [inpatient('IP1', '2026-11-02', ['D5700'], { msisId: 'MSIS-2' })], null, null],
    ['another state', [inpatient('IP1', '2026-11-02', ['D5700'], { stateCode: 'NJ' })], null, null],
    ['an outpatient claim', [inpatient('IP1', '2026-11-02', ['D5700'], { fileType: 'COT' })], null, null],
    ['inside the washout', [inpatient('IP1', '2026-04-09', ['D5700'])], null, null],
    [
      'the earliest admission decides',
      [inpatient('IP-A', '2027-05-20', ['D5701']), inpatient('IP-Z', '2026-11-02', ['D5700'])],
      'IP-Z',
      7,
    ],
    [
      'same admission date: the lower ICN-ORIG decides',
      [inpatient('IP-B', '2026-11-02', ['D5700']), inpatient('IP-A', '2026-11-02', ['D5745'])],
      'IP-A',
      7,
    ],
    [
      'a non-qualifying earlier admission does not hide a later one',
      [inpatient('IP-A', '2026-04-01', ['D5700']), inpatient('IP-B', '2027-05-20', ['D5701'])],
      'IP-B',
      14,
    ],
  ])('%s', (_case, counting, icn, months) => {
    const event = firstClaimEvent(VOE12, episode, counting);
    expect(event?.source === 'CLAIM' ? event.version.icnOrig : null).toBe(icn);
    expect(event?.months ?? null).toBe(months);
  });

  it('names the qualifying diagnosis, the first by sequence', () => {
    const event = firstClaimEvent(VOE12, episode, [inpatient('IP1', '2026-11-02', ['R0789', 'D5745', 'D5700'])]);
    expect(event?.source === 'CLAIM' && event.diagnosisCode).toBe('D5745');
  });

  it('a beneficiary without an MSIS id has no claim events', () => {
    const counting = [inpatient('IP1', '2026-11-02', ['D5700'], { msisId: null })];
    expect(firstClaimEvent(VOE12, { ...episode, msisId: null }, counting)).toBeNull();
  });

  it('an admission without ADMISSION-DATE is not an event', () => {
    expect(
      firstClaimEvent(VOE12, episode, [
        claim({ fileType: 'CIP', admissionDate: null, diagnoses: [{ seq: 1, code: 'D5700' }] }),
      ]),
    ).toBeNull();
  });
});

describe('REPORTED_EVENT benchmarks from observations', () => {
  const reported: Benchmark = { ...VOE12, code: 'REG', measure: 'REPORTED_EVENT', diagnosisPrefixes: [] };
  const obs = (id: string, eventDate: string, eventCode = 'GRAFT_FAILURE', episodeKey = 'EP'): OutcomeObservation => ({
    id,
    episodeKey,
    eventDate,
    eventCode,
    evidenceRef: 'registry-1',
  });
  const episode = { episodeKey: 'EP', administrationDate: '2026-03-10' };

  it.each<[string, Benchmark, OutcomeObservation[], string | null]>([
    ['any code when prefixes are empty', reported, [obs('o1', '2026-06-01')], 'o1'],
    ['another episode', reported, [obs('o1', '2026-06-01', 'X', 'OTHER')], null],
    ['inside the washout', reported, [obs('o1', '2026-04-09')], null],
    ['after the window', reported, [obs('o1', '2029-03-10')], null],
    [
      'prefix must match when given',
      { ...reported, diagnosisPrefixes: ['D570'] },
      [obs('o1', '2026-06-01', 'GF')],
      null,
    ],
    ['prefix match', { ...reported, diagnosisPrefixes: ['D570'] }, [obs('o1', '2026-06-01', 'D5701')], 'o1'],
    ['the earliest event decides', reported, [obs('o2', '2026-09-01'), obs('o9', '2026-06-01')], 'o9'],
    ['same date: the lower observation id decides', reported, [obs('o2', '2026-06-01'), obs('o1', '2026-06-01')], 'o1'],
  ])('%s', (_case, benchmark, observations, expected) => {
    const event = firstObservationEvent(benchmark, episode, observations);
    expect(event?.source === 'OBSERVATION' ? event.observation.id : null).toBe(expected);
  });
});

describe('benchmark status (rebate-rules section 5)', () => {
  const voe = { measure: 'VOE_HOSPITALIZATION' as const };
  const reported = { measure: 'REPORTED_EVENT' as const };
  it.each([
    ['an event: NOT_MET', voe, true, '2029-03-10', '2030-01-31', '2026-04-01', 'NOT_MET'],
    ['an event, window ended: still NOT_MET', voe, true, '2029-03-10', '2030-01-31', '2030-04-01', 'NOT_MET'],
    ['no CLAIMIP file yet: PENDING', voe, false, '2029-03-10', null, '2030-04-01', 'PENDING'],
    ['window ends after the CLAIMIP data: PENDING', voe, false, '2029-03-10', '2029-02-28', '2030-04-01', 'PENDING'],
    ['window ends the day the CLAIMIP data ends: MET', voe, false, '2029-03-31', '2029-03-31', '2026-04-01', 'MET'],
    ['window ended before the CLAIMIP data ends: MET', voe, false, '2029-03-10', '2029-03-31', '2026-04-01', 'MET'],
    ['VOE ignores today', voe, false, '2029-03-10', '2029-02-28', '2035-01-01', 'PENDING'],
    ['reported: window ends today: MET', reported, false, '2029-03-10', null, '2029-03-10', 'MET'],
    ['reported: window ends tomorrow: PENDING', reported, false, '2029-03-10', '2035-01-01', '2029-03-09', 'PENDING'],
  ])('%s', (_case, benchmark, hasEvent, end, cipEnd, asOf, expected) => {
    expect(benchmarkStatus(benchmark, hasEvent, end, cipEnd, asOf)).toBe(expected);
  });
});
