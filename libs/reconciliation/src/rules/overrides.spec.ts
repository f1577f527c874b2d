import { dec } from '@lib/common';
import { applyOverrides } from './overrides';
import { amounts } from './spec-builders';
import { type DesiredAmount, type DisputeOverride } from './types';

const desired: DesiredAmount[] = [
  { component: 'GUARANTEED', amount: dec('220000.00') },
  { component: 'VOLUME', amount: dec('0.00') },
  { component: 'OUTCOME:VOE12', amount: dec('1100000.00') },
];
const ov = (component: DisputeOverride['component'], amount: string, episodeKey = 'EP'): DisputeOverride => ({
  episodeKey,
  component,
  amount: dec(amount),
});

describe('dispute overrides: the agreed amount is the desired amount (rebate-rules section 8)', () => {
  it.each<[string, DisputeOverride[], Record<string, string>]>([
    ['no override', [], { GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '1100000.00' }],
    ['upheld at 0', [ov('OUTCOME:VOE12', '0')], { GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '0.00' }],
    [
      'upheld at an agreed amount',
      [ov('GUARANTEED', '150000.00')],
      { GUARANTEED: '150000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '1100000.00' },
    ],
    [
      'another episode is untouched',
      [ov('GUARANTEED', '0', 'OTHER')],
      { GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '1100000.00' },
    ],
    [
      'the last resolution for a component wins',
      [ov('GUARANTEED', '0'), ov('GUARANTEED', '50000.00')],
      { GUARANTEED: '50000.00', VOLUME: '0.00', 'OUTCOME:VOE12': '1100000.00' },
    ],
    [
      'a component the episode no longer computes still stands',
      [ov('OUTCOME:OLD', '1000.00')],
      { GUARANTEED: '220000.00', VOLUME: '0.00', 'OUTCOME:OLD': '1000.00', 'OUTCOME:VOE12': '1100000.00' },
    ],
  ])('%s', (_case, overrides, expected) => {
    expect(amounts(applyOverrides('EP', desired, overrides))).toEqual(expected);
  });

  it('keeps the cap-chain order of components', () => {
    const result = applyOverrides('EP', [...desired].reverse(), [ov('OUTCOME:AAA', '1')]);
    expect(result.map((d) => d.component)).toEqual(['GUARANTEED', 'VOLUME', 'OUTCOME:AAA', 'OUTCOME:VOE12']);
  });
});
