import { cgtLinesOf, classifyLine, lineServiceDate, productByHcpcs } from './cgt-lines';
import { CASGEVY, CATALOG, claim, line } from './spec-builders';
import { type CatalogProduct } from './types';

const on = '2026-03-10';

describe('CGT line detection (rebate-rules section 3)', () => {
  it.each([
    // [case, NDC as sent, procedure code, product, flag, catalog NDC]
    ['package NDC 5-4-2 with its own HCPCS', '51167-0290-09', 'J3392', 'CASGEVY', null, '51167029009'],
    ['package NDC 5-3-2 (labeled form)', '51167-290-09', 'J3392', 'CASGEVY', null, '51167029009'],
    ['package NDC 11 digits', '51167029009', 'J3392', 'CASGEVY', null, '51167029009'],
    ['inner (vial) NDC', '51167-0290-01', 'J3392', 'CASGEVY', null, '51167029001'],
    ['catalog NDC with no procedure code', '51167029009', '', 'CASGEVY', null, '51167029009'],
    ['catalog NDC with a non-CGT procedure code', '51167029009', '96365', 'CASGEVY', null, '51167029009'],
    ['Lyfgenia NDC 5-4-1', '73554-1111-1', 'J3394', 'LYFGENIA', null, '73554111101'],
    [
      'Casgevy NDC billed with Lyfgenia HCPCS: NDC decides, flagged O',
      '51167029009',
      'J3394',
      'CASGEVY',
      'O',
      '51167029009',
    ],
    ['Lyfgenia NDC billed with Casgevy HCPCS', '73554111101', 'J3392', 'LYFGENIA', 'O', '73554111101'],
    ['HCPCS only, blank NDC: K', '', 'J3392', 'CASGEVY', 'K', null],
    ['HCPCS only, NDC of spaces: K', '   ', 'J3392', 'CASGEVY', 'K', null],
    ['HCPCS with another (non-CGT) NDC: O', '00002-1433-80', 'J3392', 'CASGEVY', 'O', null],
    ['HCPCS with a 10-digit ambiguous NDC: O (it matches nothing)', '5116729009', 'J3392', 'CASGEVY', 'O', null],
    ['HCPCS with a malformed NDC: O', 'ABC', 'J3394', 'LYFGENIA', 'O', null],
    ['lower-case HCPCS still matches', '', 'j3392', 'CASGEVY', 'K', null],
  ])('%s', (_case, ndcRaw, procedureCode, product, flag, catalogNdc) => {
    const cgt = classifyLine(line({ ndcRaw, procedureCode }), on, CATALOG);
    expect(cgt).not.toBeNull();
    expect(cgt?.product.code).toBe(product);
    expect(cgt?.flag).toBe(flag);
    expect(cgt?.catalogNdc).toBe(catalogNdc);
  });

  it.each([
    ['a plain drug line', '00002-1433-80', ''],
    ['a 10-digit NDC that would be Casgevy if it were unambiguous', '5116702909', ''],
    ['a blank line', '', ''],
    ['an office visit', '', '99213'],
    ['a non-CGT NDC with a non-CGT procedure code', '00069015001', 'J2405'],
  ])('not a CGT line: %s', (_case, ndcRaw, procedureCode) => {
    expect(classifyLine(line({ ndcRaw, procedureCode }), on, CATALOG)).toBeNull();
  });
});

describe('HCPCS codes count only while effective (catalog effective dates, inclusive)', () => {
  const dated: CatalogProduct = {
    ...CASGEVY,
    hcpcs: [
      { code: 'J3590', effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' },
      { code: 'J3392', effectiveFrom: '2025-01-01', effectiveTo: null },
    ],
  };
  it.each([
    ['J3392', '2024-12-31', null],
    ['J3392', '2025-01-01', 'CASGEVY'],
    ['J3392', '2031-06-30', 'CASGEVY'],
    ['J3590', '2024-01-01', 'CASGEVY'],
    ['J3590', '2024-12-31', 'CASGEVY'],
    ['J3590', '2025-01-01', null],
    ['', '2025-06-01', null],
  ])('%s on %s -> %s', (code, date, expected) => {
    expect(productByHcpcs(code, date, [dated])?.code ?? null).toBe(expected);
  });

  it('a HCPCS-only line dated before its code existed is not a CGT line', () => {
    expect(classifyLine(line({ ndcRaw: '', beginDate: '2024-12-31' }), '2024-12-31', CATALOG)).toBeNull();
  });

  it('a catalog NDC with another product HCPCS not yet effective is not flagged O', () => {
    const lyfLater: CatalogProduct = {
      ...CATALOG[1],
      hcpcs: [{ code: 'J3394', effectiveFrom: '2026-07-01', effectiveTo: null }],
    };
    expect(classifyLine(line({ procedureCode: 'J3394' }), '2026-03-10', [CASGEVY, lyfLater])?.flag).toBeNull();
    expect(classifyLine(line({ procedureCode: 'J3394' }), '2026-07-01', [CASGEVY, lyfLater])?.flag).toBe('O');
  });

  it.each([
    ['the line date', { beginDate: '2026-03-10' }, '2026-03-01', null, '2026-03-10'],
    ['the header date when the line has none', { beginDate: null }, '2026-03-01', null, '2026-03-01'],
    ['ADMISSION-DATE when neither has one', { beginDate: null }, null, '2026-02-27', '2026-02-27'],
    ['ADJUDICATION-DATE as the last resort', { beginDate: null }, null, null, '2026-03-12'],
  ])('judged on %s', (_case, lineOverrides, beginDate, admissionDate, expected) => {
    const version = claim({ beginDate, admissionDate, adjudicationDate: '2026-03-12' });
    expect(lineServiceDate(line(lineOverrides), version)).toBe(expected);
  });

  it('uses the header date to decide whether a HCPCS-only line without a date is a CGT line', () => {
    const before = claim({ beginDate: '2024-12-31', lines: [line({ ndcRaw: '', beginDate: null })] });
    const after = claim({ beginDate: '2025-01-01', lines: [line({ ndcRaw: '', beginDate: null })] });
    expect(cgtLinesOf(before, CATALOG)).toHaveLength(0);
    expect(cgtLinesOf(after, CATALOG)).toHaveLength(1);
  });
});

describe('cgtLinesOf', () => {
  it('keeps only CGT lines, in LINE-NUM-ORIG order whatever the record order', () => {
    const version = claim({
      lines: [
        line({ lineNumOrig: 3, recordNumber: 2, ndcRaw: '', procedureCode: 'J3392' }),
        line({ lineNumOrig: 2, recordNumber: 3, ndcRaw: '00002143380', procedureCode: '' }),
        line({ lineNumOrig: 1, recordNumber: 4, ndcRaw: '51167029001', procedureCode: '' }),
      ],
    });
    expect(cgtLinesOf(version, CATALOG).map((l) => [l.line.lineNumOrig, l.flag])).toEqual([
      [1, null],
      [3, 'K'],
    ]);
  });
});
