import { Dec, decimalTransformer, formatCurrency, formatMoney, isDecimalText, roundCents } from './decimal';

describe('exact money', () => {
  it.each([
    ['2200000.00', '0.10', '220000.00'],
    ['2200000.00', '0.50', '1100000.00'],
    ['3100000', '0.125', '387500.00'],
    ['0.10', '0.05', '0.01'],
    ['0.10', '0.049999', '0.00'],
    ['1234567.89', '0.333333', '411522.22'],
  ])('%s x %s rounds half-up to %s', (amount, pct, expected) => {
    expect(formatMoney(roundCents(new Dec(amount).times(pct)))).toBe(expected);
  });

  it('rounds .5 away from zero, also for negatives', () => {
    expect(formatMoney(roundCents(new Dec('0.125')))).toBe('0.13');
    expect(formatMoney(roundCents(new Dec('-0.125')))).toBe('-0.13');
  });

  it('never goes through a binary float (0.1 + 0.2)', () => {
    expect(new Dec('0.1').plus('0.2').toFixed()).toBe('0.3');
  });

  it.each([
    ['12', true],
    ['-12.50', true],
    ['0.000001', true],
    ['1e5', false],
    ['12.', false],
    ['.5', false],
    ['', false],
  ])('isDecimalText(%s) = %s', (text, expected) => {
    expect(isDecimalText(text)).toBe(expected);
  });

  it('maps Postgres numeric text to and from Dec without loss', () => {
    const from = decimalTransformer.from as (v: string | null) => Dec | null;
    const to = decimalTransformer.to as (v: Dec | null) => string | null;
    expect(to(from('12345678901234567890.123456'))).toBe('12345678901234567890.123456');
    expect(from(null)).toBeNull();
  });
});

describe('formatCurrency: money as printed (README "Portal")', () => {
  it.each([
    ['1540000', '$1,540,000.00'],
    ['-1100000', '-$1,100,000.00'],
    ['0', '$0.00'],
    ['999.995', '$1,000.00'],
    ['-0.004', '$0.00'],
    ['123', '$123.00'],
    ['1234.5', '$1,234.50'],
    ['1234567890123.45', '$1,234,567,890,123.45'],
  ])('%s -> %s', (value, expected) => {
    expect(formatCurrency(new Dec(value))).toBe(expected);
  });
});
