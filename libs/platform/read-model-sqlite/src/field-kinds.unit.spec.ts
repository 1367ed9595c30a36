import { FieldKinds, Kind, kindAtPath, kindOfValue, TRACKED } from './field-kinds';

describe('field kinds', () => {
  it('records arrays with their elements, booleans, objects and nulls', () => {
    expect(kindOfValue(['a', 1])).toBe(Kind.ARRAY);
    expect(kindOfValue(['a', true, { b: 1 }])).toBe(Kind.ARRAY | Kind.BOOLEAN | Kind.OBJECT);
    expect(kindOfValue(null)).toBe(Kind.NULL);
    expect(kindOfValue('x')).toBe(0);
    expect(kindAtPath({ items: [{ kind: 'deed' }] }, 'items.kind')).toBe(Kind.PATH_ARRAY);
    expect(kindAtPath({ member: { name: 'x' } }, 'member.name')).toBe(0);
  });

  it('sorts in SQL only fields that held nothing but strings, numbers or nothing', () => {
    const kinds = new FieldKinds(new Map([[TRACKED, 0], ['year', 0], ['flag', Kind.BOOLEAN], ['memberIds', Kind.ARRAY]]));
    expect(['_id', 'year', 'absent'].map((f) => kinds.sortable(f))).toEqual([true, true, true]);
    expect(['flag', 'memberIds', 'member.name'].map((f) => kinds.sortable(f))).toEqual([false, false, false]);
    expect(new FieldKinds(new Map([['year', 0]])).sortable('absent')).toBe(false);
  });
});
