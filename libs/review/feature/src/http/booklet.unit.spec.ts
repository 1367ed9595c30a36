import { renderBooklet } from './booklet';

describe('the pledge booklet', () => {
  it('prints each published book with its items, dates and A4 print styles, escaping text', () => {
    const html = renderBooklet({ name: '孫麗' }, 2026, [
      {
        pledgeId: 'p1',
        pledgerType: 'individual',
        pledgerName: '孫麗',
        items: [
          { no: 1, kind: 'common', area: 'theory-study', text: '每月精讀一本理論著作', target: '全年12本' },
          { no: 2, kind: 'deed', category: 'student-aid', text: '資助<困難>學生', target: '4次', beneficiary: { type: 'school', name: '望島小學' }, dueQuarter: 3 },
        ],
        approvedAt: '2026-03-05T08:00:00.000Z',
        publishedAt: '2026-03-10T08:00:00.000Z',
      },
      { pledgeId: 'p2', pledgerType: 'collective', pledgerName: '綜合黨小組', items: [{ no: 1, kind: 'position', text: '報表零差錯', target: '全年' }] },
      { pledgeId: 'p3', pledgerType: 'collective', pledgerName: '局領導班子', items: [{ no: 1, kind: 'position', text: '全省一流', target: '全年' }], approvedBy: 'leading-group', approvedAt: '2026-02-20T08:00:00.000Z' },
    ], '威海市統計局');
    expect(html).toContain('<p>威海市統計局　孫麗</p>');
    expect(html).toContain('<html lang="zh-Hant">');
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('<h2>個人承諾　孫麗</h2>');
    expect(html).toContain('<h2>集體承諾　綜合黨小組</h2>');
    expect(html).toContain('共性承諾·理論學習');
    expect(html).toContain('資助&lt;困難&gt;學生<br>幫扶對象：望島小學');
    expect(html).toContain('第三季度');
    expect(html).toContain('支部審議通過：2026年3月5日　　公開承諾：2026年3月10日');
    expect(html).toContain('黨組審議通過：2026年2月20日');
    expect(html).not.toContain('<困難>');
  });

  it('says so when nothing is published yet', () => {
    expect(renderBooklet({ name: '吳靜' }, 2026, [])).toContain('本年度尚無公開的承諾。');
  });
});
