import { keysetFilter } from './keyset';

describe('keyset pagination filter', () => {
  it('continues after the last item in a mixed sort order', () => {
    expect(keysetFilter({ year: -1, name: 1, _id: 1 }, { values: [2026, 'Wang', 'p9'], id: 'p9' })).toEqual({
      $or: [
        { year: { $lt: 2026 } },
        { year: 2026, name: { $gt: 'Wang' } },
        { year: 2026, name: 'Wang', _id: { $gt: 'p9' } },
      ],
    });
  });
});
