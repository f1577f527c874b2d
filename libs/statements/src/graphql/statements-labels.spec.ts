import { hasPlainLabel } from '@lib/common';
import { LINE_CAUSES } from '../rules';

describe('statement codes in plain words', () => {
  it('has words for every statement line cause', () => {
    expect(LINE_CAUSES.filter((cause) => !hasPlainLabel('cause', cause))).toEqual([]);
  });
});
