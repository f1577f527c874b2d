import { connectionFromRows, decodeCursor, encodeCursor } from './connection';

describe('Relay pagination helpers', () => {
  it('round-trips keyset cursors', () => {
    expect(decodeCursor(encodeCursor(['2026-03-10', 42]), 2)).toEqual(['2026-03-10', 42]);
  });

  it.each([['garbage'], [encodeCursor(['a'])], [Buffer.from('{"a":1}').toString('base64url')]])(
    'refuses a cursor that is not ours (%s)',
    (cursor) => {
      expect(() => decodeCursor(cursor, 2)).toThrow(/is not valid for this list/);
    },
  );

  it('builds a page from first + 1 rows', () => {
    const page = connectionFromRows([{ id: 1 }, { id: 2 }, { id: 3 }], 2, 10, (r) => [r.id]);
    expect(page.edges.map((e) => e.node.id)).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([2]) });
    expect(page.totalCount).toBe(10);
    const last = connectionFromRows([{ id: 3 }], 2, 10, (r) => [r.id]);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });
});
