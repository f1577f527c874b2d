import { dec } from '@lib/common';
import { ledgerDeltas } from './ledger-deltas';
import { type Component, type EpisodeComponentAmount, type EpisodeComponentSum } from './types';

const want = (episodeKey: string, component: Component, amount: string): EpisodeComponentAmount => ({
  episodeKey,
  component,
  amount: dec(amount),
});
const had = (episodeKey: string, component: Component, sum: string): EpisodeComponentSum => ({
  episodeKey,
  component,
  sum: dec(sum),
});
const text = (rows: EpisodeComponentAmount[]) =>
  rows.map((r) => `${r.episodeKey} ${r.component} ${r.amount.toFixed(2)}`);

describe('ledger deltas: entry = desired - sum so far (rebate-rules section 7)', () => {
  it.each<[string, EpisodeComponentAmount[], EpisodeComponentSum[], string[]]>([
    ['first desired amount', [want('E1', 'GUARANTEED', '220000.00')], [], ['E1 GUARANTEED 220000.00']],
    ['no-op when equal', [want('E1', 'GUARANTEED', '220000.00')], [had('E1', 'GUARANTEED', '220000.00')], []],
    [
      'no-op when equal at a different scale',
      [want('E1', 'GUARANTEED', '220000')],
      [had('E1', 'GUARANTEED', '220000.00')],
      [],
    ],
    ['a zero desire with nothing booked appends nothing', [want('E1', 'VOLUME', '0.00')], [], []],
    [
      'an increase',
      [want('E1', 'OUTCOME:VOE12', '1100000.00')],
      [had('E1', 'OUTCOME:VOE12', '660000.00')],
      ['E1 OUTCOME:VOE12 440000.00'],
    ],
    [
      'a decrease (volume close shrinking an outcome)',
      [want('E1', 'OUTCOME:VOE12', '990000.00')],
      [had('E1', 'OUTCOME:VOE12', '1100000.00')],
      ['E1 OUTCOME:VOE12 -110000.00'],
    ],
    [
      'a reversal to zero',
      [want('E1', 'OUTCOME:VOE12', '0')],
      [had('E1', 'OUTCOME:VOE12', '1100000.00')],
      ['E1 OUTCOME:VOE12 -1100000.00'],
    ],
    [
      'a vanished episode is reversed in full',
      [],
      [had('E1', 'GUARANTEED', '220000.00'), had('E1', 'OUTCOME:VOE12', '660000.00')],
      ['E1 GUARANTEED -220000.00', 'E1 OUTCOME:VOE12 -660000.00'],
    ],
    [
      'a vanished component is reversed',
      [want('E1', 'GUARANTEED', '220000.00')],
      [had('E1', 'GUARANTEED', '220000.00'), had('E1', 'OUTCOME:OLD', '5.00')],
      ['E1 OUTCOME:OLD -5.00'],
    ],
    ['a vanished episode whose entries already net to zero', [], [had('E1', 'GUARANTEED', '0.00')], []],
    [
      'partial sums of one component add up',
      [want('E1', 'GUARANTEED', '220000.00')],
      [had('E1', 'GUARANTEED', '100000.00'), had('E1', 'GUARANTEED', '120000.00')],
      [],
    ],
    [
      'a negative sum (over-reversed) is brought back',
      [want('E1', 'GUARANTEED', '220000.00')],
      [had('E1', 'GUARANTEED', '-220000.00')],
      ['E1 GUARANTEED 440000.00'],
    ],
    [
      'cents are exact',
      [want('E1', 'GUARANTEED', '0.30')],
      [had('E1', 'GUARANTEED', '0.10'), had('E1', 'GUARANTEED', '0.20')],
      [],
    ],
  ])('%s', (_case, desired, existing, expected) => {
    expect(text(ledgerDeltas(desired, existing))).toEqual(expected);
  });

  it('orders by episode, then GUARANTEED, VOLUME, OUTCOME:<code>', () => {
    const result = ledgerDeltas(
      [
        want('E2', 'OUTCOME:B', '1'),
        want('E2', 'OUTCOME:A', '1'),
        want('E2', 'VOLUME', '1'),
        want('E1', 'OUTCOME:A', '1'),
        want('E2', 'GUARANTEED', '1'),
      ],
      [had('E0', 'VOLUME', '1')],
    );
    expect(result.map((r) => `${r.episodeKey} ${r.component}`)).toEqual([
      'E0 VOLUME',
      'E1 OUTCOME:A',
      'E2 GUARANTEED',
      'E2 VOLUME',
      'E2 OUTCOME:A',
      'E2 OUTCOME:B',
    ]);
  });

  it('applying the deltas and reconciling again appends nothing', () => {
    const desired = [want('E1', 'GUARANTEED', '220000.00'), want('E1', 'OUTCOME:VOE12', '660000.00')];
    const first = ledgerDeltas(desired, [had('E1', 'OUTCOME:VOE12', '1100000.00')]);
    const sums = [
      had('E1', 'OUTCOME:VOE12', '1100000.00'),
      ...first.map((d) => had(d.episodeKey, d.component, d.amount.toFixed())),
    ];
    expect(ledgerDeltas(desired, sums)).toEqual([]);
  });

  it('refuses a desired amount listed twice (a caller bug, not a sum)', () => {
    expect(() => ledgerDeltas([want('E1', 'GUARANTEED', '1'), want('E1', 'GUARANTEED', '2')], [])).toThrow(
      /listed twice/,
    );
  });
});
