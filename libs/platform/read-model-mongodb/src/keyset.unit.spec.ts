import { Query } from 'mingo';
import { decodeCursor, encodeCursor, type Sort } from '@pledgebook/read-model';
import { decodeKeyValues, encodeKeyValues, keysetFilter } from './keyset';

type Doc = { _id: string; [key: string]: unknown };

/** MongoDB's documented comparison order across types (null and missing alike first), then value. */
const band = (v: unknown) => (v === null || v === undefined ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : typeof v === 'boolean' ? 6 : v instanceof Date ? 7 : 3);
function compareValues(a: unknown, b: unknown): number {
  const byBand = band(a) - band(b);
  if (byBand !== 0 || band(a) === 0) return byBand;
  const [x, y] = a instanceof Date ? [a.getTime(), (b as Date).getTime()] : [a as number, b as number];
  return x < y ? -1 : x > y ? 1 : 0;
}
const compareDocs = (sort: Sort) => (a: Doc, b: Doc) => {
  for (const [key, direction] of Object.entries(sort)) {
    const c = compareValues(a[key], b[key]) * direction;
    if (c !== 0) return c;
  }
  return 0;
};

/** Follows every possible cursor position: the keyset filter must select exactly what sorts after it. */
function expectPagesToFollowSortOrder(docs: Doc[], sort: Sort): void {
  const sorted = [...docs].sort(compareDocs(sort));
  sorted.forEach((last, i) => {
    const values = Object.keys(sort).map((k) => (k === '_id' ? last._id : last[k]));
    // Through an opaque cursor and back, as a client would hand it over.
    const position = decodeCursor(encodeCursor({ values: encodeKeyValues(values), id: last._id }, sort), sort);
    const filter = keysetFilter(sort, { values: decodeKeyValues(position.values), id: position.id });
    const after = new Query(filter).find(docs).all() as Doc[];
    expect(after.map((d) => d._id).sort()).toEqual(sorted.slice(i + 1).map((d) => d._id).sort());
  });
}

describe('keyset pagination filter', () => {
  const mixed: Doc[] = [
    { _id: 'a', due: new Date('2026-03-01T00:00:00Z'), score: 3, name: 'Wang' },
    { _id: 'b', due: new Date('2026-01-15T00:00:00Z'), score: 3, name: 'Li' },
    { _id: 'c', score: 'n/a', name: 'Zhou' },
    { _id: 'd', due: null, score: null, name: 'Sun' },
    { _id: 'e', due: new Date('2026-03-01T00:00:00Z'), score: 10.5, name: 'Zhao' },
    { _id: 'f', due: '2026-02-01', score: true, name: 'Qian' },
    { _id: 'g', due: new Date('2025-12-31T00:00:00Z'), name: 'Wu' },
    { _id: 'h', due: new Date('2026-01-15T00:00:00Z'), score: 3, name: 'Li' },
  ];

  it('pages ascending across missing, null, numbers, strings, booleans and dates', () => {
    expectPagesToFollowSortOrder(mixed, { score: 1, _id: 1 });
    expectPagesToFollowSortOrder(mixed, { due: 1, _id: 1 });
  });

  it('pages descending and in compound orders the same way', () => {
    expectPagesToFollowSortOrder(mixed, { score: -1, _id: 1 });
    expectPagesToFollowSortOrder(mixed, { due: -1, score: 1, _id: 1 });
    expectPagesToFollowSortOrder(mixed, { score: 1, due: -1, _id: 1 });
  });

  it('keeps a Date a Date through the cursor (JSON would make it a string, which sorts elsewhere)', () => {
    const date = new Date('2026-03-01T00:00:00Z');
    const [decoded] = decodeKeyValues(JSON.parse(JSON.stringify(encodeKeyValues([date]))) as unknown[]);
    expect(decoded).toEqual(date);
    expect(decoded).toBeInstanceOf(Date);
  });

  it('compares cursor values with $eq, never as operators', () => {
    const filter = keysetFilter({ year: -1, _id: 1 }, { values: [{ $ne: null }, 'p9'], id: 'p9' }) as { $or: Record<string, unknown>[] };
    expect(filter.$or.at(-1)).toEqual({ year: { $eq: { $ne: null } }, _id: { $gt: 'p9' } });
  });
});
