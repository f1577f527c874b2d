import { FileProblemCode } from './parse-problems';
import { checkRecordProblemLimit, describeListing } from './problem-limit';

describe('checkRecordProblemLimit', () => {
  it.each([
    [100, 0, 0.1, true],
    [100, 10, 0.1, true],
    [100, 11, 0.1, false],
    [30, 3, 0.1, true],
    [70, 7, 0.1, true],
    [70, 8, 0.1, false],
    [10, 1, 0, false],
    [10, 5, 0.5, true],
    [0, 0, 0.1, true],
    [1, 1, 1, true],
  ])('%i records, %i skipped, limit %d: passes %s', (records, skippedRecords, limit, passes) => {
    const problem = checkRecordProblemLimit({ records, skippedRecords }, limit);
    expect(problem === null).toBe(passes);
    if (problem) expect(problem).toMatchObject({ code: FileProblemCode.RECORD_PROBLEM_LIMIT });
  });

  it('uses 10% by default and explains itself', () => {
    expect(checkRecordProblemLimit({ records: 200, skippedRecords: 21 })?.message).toBe(
      '21 of 200 records (10.5%) have record-level problems; a file is rejected above 10%.',
    );
  });

  it('says how many problems there are in all and whether all are listed', () => {
    expect(
      checkRecordProblemLimit({ records: 20, skippedRecords: 4 }, 0.1, { found: 5, listed: 5, complete: true })
        ?.message,
    ).toBe(
      '4 of 20 records (20%) have record-level problems; a file is rejected above 10%. There are 5 problems in all, every one listed.',
    );
    expect(describeListing({ found: 1, listed: 1, complete: true })).toBe(
      'There is 1 problem in all, every one listed.',
    );
    expect(describeListing({ found: 1_500_000, listed: 1_000_000, complete: true })).toBe(
      'There are 1500000 problems in all; the first 1000000 are listed (the most listed for one file).',
    );
    expect(describeListing({ found: 1_000_000, listed: 1_000_000, complete: false })).toBe(
      'Reading stopped after the first 1000000 problems (the most listed for one file); there are at least 1000000 in all.',
    );
  });
});
