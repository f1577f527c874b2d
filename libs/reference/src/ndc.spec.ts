import { formatNdc11, normalizeNdc } from './ndc';

describe('normalizeNdc (domain.md: NDC normalisation to 11 digits)', () => {
  it.each([
    ['51167-290-09', '51167029009', '5-3-2 pads the product segment'],
    ['51167-0290-09', '51167029009', '5-4-2 is already normal, hyphens removed'],
    ['73554-1111-1', '73554111101', '5-4-1 pads the package segment'],
    ['0002-1433-80', '00002143380', '4-4-2 pads the labeler segment'],
    ['51167029009', '51167029009', '11 digits without hyphens are normal'],
    ['  51167029009  ', '51167029009', 'surrounding spaces are trimmed'],
  ])('%s -> %s (%s)', (raw, expected) => {
    expect(normalizeNdc(raw)).toBe(expected);
  });

  it.each([
    ['5116729009', '10 digits without hyphens are ambiguous'],
    ['', 'blank'],
    ['51167-29-09', 'segment too short'],
    ['511670-290-09', 'labeler too long'],
    ['5116702900A', 'not digits'],
    ['51167-290-009', 'package too long'],
    ['4-4-2', 'not an NDC'],
    ['511670290091', '12 digits'],
  ])('%s -> null (%s)', (raw) => {
    expect(normalizeNdc(raw)).toBeNull();
  });

  it('formats NDC-11 as 5-4-2', () => {
    expect(formatNdc11('51167029009')).toBe('51167-0290-09');
  });
});
