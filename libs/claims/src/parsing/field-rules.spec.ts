import { isAmount, isDate, isDigits, isInteger, isQuantity, toIsoDate, trimSpaces, truncateValue } from './field-rules';

describe('field rules', () => {
  it.each([
    ['20260312', true],
    ['20240229', true],
    ['20000229', true],
    ['19000229', false],
    ['21000229', false],
    ['20250229', false],
    ['20260131', true],
    ['20260132', false],
    ['20260430', true],
    ['20260431', false],
    ['20261231', true],
    ['20261301', false],
    ['20260001', false],
    ['20260100', false],
    ['00010101', true],
    ['00000101', false],
    ['99991231', true],
    ['2026031', false],
    ['202603121', false],
    ['2026031a', false],
    ['', false],
  ])('isDate(%j) = %s', (value, expected) => {
    expect(isDate(value)).toBe(expected);
  });

  it.each([
    ['0', true, true],
    ['12', true, true],
    ['-12', true, true],
    ['12.3', true, true],
    ['12.34', true, true],
    ['12.345', false, true],
    ['12.3456', false, false],
    ['-0.001', false, true],
    ['', false, false],
    ['-', false, false],
    ['.5', false, false],
    ['5.', false, false],
    ['+5', false, false],
    ['1e3', false, false],
    ['1,000', false, false],
    ['--1', false, false],
    ['999999999999999', true, true],
    ['9999999999999999', false, false],
  ])('isAmount(%j) = %s, isQuantity = %s', (value, amount, quantity) => {
    expect(isAmount(value)).toBe(amount);
    expect(isQuantity(value)).toBe(quantity);
  });

  it.each([
    ['0', true],
    ['0042', true],
    ['123456789012345', true],
    ['1234567890123456', false],
    ['', false],
    ['-1', false],
    ['1.0', false],
    [' 1', false],
  ])('isInteger(%j) = %s', (value, expected) => {
    expect(isInteger(value)).toBe(expected);
  });

  it.each([
    ['1234567893', 10, true],
    ['123456789', 10, false],
    ['12345678 3', 10, false],
    ['0892', 4, true],
    ['892', 4, false],
  ])('isDigits(%j, %i) = %s', (value, length, expected) => {
    expect(isDigits(value, length)).toBe(expected);
  });

  it.each([
    ['abc', 'abc'],
    ['  abc ', 'abc'],
    ['   ', ''],
    ['a b', 'a b'],
    ['\tabc', '\tabc'],
  ])('trimSpaces(%j) = %j (spaces only)', (value, expected) => {
    expect(trimSpaces(value)).toBe(expected);
  });

  it('formats dates and truncates quoted values', () => {
    expect(toIsoDate('20260312')).toBe('2026-03-12');
    expect(truncateValue('x'.repeat(60))).toBe('x'.repeat(60));
    expect(truncateValue('x'.repeat(61))).toBe(`${'x'.repeat(60)}...`);
  });
});
