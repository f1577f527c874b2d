import { dec, ZERO } from '@lib/common';
import { capAmountOf, capOutcomes, guaranteedAmount, outcomeAmount, volumeAmount } from './episode-amounts';

describe('round() half-up to cents (rebate-rules section 5)', () => {
  it.each([
    ['2200000.00', '0.10', '220000.00'],
    ['2200000.00', '0.125', '275000.00'],
    ['100.04', '0.125', '12.51'],
    ['100.02', '0.125', '12.50'],
    ['2200000.01', '0.333333', '733332.60'],
    ['3100000.00', '0.000001', '3.10'],
    ['0.05', '0.1', '0.01'],
    ['0.04', '0.1', '0.00'],
    ['2200000.00', '0', '0.00'],
  ])('round(%s x %s) = %s', (wac, pct, expected) => {
    expect(guaranteedAmount(dec(wac), dec(pct)).toFixed(2)).toBe(expected);
    expect(outcomeAmount(dec(wac), dec(pct)).toFixed(2)).toBe(expected);
    expect(capAmountOf(dec(wac), dec(pct)).toFixed(2)).toBe(expected);
  });
});

describe('VOLUME cut to round(W x cap) - GUARANTEED (rebate-rules section 6)', () => {
  it.each([
    ['fits', '0.05', '1650000.00', '220000.00', '110000.00'],
    ['exactly fills the cap', '0.65', '1650000.00', '220000.00', '1430000.00'],
    ['cut to the room left', '0.70', '1650000.00', '220000.00', '1430000.00'],
    ['no room', '0.05', '220000.00', '220000.00', '0.00'],
    ['guaranteed above the cap: nothing, never negative', '0.05', '100000.00', '220000.00', '0.00'],
    ['rate 0', '0', '1650000.00', '220000.00', '0.00'],
  ])('%s', (_case, pct, cap, guaranteed, expected) => {
    expect(volumeAmount(dec('2200000.00'), dec(pct), dec(cap), dec(guaranteed)).toFixed(2)).toBe(expected);
  });
});

describe('the cap chain over outcome amounts (rebate-rules section 5)', () => {
  const o = (benchmarkCode: string, eventDate: string, uncapped: string) => ({
    benchmarkCode,
    eventDate,
    uncapped: dec(uncapped),
  });
  const run = (outcomes: ReturnType<typeof o>[], headroom: string) =>
    Object.fromEntries([...capOutcomes(outcomes, dec(headroom))].map(([k, v]) => [k, v.toFixed(2)]));

  it.each<[string, ReturnType<typeof o>[], string, Record<string, string>]>([
    [
      'one outcome inside the headroom',
      [o('VOE12', '2026-11-02', '1100000.00')],
      '1430000.00',
      { VOE12: '1100000.00' },
    ],
    ['one outcome cut to the headroom', [o('VOE12', '2026-11-02', '1100000.00')], '880000.00', { VOE12: '880000.00' }],
    [
      'one outcome exactly the headroom',
      [o('VOE12', '2026-11-02', '1100000.00')],
      '1100000.00',
      { VOE12: '1100000.00' },
    ],
    [
      'the earlier event is taken first, the later one cut',
      [o('AAA', '2027-02-01', '600000.00'), o('ZZZ', '2026-12-01', '1100000.00')],
      '1430000.00',
      { ZZZ: '1100000.00', AAA: '330000.00' },
    ],
    [
      'the later one cut to zero',
      [o('B1', '2026-12-01', '1430000.00'), o('B2', '2027-01-01', '100.00')],
      '1430000.00',
      { B1: '1430000.00', B2: '0.00' },
    ],
    [
      'same event date: benchmark code order',
      [o('VOE24', '2026-12-01', '1000000.00'), o('VOE12', '2026-12-01', '1000000.00')],
      '1430000.00',
      { VOE12: '1000000.00', VOE24: '430000.00' },
    ],
    ['no headroom at all', [o('VOE12', '2026-12-01', '1100000.00')], '0', { VOE12: '0.00' }],
    ['negative headroom behaves as none', [o('VOE12', '2026-12-01', '1100000.00')], '-5.00', { VOE12: '0.00' }],
    ['nothing to cap', [], '1430000.00', {}],
  ])('%s', (_case, outcomes, headroom, expected) => {
    expect(run(outcomes, headroom)).toEqual(expected);
  });

  it('does not depend on the order outcomes are given in', () => {
    const a = o('AAA', '2027-02-01', '600000.00');
    const z = o('ZZZ', '2026-12-01', '1100000.00');
    expect(run([a, z], '1430000.00')).toEqual(run([z, a], '1430000.00'));
  });

  it('keeps ZERO distinct from a missing benchmark', () => {
    expect(capOutcomes([], ZERO).size).toBe(0);
  });
});
