import { dec } from '@lib/common';
import { describeMoney, describeNdc, describePeriod } from './plain-language';

describe('plain-language facts in exception reasons', () => {
  it.each([
    ['2200000', '$2,200,000.00'],
    ['-1100000', '-$1,100,000.00'],
    ['0', '$0.00'],
    ['-0', '$0.00'],
    ['999.995', '$1,000.00'],
    ['12.5', '$12.50'],
  ])('money %s -> %s', (value, expected) => {
    expect(describeMoney(dec(value))).toBe(expected);
  });

  it('NDC and period', () => {
    expect(describeNdc('51167029009', '51167029009')).toBe('NDC 51167-0290-09');
    expect(describeNdc('5116729009', null)).toBe('NDC 5116729009 (not a valid 11-digit NDC)');
    expect(describeNdc('', null)).toBe('a blank NDC');
    expect(describePeriod('2026-01-01', null)).toBe('from 2026-01-01 onwards');
    expect(describePeriod('2026-01-01', '2026-12-31')).toBe('from 2026-01-01 to 2026-12-31');
  });
});
