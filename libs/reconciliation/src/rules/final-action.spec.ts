import { countingVersions, countsAsUtilization, finalActionOf, groupFamilies } from './final-action';
import { claim, replacementOf, voidOf } from './spec-builders';
import { type ClaimVersion } from './types';

const orig = claim({ icnOrig: 'F1', adjudicationDate: '2026-03-12', receiptSeq: 1, recordNumber: 10 });

describe('final action per claim family (rebate-rules section 2.1)', () => {
  it.each<[string, ClaimVersion[], string]>([
    ['a lone original is its own final action', [orig], orig.id],
    [
      'the latest ADJUDICATION-DATE wins',
      [orig, replacementOf(orig, { adjudicationDate: '2026-04-01', receiptSeq: 2 })],
      replacementOf(orig, { adjudicationDate: '2026-04-01', receiptSeq: 2 }).id,
    ],
    [
      'a later adjudication wins even when received earlier',
      [replacementOf(orig, { adjudicationDate: '2026-05-01', receiptSeq: 1 }), claim({ ...orig, receiptSeq: 2 })],
      replacementOf(orig, { adjudicationDate: '2026-05-01', receiptSeq: 1 }).id,
    ],
    [
      'an earlier-adjudicated version received later does not win',
      [orig, replacementOf(orig, { adjudicationDate: '2026-03-01', receiptSeq: 5 })],
      orig.id,
    ],
    [
      'same ADJUDICATION-DATE: the later submission wins',
      [
        replacementOf(orig, { id: 'late', adjudicationDate: '2026-03-12', receiptSeq: 3, recordNumber: 1 }),
        replacementOf(orig, { id: 'early', adjudicationDate: '2026-03-12', receiptSeq: 2, recordNumber: 99 }),
      ],
      'late',
    ],
    [
      'same ADJUDICATION-DATE and submission: the higher RECORD-NUMBER wins',
      [
        replacementOf(orig, { id: 'r7', adjudicationDate: '2026-03-12', receiptSeq: 2, recordNumber: 7 }),
        replacementOf(orig, { id: 'r12', adjudicationDate: '2026-03-12', receiptSeq: 2, recordNumber: 12 }),
        replacementOf(orig, { id: 'r9', adjudicationDate: '2026-03-12', receiptSeq: 2, recordNumber: 9 }),
      ],
      'r12',
    ],
    [
      'listing order does not matter',
      [
        replacementOf(orig, { id: 'r12', adjudicationDate: '2026-03-12', receiptSeq: 2, recordNumber: 12 }),
        replacementOf(orig, { id: 'r7', adjudicationDate: '2026-03-12', receiptSeq: 2, recordNumber: 7 }),
      ],
      'r12',
    ],
    [
      'a void received before its original still wins with a later ADJUDICATION-DATE',
      [voidOf(orig, { id: 'void', adjudicationDate: '2026-03-28', receiptSeq: 1 }), claim({ ...orig, receiptSeq: 2 })],
      'void',
    ],
    [
      'a replacement after a void revives the family',
      [
        orig,
        voidOf(orig, { id: 'void', adjudicationDate: '2026-03-28', receiptSeq: 2 }),
        replacementOf(orig, { id: 'rep', adjudicationDate: '2026-04-10', receiptSeq: 3 }),
      ],
      'rep',
    ],
  ])('%s', (_case, family, expectedId) => {
    expect(finalActionOf(family).id).toBe(expectedId);
  });

  it('groups families by (state, ICN-ORIG): the same ICN in two states is two families', () => {
    const families = groupFamilies([orig, claim({ ...orig, id: 'ga', stateCode: 'GA' }), claim({ icnOrig: 'F2' })]);
    expect([...families.keys()].sort()).toEqual(['GA|F1', 'NY|F1', 'NY|F2']);
  });
});

describe('which final actions count as utilization (rebate-rules section 2.2)', () => {
  it.each([
    ['1', true],
    ['3', true],
    ['A', true],
    ['C', true],
    ['2', false],
    ['4', false],
    ['5', false],
    ['B', false],
    ['D', false],
    ['E', false],
    ['U', false],
    ['X', false],
    ['Z', false],
  ])('TYPE-OF-CLAIM %s counts: %s', (typeOfClaim, expected) => {
    expect(countsAsUtilization(claim({ typeOfClaim }))).toBe(expected);
  });

  it.each([
    ['F1', true],
    ['F3', true],
    ['P2', true],
    ['F2', false],
  ])('CLAIM-STATUS-CATEGORY %s counts: %s', (claimStatus, expected) => {
    expect(countsAsUtilization(claim({ claimStatus }))).toBe(expected);
  });

  it('a void never counts', () => {
    expect(countsAsUtilization(voidOf(orig))).toBe(false);
  });

  it.each<[string, ClaimVersion[], string[]]>([
    ['a paid original', [orig], [orig.id]],
    ['a family voided later', [orig, voidOf(orig, { adjudicationDate: '2026-04-01', receiptSeq: 2 })], []],
    [
      'a family denied by its replacement',
      [orig, replacementOf(orig, { adjudicationDate: '2026-04-01', receiptSeq: 2, claimStatus: 'F2' })],
      [],
    ],
    [
      'a denied original paid by its replacement',
      [
        claim({ ...orig, claimStatus: 'F2' }),
        replacementOf(orig, { id: 'paid', adjudicationDate: '2026-04-01', receiptSeq: 2 }),
      ],
      ['paid'],
    ],
    [
      'a replacement turning the claim into a capitation payment (type 2)',
      [orig, replacementOf(orig, { adjudicationDate: '2026-04-01', receiptSeq: 2, typeOfClaim: '2' })],
      [],
    ],
    [
      'a void that is not the final action (adjudicated before the replacement)',
      [
        voidOf(orig, { adjudicationDate: '2026-03-20', receiptSeq: 3 }),
        replacementOf(orig, { id: 'rep', adjudicationDate: '2026-03-25', receiptSeq: 2 }),
      ],
      ['rep'],
    ],
  ])('counting versions: %s', (_case, versions, expected) => {
    expect(countingVersions(versions).map((v) => v.id)).toEqual(expected);
  });
});
