import { hasPlainLabel, plainLabel, type LabelKind } from './plain-labels';

describe('plainLabel: codes in plain words (README "Portal")', () => {
  it.each<[string, LabelKind, string, string]>([
    // Components (rebate-rules sections 5 and 6)
    ['the guarantee paid at treatment', 'component', 'GUARANTEED', 'Guaranteed rebate'],
    ['the annual volume true-up', 'component', 'VOLUME', 'Volume rebate'],
    ['an outcome benchmark by its window', 'component', 'OUTCOME:VOE12', 'Outcome rebate: VOE within 12 months'],
    ['a one-month window in the singular', 'component', 'OUTCOME:VOE1', 'Outcome rebate: VOE within 1 month'],
    ['a benchmark code without a window', 'component', 'OUTCOME:CUSTOM_B', 'Outcome rebate: benchmark CUSTOM_B'],
    ['an empty benchmark is shown as stored', 'component', 'OUTCOME:', 'OUTCOME:'],
    ['an unknown component is shown as stored', 'component', 'BONUS', 'BONUS'],
    ['a benchmark on its own', 'benchmark', 'VOE24', 'VOE within 24 months'],
    ['a benchmark with leading zeros', 'benchmark', 'VOE06', 'VOE within 6 months'],
    // Causes of ledger entries and statement lines (section 7)
    ['a claim file (ledger)', 'cause', 'SUBMISSION', 'Claims'],
    ['claims (statement line)', 'cause', 'CLAIMS', 'Claims'],
    ['an upheld dispute', 'cause', 'DISPUTE_RESOLUTION', 'Dispute resolution'],
    ['an executed amendment', 'cause', 'AMENDMENT', 'Agreement amendment'],
    ['a participation change (ledger)', 'cause', 'PARTICIPATION', 'State participation change'],
    ['a participation change (statement line)', 'cause', 'PARTICIPATION_CHANGE', 'State participation change'],
    ['a contract year close', 'cause', 'YEAR_CLOSE', 'Contract year close'],
    ['a state-reported outcome', 'cause', 'OBSERVATION', 'Outcome reported by the state'],
    ['an unknown cause is shown as stored', 'cause', 'MAGIC', 'MAGIC'],
    // Exceptions (sections 3 and 4)
    ['M: same-date duplicate', 'exception', 'M', 'Duplicate administration on the same date'],
    ['L: later administration', 'exception', 'L', 'Later administration of a one-time therapy'],
    ['O: NDC/HCPCS mismatch', 'exception', 'O', 'NDC and HCPCS code do not match'],
    ['K: HCPCS only', 'exception', 'K', 'HCPCS code without an NDC'],
    ['U: not eligible', 'exception', 'U', 'Not rebate eligible: no agreement or state not participating'],
    ['J: paid <= 0', 'exception', 'J', 'No state payment'],
    ['D: unit of measure warning', 'exception', 'D', 'Unit of measure is not the billing unit'],
    ['P: paid above WAC warning', 'exception', 'P', 'Paid above the list price (WAC)'],
    ['R: version received again', 'exception', 'R', 'Claim version already received'],
    ['V: orphan adjustment', 'exception', 'V', 'Void or replacement without its original claim'],
    ['an unknown exception is shown as stored', 'exception', 'Z', 'Z'],
    // Record problems (tmsis-cgt-profile)
    ['an orphan line', 'recordProblem', 'ORPHAN', 'Line or diagnosis without its claim header'],
    ['a bad date', 'recordProblem', 'INVALID_DATE', 'Not a valid date'],
    ['a missing ICN-ADJ', 'recordProblem', 'ICN_ADJ_REQUIRED', 'Adjustment ICN missing on a void or replacement'],
    ['a foreign state', 'recordProblem', 'STATE_MISMATCH', 'Submitting state differs from the file header'],
    // Dispute codes (MDRP), benchmark measures and statuses
    ['dispute M', 'disputeCode', 'M', 'Duplicate claim'],
    ['dispute O', 'disputeCode', 'O', 'Invalid NDC'],
    ['a VOE measure', 'benchmarkMeasure', 'VOE_HOSPITALIZATION', 'Hospitalization for a vaso-occlusive event'],
    ['a reported-event measure', 'benchmarkMeasure', 'REPORTED_EVENT', 'Event reported by the state'],
    ['a missed benchmark', 'benchmarkStatus', 'NOT_MET', 'Benchmark missed'],
    ['a pending benchmark', 'benchmarkStatus', 'PENDING', 'Window still open'],
    // Statuses people follow in the portal
    ['an upheld dispute', 'disputeStatus', 'UPHELD', 'Upheld'],
    ['a statement partly paid', 'statementStatus', 'PARTIALLY_PAID', 'Partly paid'],
    ['a draft statement', 'statementStatus', 'DRAFT', 'Draft: not issued yet'],
    ['a rejected file', 'submissionStatus', 'REJECTED', 'Rejected: nothing applied'],
    ['an unknown status is shown as stored', 'submissionStatus', 'LOST', 'LOST'],
  ])('%s: %s %s -> %s', (_, kind, code, expected) => {
    expect(plainLabel(kind, code)).toBe(expected);
  });

  it.each([
    ['exception', ['M', 'L', 'O', 'K', 'U', 'J', 'D', 'P', 'R', 'V']],
    ['disputeCode', ['M', 'D', 'U', 'J', 'K', 'O']],
    ['cause', ['SUBMISSION', 'AMENDMENT', 'PARTICIPATION', 'YEAR_CLOSE', 'DISPUTE_RESOLUTION', 'OBSERVATION']],
    ['benchmarkStatus', ['PENDING', 'MET', 'NOT_MET']],
    ['disputeStatus', ['OPEN', 'UPHELD', 'DENIED']],
    ['statementStatus', ['DRAFT', 'ISSUED', 'ACKNOWLEDGED', 'DISPUTED', 'PAID', 'PARTIALLY_PAID']],
    ['submissionStatus', ['RECEIVED', 'VALIDATING', 'RECONCILING', 'COMPLETED', 'REJECTED', 'FAILED']],
  ] as const)('has words for every %s code', (kind, codes) => {
    expect(codes.filter((code) => !hasPlainLabel(kind, code))).toEqual([]);
  });

  it('does not mistake inherited object keys for codes', () => {
    expect(plainLabel('cause', 'constructor')).toBe('constructor');
    expect(hasPlainLabel('exception', 'toString')).toBe(false);
  });
});
