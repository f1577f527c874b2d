import { hasPlainLabel } from '@lib/common';
import { RECORD_PROBLEM_REASONS } from '../parsing';

describe('claims codes in plain words', () => {
  it('has words for every record-problem reason the reader can report', () => {
    expect(RECORD_PROBLEM_REASONS.filter((reason) => !hasPlainLabel('recordProblem', reason))).toEqual([]);
  });
});
