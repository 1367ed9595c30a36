import { renderBooklet } from './booklet';

describe('the pledge booklet', () => {
  it('prints each published book with its items, dates and A4 print styles, escaping text', () => {
    const html = renderBooklet({ name: '孙丽' }, 2026, [
      {
        pledgeId: 'p1',
        pledgerType: 'individual',
        pledgerName: '孙丽',
        items: [
          { no: 1, kind: 'common', area: 'theory-study', text: '每月精读一本理论著作', target: '全年12本' },
          { no: 2, kind: 'deed', category: 'student-aid', text: '资助<困难>学生', target: '4次', beneficiary: { type: 'school', name: '望岛小学' }, dueQuarter: 3 },
        ],
        approvedAt: '2026-03-05T08:00:00.000Z',
        publishedAt: '2026-03-10T08:00:00.000Z',
      },
      { pledgeId: 'p2', pledgerType: 'collective', pledgerName: '综合党小组', items: [{ no: 1, kind: 'position', text: '报表零差错', target: '全年' }] },
      { pledgeId: 'p3', pledgerType: 'collective', pledgerName: '局领导班子', items: [{ no: 1, kind: 'position', text: '全省一流', target: '全年' }], approvedBy: 'leading-group', approvedAt: '2026-02-20T08:00:00.000Z' },
    ], '威海市统计局');
    expect(html).toContain('<p>威海市统计局　孙丽</p>');
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('<h2>个人承诺　孙丽</h2>');
    expect(html).toContain('<h2>集体承诺　综合党小组</h2>');
    expect(html).toContain('共性承诺·理论学习');
    expect(html).toContain('资助&lt;困难&gt;学生<br>帮扶对象：望岛小学');
    expect(html).toContain('第三季度');
    expect(html).toContain('支部审议通过：2026年3月5日　　公开承诺：2026年3月10日');
    expect(html).toContain('党组审议通过：2026年2月20日');
    expect(html).not.toContain('<困难>');
  });

  it('says so when nothing is published yet', () => {
    expect(renderBooklet({ name: '吴静' }, 2026, [])).toContain('本年度尚无公开的承诺。');
  });
});
