import { REMINDER_KINDS } from './kinds';
import { mailText } from './mail-text';

describe('reminder mail', () => {
  it('words every kind in Chinese, with the items to revise', () => {
    for (const kind of REMINDER_KINDS) expect(mailText(kind, {}).subject).toMatch(/^【目标承诺】\p{Script=Han}/u);
    expect(mailText('book-returned', { round: 2, stage: 'branch', itemNos: [1, 3] }).text).toContain('第2轮）被支部退回，需修改的条目：1、3');
    expect(mailText('objection-decided', { year: 2026, half: 'H1', outcome: 'upheld' }).text).toContain('2026年上半年考核结果的异议已处理：异议成立');
  });
});
