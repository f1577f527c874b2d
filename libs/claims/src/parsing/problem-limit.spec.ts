import { FileProblemCode } from './parse-problems';
import { checkRecordProblemLimit } from './problem-limit';

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
});
