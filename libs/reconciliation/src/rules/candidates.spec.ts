import { dec } from '@lib/common';
import { candidatesOf, episodeKeyOf, findCandidates, groupEpisodes } from './candidates';
import { countingVersions } from './final-action';
import { CASGEVY, CATALOG, claim, line, only, replacementOf, voidOf } from './spec-builders';
import { type ClaimLine, type ClaimVersion } from './types';

describe('one candidate administration per (counting version, product) (rebate-rules section 3)', () => {
  it.each<[string, Partial<ClaimVersion>, string]>([
    [
      'the earliest line date',
      { lines: [line({ beginDate: '2026-03-11' }), line({ beginDate: '2026-03-09' })] },
      '2026-03-09',
    ],
    [
      'the earliest line date, ignoring lines without one',
      { beginDate: '2026-03-01', lines: [line({ beginDate: null }), line({ beginDate: '2026-03-09' })] },
      '2026-03-09',
    ],
    [
      'the header date when no line has one',
      { beginDate: '2026-03-08', lines: [line({ beginDate: null })] },
      '2026-03-08',
    ],
    [
      'ADMISSION-DATE when neither lines nor header have one',
      { beginDate: null, admissionDate: '2026-03-07', lines: [line({ beginDate: null })] },
      '2026-03-07',
    ],
    [
      'the line date even when the header says otherwise',
      { beginDate: '2026-03-01', lines: [line({ beginDate: '2026-03-10' })] },
      '2026-03-10',
    ],
  ])('date = %s', (_case, overrides, expected) => {
    expect(only(candidatesOf(claim(overrides), CATALOG)).date).toBe(expected);
  });

  it('paid = the sum of the product lines only, exactly', () => {
    const version = claim({
      lines: [
        line({ lineNumOrig: 1, paid: dec('1100000.01') }),
        line({ lineNumOrig: 2, ndcRaw: '51167029001', paid: dec('1099999.99') }),
        line({ lineNumOrig: 3, ndcRaw: '00002143380', procedureCode: '', paid: dec('500.00') }),
        line({ lineNumOrig: 4, ndcRaw: '', procedureCode: 'J3392', paid: dec('-0.10') }),
      ],
    });
    expect(only(candidatesOf(version, CATALOG)).paid.toFixed(2)).toBe('2199999.90');
  });

  it.each<[string, ClaimLine[], string | null]>([
    [
      'the first line by LINE-NUM-ORIG that has a catalog NDC',
      [line({ lineNumOrig: 2, ndcRaw: '51167029001' }), line({ lineNumOrig: 1, ndcRaw: '', procedureCode: 'J3392' })],
      '51167029001',
    ],
    [
      'inner before package when the inner line comes first',
      [line({ lineNumOrig: 2, ndcRaw: '51167029009' }), line({ lineNumOrig: 1, ndcRaw: '51167-0290-01' })],
      '51167029001',
    ],
    ['null when no line has one (HCPCS only)', [line({ ndcRaw: '' })], null],
  ])('NDC = %s', (_case, lines, expected) => {
    expect(only(candidatesOf(claim({ lines }), CATALOG)).ndc11).toBe(expected);
  });

  it('a claim with both products gives two candidates', () => {
    const version = claim({
      lines: [line(), line({ lineNumOrig: 2, ndcRaw: '73554-1111-1', procedureCode: 'J3394' })],
    });
    expect(candidatesOf(version, CATALOG).map((c) => c.product.code)).toEqual(['CASGEVY', 'LYFGENIA']);
  });

  it('a claim without CGT lines gives none', () => {
    expect(candidatesOf(claim({ lines: [line({ ndcRaw: '00002143380', procedureCode: '' })] }), CATALOG)).toEqual([]);
  });
});

describe('index administration, M and L (rebate-rules section 3)', () => {
  const group = (versions: ClaimVersion[]) => groupEpisodes(findCandidates(countingVersions(versions), CATALOG));

  it.each<[string, ClaimVersion[], string, [string, string][]]>([
    ['a single candidate', [claim()], 'ICN-A', []],
    [
      'same date: the lower ICN-ORIG is the index, the other M',
      [claim({ icnOrig: 'ICN-B' }), claim({ icnOrig: 'ICN-A' })],
      'ICN-A',
      [['ICN-B', 'M']],
    ],
    [
      'an earlier date wins over a lower ICN',
      [claim({ icnOrig: 'ICN-A', lines: [line({ beginDate: '2026-03-11' })] }), claim({ icnOrig: 'ICN-Z' })],
      'ICN-Z',
      [['ICN-A', 'L']],
    ],
    [
      'M and L relative to the index date',
      [
        claim({ icnOrig: 'ICN-C', lines: [line({ beginDate: '2026-09-01' })] }),
        claim({ icnOrig: 'ICN-B' }),
        claim({ icnOrig: 'ICN-A' }),
      ],
      'ICN-A',
      [
        ['ICN-B', 'M'],
        ['ICN-C', 'L'],
      ],
    ],
    [
      'the index family voided: the next candidate becomes the index',
      [
        claim({ icnOrig: 'ICN-A' }),
        voidOf(claim({ icnOrig: 'ICN-A' }), { adjudicationDate: '2026-04-01', receiptSeq: 2 }),
        claim({ icnOrig: 'ICN-B', lines: [line({ beginDate: '2026-05-01' })] }),
      ],
      'ICN-B',
      [],
    ],
    [
      'a replacement moving the index date after the other candidate swaps them',
      [
        claim({ icnOrig: 'ICN-A' }),
        replacementOf(claim({ icnOrig: 'ICN-A' }), {
          adjudicationDate: '2026-04-01',
          receiptSeq: 2,
          lines: [line({ beginDate: '2026-03-20' })],
        }),
        claim({ icnOrig: 'ICN-B', lines: [line({ beginDate: '2026-03-15' })] }),
      ],
      'ICN-B',
      [['ICN-A', 'L']],
    ],
    [
      'a replacement removing the CGT line removes the candidate',
      [
        claim({ icnOrig: 'ICN-A' }),
        replacementOf(claim({ icnOrig: 'ICN-A' }), {
          adjudicationDate: '2026-04-01',
          receiptSeq: 2,
          lines: [line({ ndcRaw: '00002143380', procedureCode: '' })],
        }),
        claim({ icnOrig: 'ICN-B' }),
      ],
      'ICN-B',
      [],
    ],
    [
      'a denied duplicate is no candidate at all',
      [claim({ icnOrig: 'ICN-A' }), claim({ icnOrig: 'ICN-B', claimStatus: 'F2' })],
      'ICN-A',
      [],
    ],
  ])('%s', (_case, versions, indexIcn, later) => {
    const g = only(group(versions));
    expect(g.index.version.icnOrig).toBe(indexIcn);
    expect(g.later.map((l) => [l.candidate.version.icnOrig, l.code])).toEqual(later);
  });

  it.each<[string, ClaimVersion[], number]>([
    [
      'different beneficiaries are different episodes',
      [claim({ icnOrig: 'A' }), claim({ icnOrig: 'B', msisId: 'MSIS-2' })],
      2,
    ],
    ['different states are different episodes', [claim({ icnOrig: 'A' }), claim({ icnOrig: 'B', stateCode: 'NJ' })], 2],
    [
      'different products are different episodes',
      [
        claim({ icnOrig: 'A' }),
        claim({ icnOrig: 'B', lines: [line({ ndcRaw: '73554111101', procedureCode: 'J3394' })] }),
      ],
      2,
    ],
    [
      'claims without an MSIS id are never duplicates of each other',
      [claim({ icnOrig: 'A', msisId: null }), claim({ icnOrig: 'B', msisId: null })],
      2,
    ],
  ])('%s', (_case, versions, count) => {
    expect(group(versions)).toHaveLength(count);
  });

  it('the episode key is (state, product, beneficiary, index ICN-ORIG), whatever version is final', () => {
    const a = claim({ icnOrig: 'NY2026030100017', msisId: 'MSIS00012345' });
    const replaced = replacementOf(a, { adjudicationDate: '2026-04-01', receiptSeq: 2 });
    expect(only(group([a])).episodeKey).toBe(`NY|${CASGEVY.productId}|MSIS00012345|NY2026030100017`);
    expect(only(group([a, replaced])).episodeKey).toBe(only(group([a])).episodeKey);
    expect(episodeKeyOf({ version: claim({ msisId: null }), product: CASGEVY })).toBe(`NY|${CASGEVY.productId}||ICN-A`);
  });
});
