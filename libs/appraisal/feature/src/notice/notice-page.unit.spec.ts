import { renderNotice } from './notice-page';

describe('the notice page', () => {
  const lines = [
    { memberId: 'sun', name: '孙丽', unit: '机关第一党支部', points: 92.5, grade: 'excellent' as const, status: 'on-notice' as const, notice: { startsOn: '2026-06-29', endsOn: '2026-07-03', workingDays: 5 }, noticeNo: 1 },
    { memberId: 'wu', name: '吴静', unit: '机关第一党支部', points: 80, grade: 'qualified' as const, status: 'rescoring' as const, notice: { startsOn: '2026-06-29', endsOn: '2026-07-03', workingDays: 5 }, noticeNo: 1 },
    { memberId: 'zheng', name: '郑艳<b>', unit: '机关第二党支部', points: 70, grade: 'basically-qualified' as const, status: 'on-notice' as const, notice: { startsOn: '2026-07-06', endsOn: '2026-07-06', workingDays: 1 }, noticeNo: 2 },
  ];

  it('shows the names, points, grades in Chinese and each period’s start and end', () => {
    const html = renderNotice('威海市统计局', 2026, 'H1', lines, { final: false, postedOn: '2026-06-29' });
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('公　示');
    expect(html).toContain('2026年上半年');
    expect(html).toContain('92.50');
    expect(html).toContain('优秀');
    expect(html).toContain('基本合格');
    expect(html).toContain('2026年6月29日至2026年7月3日（5个工作日）');
    expect(html).toContain('2026年7月6日至2026年7月6日（1个工作日）');
    expect(html).toContain('重新公示');
    expect(html).toContain('郑艳&lt;b&gt;');
  });

  it('hides a result being rescored', () => {
    const html = renderNotice('威海市统计局', 2026, 'H1', lines, { final: false });
    const wu = html.split('\n').find((l) => l.includes('吴静'))!;
    expect(wu).toContain('复核中');
    expect(wu).not.toContain('80.00');
    expect(wu).not.toContain('合格');
  });
});
