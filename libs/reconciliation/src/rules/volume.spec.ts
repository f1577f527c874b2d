import { dec } from '@lib/common';
import { reachedVolumeTier, volumeRateFor, volumeTierPct } from './volume';

describe('volume tier at a year close (rebate-rules section 6)', () => {
  const tiers = [
    { minTreatments: 100, additionalRebatePct: dec('0.05') },
    { minTreatments: 10, additionalRebatePct: dec('0.02') },
    { minTreatments: 250, additionalRebatePct: dec('0.08') },
  ];
  it.each([
    [0, '0'],
    [9, '0'],
    [10, '0.02'],
    [99, '0.02'],
    [100, '0.05'],
    [249, '0.05'],
    [250, '0.08'],
    [10_000, '0.08'],
  ])('%s eligible episodes -> %s', (n, expected) => {
    expect(volumeTierPct(tiers, n).toString()).toBe(expected);
  });

  it('no tiers -> 0', () => {
    expect(volumeTierPct([], 500).isZero()).toBe(true);
  });
});

describe('the in-force rate for an episode: calendar year of its date', () => {
  const rates = [
    { agreementId: 'AG-C', year: 2026, pct: dec('0.02') },
    { agreementId: 'AG-C', year: 2027, pct: dec('0.05') },
    { agreementId: 'AG-L', year: 2026, pct: dec('0.08') },
  ];
  it.each([
    ['AG-C', '2026-01-01', '0.02'],
    ['AG-C', '2026-12-31', '0.02'],
    ['AG-C', '2027-01-01', '0.05'],
    ['AG-C', '2028-06-01', null],
    ['AG-L', '2026-06-01', '0.08'],
    ['AG-X', '2026-06-01', null],
  ])('%s dated %s -> %s', (agreementId, date, expected) => {
    expect(volumeRateFor(rates, agreementId, date)?.toString() ?? null).toBe(expected);
  });
});

describe('the tier reached names its threshold too', () => {
  const tiers = [
    { minTreatments: 3, additionalRebatePct: dec('0.05') },
    { minTreatments: 5, additionalRebatePct: dec('0.70') },
  ];
  it.each([
    [2, null],
    [3, 3],
    [4, 3],
    [5, 5],
  ])('%s eligible episodes -> tier %s', (n, min) => {
    expect(reachedVolumeTier(tiers, n)?.minTreatments ?? null).toBe(min);
  });
});
