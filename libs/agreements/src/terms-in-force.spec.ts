import { versionInForce } from './terms-in-force';

const ORIGINAL = { id: 'v1', effectiveFrom: null };
const AMENDMENT_1 = { id: 'v3', effectiveFrom: '2027-01-01' };
const AMENDMENT_2 = { id: 'v5', effectiveFrom: '2029-07-01' };

describe('versionInForce (rebate-rules section 1: amendments replace terms from their date)', () => {
  it.each([
    ['2025-03-10', 'v1'],
    ['2026-12-31', 'v1'],
    ['2027-01-01', 'v3'],
    ['2029-06-30', 'v3'],
    ['2029-07-01', 'v5'],
    ['2030-12-31', 'v5'],
  ])('on %s the terms of %s apply', (date, expected) => {
    expect(versionInForce([ORIGINAL, AMENDMENT_1, AMENDMENT_2], date)?.id).toBe(expected);
    expect(versionInForce([AMENDMENT_2, AMENDMENT_1, ORIGINAL], date)?.id).toBe(expected);
  });

  it('answers null without an executed original', () => {
    expect(versionInForce([], '2026-01-01')).toBeNull();
  });
});
