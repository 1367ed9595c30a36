import { allKeys, filterBranches, treeNodes } from './tree-helpers';
import type { BureauBranch } from './types';

const TREE: BureauBranch[] = [
  {
    bureauId: 'shandong',
    name: '山东省统计局',
    children: [
      { bureauId: 'qingdao', name: '青岛市统计局', parentBureauId: 'shandong', children: [] },
      { bureauId: 'weihai', name: '威海市统计局', parentBureauId: 'shandong', children: [{ bureauId: 'rongcheng', name: '荣成市统计局', parentBureauId: 'weihai', children: [] }] },
    ],
  },
];

describe('bureau tree helpers', () => {
  it('titles nodes with the name and the id', () => {
    expect(treeNodes(TREE)[0]?.children[1]).toEqual({ key: 'weihai', title: '威海市统计局（weihai）', children: [{ key: 'rongcheng', title: '荣成市统计局（rongcheng）', children: [] }] });
  });

  it('keeps matches with the bureaus above them', () => {
    const found = filterBranches(TREE, '荣成');
    expect(allKeys(found)).toEqual(['shandong', 'weihai', 'rongcheng']);
    expect(allKeys(filterBranches(TREE, 'QINGDAO'))).toEqual(['shandong', 'qingdao']);
  });

  it('keeps a matching bureau’s whole branch, everything for no text, nothing for no match', () => {
    expect(allKeys(filterBranches(TREE, '威海'))).toEqual(['shandong', 'weihai', 'rongcheng']);
    expect(filterBranches(TREE, '  ')).toEqual(TREE);
    expect(filterBranches(TREE, '江苏')).toEqual([]);
  });
});
