import {
  causeOf,
  exceptionGroupStateOf,
  exceptionStateOf,
  ExceptionStatus,
  type ExceptionRowFacts,
} from './exception-status.rules';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const row = (facts: Partial<ExceptionRowFacts>): ExceptionRowFacts => ({
  submissionId: 'sub-1',
  derived: true,
  createdAt: at(1),
  resolvedAt: null,
  raisedByCause: 'SUBMISSION:sub-1',
  resolvedByCause: null,
  ...facts,
});

describe('exception status rules', () => {
  it.each([
    ['SUBMISSION:abc', { type: 'SUBMISSION', id: 'abc' }],
    ['AMENDMENT:9f1-2', { type: 'AMENDMENT', id: '9f1-2' }],
    ['OBSERVATION:a:b', { type: 'OBSERVATION', id: 'a:b' }],
    [null, null],
    ['', null],
    ['SUBMISSION', null],
    [':x', null],
    ['X:', null],
  ])('cause %p is %p', (label, expected) => {
    expect(causeOf(label)).toEqual(expected);
  });

  it.each([
    ['a derived exception still produced', row({}), ExceptionStatus.OPEN, at(1), null, null],
    [
      'a derived exception resolved by an amendment',
      row({ resolvedAt: at(5), resolvedByCause: 'AMENDMENT:am-1' }),
      ExceptionStatus.RESOLVED,
      at(1),
      at(5),
      { type: 'AMENDMENT', id: 'am-1' },
    ],
    [
      'a repeat (R): ignored on receipt, resolved by its own submission',
      row({ derived: false, raisedByCause: null, createdAt: at(3) }),
      ExceptionStatus.RESOLVED,
      at(3),
      at(3),
      { type: 'SUBMISSION', id: 'sub-1' },
    ],
  ])('%s', (_name, facts, status, raisedAt, resolvedAt, resolvedBy) => {
    expect(exceptionStateOf(facts)).toMatchObject({ status, raisedAt, resolvedAt, resolvedBy });
  });

  it('keeps a group open while any of its versions is open', () => {
    const state = exceptionGroupStateOf([
      row({ createdAt: at(2), resolvedAt: at(4), resolvedByCause: 'SUBMISSION:sub-2' }),
      row({ createdAt: at(4), raisedByCause: 'SUBMISSION:sub-2' }),
    ]);
    expect(state).toEqual({
      status: ExceptionStatus.OPEN,
      raisedAt: at(2),
      raisedBy: { type: 'SUBMISSION', id: 'sub-1' },
      resolvedAt: null,
      resolvedBy: null,
    });
  });

  it('dates a resolved group by its last resolution, and names what resolved it', () => {
    const state = exceptionGroupStateOf([
      row({ createdAt: at(2), resolvedAt: at(9), resolvedByCause: 'PARTICIPATION:p-1' }),
      row({ createdAt: at(1), resolvedAt: at(4), resolvedByCause: 'SUBMISSION:sub-2' }),
    ]);
    expect(state).toEqual({
      status: ExceptionStatus.RESOLVED,
      raisedAt: at(1),
      raisedBy: { type: 'SUBMISSION', id: 'sub-1' },
      resolvedAt: at(9),
      resolvedBy: { type: 'PARTICIPATION', id: 'p-1' },
    });
    expect(() => exceptionGroupStateOf([])).toThrow();
  });
});
