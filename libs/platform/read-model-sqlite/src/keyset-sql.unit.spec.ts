import { comparable, orderBy, rangesAfter } from './keyset-sql';

const y = "json_extract(doc, '$.year')";
const u = "json_extract(doc, '$.updatedAt')";

describe('keyset ranges', () => {
  it('orders by the sort keys, id last', () => {
    expect(orderBy({ year: -1, updatedAt: -1, _id: 1 })).toBe(`${y} DESC, ${u} DESC, id ASC`);
    expect(orderBy({ year: -1, updatedAt: -1, _id: 1 }, 2)).toBe('id ASC');
  });

  it('lists the rows after a cursor as index ranges in sort order, with missing values last when descending', () => {
    expect(rangesAfter({ year: -1, updatedAt: 1, _id: 1 }, [2026, '2026-03-01', 'p9'])).toEqual([
      { sql: `${y} = ? AND ${u} = ? AND id > ?`, params: [2026, '2026-03-01', 'p9'], from: 2 },
      { sql: `${y} = ? AND ${u} > ?`, params: [2026, '2026-03-01'], from: 1 },
      { sql: `${y} < ?`, params: [2026], from: 0 },
      { sql: `${y} IS NULL`, params: [], from: 0 },
    ]);
  });

  it('continues after a missing value: every present value follows it ascending, none descending', () => {
    expect(rangesAfter({ updatedAt: 1, _id: 1 }, [null, 'p1']).map((r) => r.sql)).toEqual([`${u} IS NULL AND id > ?`, `${u} IS NOT NULL`]);
    expect(rangesAfter({ updatedAt: -1, _id: 1 }, [null, 'p1']).map((r) => r.sql)).toEqual([`${u} IS NULL AND id > ?`]);
  });

  it('takes strings, numbers and null as cursor values, nothing else', () => {
    expect(comparable(['a', 1, null])).toBe(true);
    expect(comparable([true])).toBe(false);
    expect(comparable([{ a: 1 }])).toBe(false);
  });
});
