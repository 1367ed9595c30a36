import { FieldKinds, Kind, TRACKED } from './field-kinds';
import { filterCondition, type FilterCatalog } from './filter-sql';

const kinds = (bits: Record<string, number>) => new FieldKinds(new Map([[TRACKED, 0], ...Object.entries(bits)]));
const catalog = (bits: Record<string, number> = {}, keyTables: FilterCatalog['keyTables'] = []): FilterCatalog => ({ kinds: kinds(bits), keyTables });
const bureau = "json_extract(doc, '$.bureauId')";
const year = "json_extract(doc, '$.year')";
const status = "json_extract(doc, '$.status')";

describe('filterCondition', () => {
  it('sends equality on fields that never held arrays to SQL, exactly', () => {
    expect(filterCondition({ bureauId: 'b1', year: 2026 }, catalog())).toEqual({ sql: `(${bureau} = ?) AND (${year} = ?)`, params: ['b1', 2026], exact: true });
  });

  it('flattens $and, nested $and and operator objects into one conjunction', () => {
    const condition = filterCondition({ $and: [{ bureauId: 'b1' }, { $and: [{ year: { $eq: 2026 } }] }, { status: { $in: ['draft', 'submitted'] } }] }, catalog());
    expect(condition).toEqual({ sql: `(${bureau} = ?) AND (${year} = ?) AND (${status} IN (?, ?))`, params: ['b1', 2026, 'draft', 'submitted'], exact: true });
  });

  it('keeps what SQL cannot answer for mingo, and says so', () => {
    const condition = filterCondition({ bureauId: 'b1', year: { $gte: 2025 }, notes: null, 'member.name': 'x' }, catalog());
    expect(condition).toEqual({ sql: `${bureau} = ?`, params: ['b1'], exact: false });
  });

  it('answers a disjunction in SQL when every branch can be', () => {
    const condition = filterCondition({ bureauId: 'b1', $or: [{ status: { $in: ['published'] } }, { memberIds: 'm1' }] }, catalog({ memberIds: Kind.ARRAY }));
    expect(condition.sql).toBe(`(${bureau} = ?) AND ((${status} = ?) OR (EXISTS (SELECT 1 FROM json_each(doc, '$.memberIds') WHERE value = ?)))`);
    expect(condition.exact).toBe(true);
    expect(filterCondition({ $or: [{ status: 'x' }, { year: { $gt: 1 } }] }, catalog())).toEqual({ sql: '', params: [], exact: false });
  });

  it('searches array elements, and an index key table when the filter fixes its leading fields', () => {
    expect(filterCondition({ memberIds: 'm1' }, catalog({ memberIds: Kind.ARRAY })).sql).toBe("EXISTS (SELECT 1 FROM json_each(doc, '$.memberIds') WHERE value = ?)");
    const keyed = catalog({ memberIds: Kind.ARRAY }, [{ table: '"k_p"', fields: ['bureauId', 'memberIds', 'year'] }]);
    expect(filterCondition({ bureauId: 'b1', memberIds: { $in: ['m1', 'm2'] }, status: 'draft' }, keyed)).toEqual({
      sql: `(${status} = ?) AND (id IN (SELECT id FROM "k_p" WHERE k0 = ? AND k1 IN (?, ?)))`,
      params: ['draft', 'b1', 'm1', 'm2'],
      exact: true,
    });
    // Without the array field the key table is not complete: rows without members are not in it.
    expect(filterCondition({ bureauId: 'b1' }, keyed).sql).toBe(`${bureau} = ?`);
  });

  it('is not exact where json_extract blurs kinds, and leaves paths through arrays to mingo', () => {
    expect(filterCondition({ flag: 1 }, catalog({ flag: Kind.BOOLEAN }))).toMatchObject({ params: [1], exact: false });
    expect(filterCondition({ 'items.kind': 'deed' }, catalog({ 'items.kind': Kind.PATH_ARRAY }))).toEqual({ sql: '', params: [], exact: false });
    // A dotted path no index declares is unknown; a top-level field never written is known absent.
    expect(filterCondition({ 'member.name': 'x' }, catalog()).exact).toBe(false);
    expect(filterCondition({ never: 'x' }, catalog())).toMatchObject({ exact: true, params: ['x'] });
    expect(filterCondition({ never: 'x' }, { kinds: new FieldKinds(new Map()), keyTables: [] })).toEqual({ sql: '', params: [], exact: false });
  });

  it('matches ids by the primary key, and nothing for an empty $in', () => {
    expect(filterCondition({ _id: { $in: ['a', 'b'] } }, catalog())).toEqual({ sql: 'id IN (?, ?)', params: ['a', 'b'], exact: true });
    expect(filterCondition({ bureauId: 'b1', status: { $in: [] } }, catalog())).toEqual({ sql: '0', params: [], exact: true });
  });
});
