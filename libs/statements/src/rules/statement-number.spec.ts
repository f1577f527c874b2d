import { parseStatementNumber, statementNumber } from './statement-number';

describe('statement number', () => {
  it.each<[string, string, string, number, string]>([
    ['NY', '51167', '2026Q1', 1, 'CGT-NY-51167-2026Q1'],
    ['CA', '51167', '2026Q4', 1, 'CGT-CA-51167-2026Q4'],
    ['DC', '00069', '2027Q2', 1, 'CGT-DC-00069-2027Q2'],
    ['PR', '51167', '2026Q1', 2, 'CGT-PR-51167-2026Q1-2'],
    ['NY', '51167', '2026Q1', 12, 'CGT-NY-51167-2026Q1-12'],
  ])('%s %s %s #%i -> %s', (state, labelerCode, quarter, sequence, expected) => {
    const n = statementNumber({ state, labelerCode, quarter }, sequence);
    expect(n).toBe(expected);
    expect(parseStatementNumber(n)).toEqual({ state, labelerCode, quarter, sequence });
  });

  it('defaults to the first sequence', () => {
    expect(statementNumber({ state: 'NY', labelerCode: '51167', quarter: '2026Q1' })).toBe('CGT-NY-51167-2026Q1');
  });

  it.each<[string, string, string, number, string]>([
    ['ny', '51167', '2026Q1', 1, 'USPS'],
    ['36', '51167', '2026Q1', 1, 'USPS'],
    ['NY', '5116', '2026Q1', 1, 'labeler'],
    ['NY', '51167-0290', '2026Q1', 1, 'labeler'],
    ['NY', '51167', '2026Q5', 1, 'quarter'],
    ['NY', '51167', '2026-Q1', 1, 'quarter'],
    ['NY', '51167', '2026Q1', 0, 'sequence'],
    ['NY', '51167', '2026Q1', 1.5, 'sequence'],
  ])('refuses %s %s %s #%p (%s)', (state, labelerCode, quarter, sequence, what) => {
    expect(() => statementNumber({ state, labelerCode, quarter }, sequence)).toThrow(what);
  });

  it.each(['', 'CGT-NY-51167-2026Q5', 'CGT-NY-51167-2026Q1-1', 'CGT-NY-51167-2026Q1-0', 'cgt-NY-51167-2026Q1', 'X'])(
    'does not parse %j',
    (text) => {
      expect(parseStatementNumber(text)).toBeNull();
    },
  );

  it('differs for every key', () => {
    const numbers = new Set(
      ['NY', 'CA'].flatMap((state) =>
        ['51167', '00069'].flatMap((labelerCode) =>
          ['2026Q1', '2026Q2'].map((quarter) => statementNumber({ state, labelerCode, quarter })),
        ),
      ),
    );
    expect(numbers.size).toBe(8);
  });
});
