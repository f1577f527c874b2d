import { Kind } from 'graphql';
import { Dec } from '../money/decimal';
import { DateScalar } from './date.scalar';
import { DecimalScalar, MoneyScalar } from './decimal.scalar';

describe('scalars', () => {
  it('Decimal: string on the wire, exact decimal inside', () => {
    expect(DecimalScalar.parseValue('0.125').equals(new Dec('0.125'))).toBe(true);
    expect(DecimalScalar.serialize(new Dec('0.1000'))).toBe('0.1');
    expect(() => DecimalScalar.parseValue(0.1)).toThrow(/send decimals as strings/);
    expect(() => DecimalScalar.parseValue('1e3')).toThrow(/expected digits/);
    expect(() => DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: '0.1' })).toThrow(/strings/);
  });

  it('Money: two decimals out, at most two in', () => {
    expect(MoneyScalar.serialize(new Dec('220000'))).toBe('220000.00');
    expect(MoneyScalar.serialize('-1100000')).toBe('-1100000.00');
    expect(() => MoneyScalar.parseValue('1.005')).toThrow(/at most 2 decimal places/);
  });

  it('Date: YYYY-MM-DD, real calendar dates only', () => {
    expect(DateScalar.parseValue('2026-03-10')).toBe('2026-03-10');
    expect(DateScalar.serialize('2024-02-29')).toBe('2024-02-29');
    expect(() => DateScalar.parseValue('2026-02-30')).toThrow(/real calendar date/);
    expect(() => DateScalar.parseValue('03/10/2026')).toThrow(/YYYY-MM-DD/);
  });
});
