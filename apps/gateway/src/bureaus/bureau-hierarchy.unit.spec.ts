import { bureauHierarchy } from './bureau-hierarchy';

const BUREAUS = [
  { bureauId: 'weihai', name: '威海市统计局', parentBureauId: 'shandong' },
  { bureauId: 'shandong', name: '山东省统计局' },
  { bureauId: 'rongcheng', name: '荣成市统计局', parentBureauId: 'weihai' },
  { bureauId: 'qingdao', name: '青岛市统计局', parentBureauId: 'shandong' },
  { bureauId: 'jiangsu', name: '江苏省统计局' },
];

describe('bureauHierarchy', () => {
  it('lists parents before children, siblings by id, with depth and the number of children', () => {
    const { items } = bureauHierarchy(BUREAUS);
    expect(items.map((i) => [i.bureauId, i.depth, i.children])).toEqual([
      ['jiangsu', 0, 0],
      ['shandong', 0, 2],
      ['qingdao', 1, 0],
      ['weihai', 1, 1],
      ['rongcheng', 2, 0],
    ]);
    expect(items.every((i) => i.parentKnown)).toBe(true);
  });

  it('nests the same bureaus as trees', () => {
    const { roots } = bureauHierarchy(BUREAUS);
    expect(roots.map((r) => r.bureauId)).toEqual(['jiangsu', 'shandong']);
    expect(roots[1]!.children.map((c) => c.bureauId)).toEqual(['qingdao', 'weihai']);
    expect(roots[1]!.children[1]!.children).toEqual([{ bureauId: 'rongcheng', name: '荣成市统计局', parentBureauId: 'weihai', children: [] }]);
  });

  it('starts from a root when one is named, and from nothing when it is unknown', () => {
    expect(bureauHierarchy(BUREAUS, 'weihai').items.map((i) => [i.bureauId, i.depth])).toEqual([
      ['weihai', 0],
      ['rongcheng', 1],
    ]);
    expect(bureauHierarchy(BUREAUS, 'nowhere')).toEqual({ items: [], roots: [] });
  });

  it('shows a bureau whose parent is not known yet, or that sits in a loop of parents, as a top bureau', () => {
    const { items, roots } = bureauHierarchy([
      { bureauId: 'yantai', name: '烟台', parentBureauId: 'not-yet' },
      { bureauId: 'a-loop', name: 'A', parentBureauId: 'b-loop' },
      { bureauId: 'b-loop', name: 'B', parentBureauId: 'a-loop' },
    ]);
    expect(roots.map((r) => r.bureauId)).toEqual(['a-loop', 'b-loop', 'yantai']);
    expect(items.filter((i) => !i.parentKnown).map((i) => i.bureauId)).toEqual(['a-loop', 'b-loop', 'yantai']);
  });
});
