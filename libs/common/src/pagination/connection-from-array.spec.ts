import { connectionFromArray, encodeCursor } from './connection';

describe('connectionFromArray (relations loaded whole by a DataLoader)', () => {
  const rows = [1, 2, 3, 4, 5].map((id) => ({ id }));

  it.each([
    [{ first: 2 }, [1, 2], true],
    [{ first: 2, after: encodeCursor([2]) }, [3, 4], true],
    [{ first: 2, after: encodeCursor([4]) }, [5], false],
    [{ first: 10 }, [1, 2, 3, 4, 5], false],
  ])('pages %j', (page, ids, hasNextPage) => {
    const connection = connectionFromArray(rows, page, (r) => [r.id]);
    expect(connection.edges.map((e) => e.node.id)).toEqual(ids);
    expect(connection.pageInfo.hasNextPage).toBe(hasNextPage);
    expect(connection.totalCount).toBe(5);
  });

  it('refuses a cursor that names no row of the list', () => {
    expect(() => connectionFromArray(rows, { first: 2, after: encodeCursor([9]) }, (r) => [r.id])).toThrow(
      /is not valid for this list/,
    );
  });
});
