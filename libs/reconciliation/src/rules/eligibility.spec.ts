import { dec } from '@lib/common';
import { candidatesOf } from './candidates';
import { checkEligibility, episodeWarnings } from './eligibility';
import { agreement, CATALOG, claim, line, only } from './spec-builders';
import { type ClaimLine, type ExecutedAgreement } from './types';

const candidateOf = (lines: ClaimLine[], stateCode = 'NY') => only(candidatesOf(claim({ lines, stateCode }), CATALOG));

describe('episode eligibility: first failing check of O, K, U, J decides (rebate-rules section 4)', () => {
  it.each<[string, ClaimLine[], string, ExecutedAgreement[], string | null]>([
    ['a clean Casgevy line', [line()], 'NY', [agreement()], null],
    ['O: NDC and HCPCS disagree', [line({ procedureCode: 'J3394' })], 'NY', [agreement()], 'O'],
    ['O: HCPCS with a foreign NDC', [line({ ndcRaw: '00002143380' })], 'NY', [agreement()], 'O'],
    ['O: HCPCS with a 10-digit ambiguous NDC', [line({ ndcRaw: '5116729009' })], 'NY', [agreement()], 'O'],
    ['O beats K, U and J', [line({ ndcRaw: '00002143380', paid: dec(0) })], 'GA', [], 'O'],
    [
      'O on any line even if another line is clean',
      [line(), line({ lineNumOrig: 2, procedureCode: 'J3394' })],
      'NY',
      [agreement()],
      'O',
    ],
    ['K: HCPCS only', [line({ ndcRaw: '' })], 'NY', [agreement()], 'K'],
    ['K beats U and J', [line({ ndcRaw: '', paid: dec(0) })], 'GA', [], 'K'],
    [
      'not K when one line has the NDC and another is HCPCS only',
      [line({ ndcRaw: '' }), line({ lineNumOrig: 2, paid: dec(0) })],
      'NY',
      [agreement()],
      null,
    ],
    ['U: a non-participating state', [line()], 'GA', [agreement()], 'U'],
    ['U: no agreement at all', [line()], 'NY', [], 'U'],
    ['U beats J', [line({ paid: dec(0) })], 'GA', [agreement()], 'U'],
    ['J: paid 0', [line({ paid: dec('0.00') })], 'NY', [agreement()], 'J'],
    ['J: paid negative', [line({ paid: dec('-2200000.00') })], 'NY', [agreement()], 'J'],
    ['not J: paid one cent', [line({ paid: dec('0.01') })], 'NY', [agreement()], null],
  ])('%s', (_case, lines, state, agreements, expected) => {
    const result = checkEligibility(candidateOf(lines, state), agreements);
    expect(result.code).toBe(expected);
    expect(result.reason === null).toBe(expected === null);
  });

  it.each([
    [
      'O',
      [line({ procedureCode: 'J3394' })],
      'Line 1 bills NDC 51167-0290-09 (CASGEVY) with HCPCS J3394, which is the code of LYFGENIA',
    ],
    ['O', [line({ ndcRaw: '5116729009' })], 'NDC 5116729009 (not a valid 11-digit NDC), which is not a CASGEVY NDC'],
    ['K', [line({ ndcRaw: '' })], 'billed by HCPCS J3392 only, with no NDC: an NDC is required for a rebate'],
    ['J', [line({ paid: dec('-5.00') })], 'Medicaid paid -$5.00'],
  ])('the %s reason names the facts', (_code, lines, text) => {
    expect(checkEligibility(candidateOf(lines), [agreement()]).reason).toContain(text);
  });

  it('resolves the agreement even for an O/K episode, so the analyst sees the terms', () => {
    expect(checkEligibility(candidateOf([line({ ndcRaw: '' })]), [agreement()]).match?.agreement.agreementId).toBe(
      'AG-C',
    );
  });
});

describe('warnings on an ELIGIBLE episode (rebate-rules section 4)', () => {
  const wac = dec('2200000.00');
  it.each<[string, ClaimLine[], string[]]>([
    ['billing unit UN', [line({ uom: 'UN' })], []],
    ['lower-case un is still UN', [line({ uom: 'un' })], []],
    ['D: unit EA', [line({ uom: 'EA' })], ['D']],
    ['D: unit ML on a second line', [line(), line({ lineNumOrig: 2, uom: 'ML', paid: dec(0) })], ['D']],
    ['blank unit is not D (nothing contradicts the billing unit)', [line({ uom: '' })], []],
    ['P: paid one cent above WAC', [line({ paid: dec('2200000.01') })], ['P']],
    ['not P: paid exactly WAC', [line({ paid: dec('2200000.00') })], []],
    ['D and P together', [line({ uom: 'F2', paid: dec('2500000') })], ['D', 'P']],
    [
      'P on the sum of the lines',
      [line({ paid: dec('1200000') }), line({ lineNumOrig: 2, paid: dec('1000000.01') })],
      ['P'],
    ],
  ])('%s', (_case, lines, expected) => {
    expect(episodeWarnings(candidateOf(lines), wac).map((w) => w.code)).toEqual(expected);
  });

  it('the reasons name units and amounts', () => {
    const warnings = episodeWarnings(candidateOf([line({ uom: 'EA', paid: dec('2300000') })]), wac);
    expect(warnings.map((w) => w.reason)).toEqual([
      "NDC unit of measure differs from CASGEVY's billing unit UN: line 1 reports EA.",
      'Medicaid paid $2,300,000.00 for the CASGEVY administration on 2026-03-10, above the WAC of $2,200,000.00 in effect on that date.',
    ]);
  });
});
