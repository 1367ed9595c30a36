import { MESSAGES, type MessageKey } from '../../i18n/messages';
import { reminderText } from './reminder-text';
import { REMINDER_KINDS, reminderLink, type ReminderKind } from './reminders';

const member = { memberId: 'wang-fang', roles: ['member'] };
const secretary = { memberId: 'li-ming', roles: ['member', 'branch-secretary'] };
const office = { memberId: 'sun-li', roles: ['member', 'appraisal-office'] };
const link = (kind: ReminderKind, content: Record<string, unknown>, reader: { memberId: string; roles: string[] }) => reminderLink({ kind, content }, reader);

describe('where a reminder leads', () => {
  it('a returned book opens the member’s book', () => {
    expect(link('book-returned', { pledgeId: 'p-1', round: 1, stage: 'branch', itemNos: [2] }, member)).toBe('/member/books/p-1');
  });

  it('a review past its deadline and a check due open the reviewers’ pages, and nothing for others', () => {
    expect(link('review-overdue', { pledgeId: 'p-1', stage: 'group', days: 7 }, secretary)).toBe('/review/queue');
    expect(link('check-due', { groupId: 'g-1', month: '2026-03' }, secretary)).toBe('/review/checks');
    expect(link('review-overdue', { pledgeId: 'p-1' }, member)).toBeUndefined();
  });

  it('a talk due leads the member to their appraisal year and the secretary to the talks', () => {
    expect(link('talk-due', { memberId: 'wang-fang', dueOn: '2026-04-30' }, member)).toBe('/member/appraisal?year=2026');
    expect(link('talk-due', { memberId: 'wang-fang', dueOn: '2026-04-30' }, secretary)).toBe('/review/talks');
    expect(link('talk-overdue', { memberId: 'wang-fang', dueOn: '2026-04-30' }, secretary)).toBe('/review/talks');
    expect(link('talk-overdue', { memberId: 'wang-fang' }, member)).toBeUndefined();
  });

  it('a notice opens the round for the office and the appraisal year for everyone else', () => {
    const notice = { year: 2026, half: 'H1', startsOn: '2026-07-01', endsOn: '2026-07-07' };
    expect(link('notice-started', notice, office)).toBe('/appraisal/rounds/2026/H1');
    expect(link('notice-started', notice, member)).toBe('/member/appraisal?year=2026');
    expect(link('objection-decided', { year: 2026, half: 'H2', outcome: 'upheld' }, member)).toBe('/member/appraisal?year=2026');
  });

  it('names every kind in words in each language', () => {
    for (const kind of REMINDER_KINDS) expect((MESSAGES[`reminderKind.${kind}`] as readonly string[]).every((text) => text.length > 0 && text !== kind)).toBe(true);
  });
});

describe('a reminder in words', () => {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => MESSAGES[key][0].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
  const names = (id: string) => ({ 'wang-fang': '王芳', 'group-1': '综合党小组' })[id] ?? id;
  const say = (kind: ReminderKind, content: Record<string, unknown>, reader = member) => reminderText({ kind, content }, reader, t, names);

  it('says which items of which round were returned, by whom', () => {
    expect(say('book-returned', { pledgeId: 'p-1', round: 2, stage: 'branch', itemNos: [2, 3] })).toBe('您的承诺书（第2轮）被支部退回，需修改的条目：2、3');
    expect(say('book-returned', { pledgeId: 'p-1', round: 1, stage: 'group', itemNos: [] })).toBe('您的承诺书（第1轮）被党小组退回，需修改的条目：见审核意见');
  });

  it('names the member and the group, and tells the member of their own talk', () => {
    expect(say('talk-due', { memberId: 'wang-fang', dueOn: '2026-04-30' })).toBe('您有一次提醒谈话需在 2026-04-30 前进行');
    expect(say('talk-overdue', { memberId: 'wang-fang', dueOn: '2026-04-30' }, secretary)).toBe('应在 2026-04-30 前与王芳进行的提醒谈话尚未进行');
    expect(say('check-due', { groupId: 'group-1', month: '2026-03' }, secretary)).toBe('综合党小组 2026-03 的月度履诺检查尚未记录');
  });

  it('gives the half year and the outcome in words', () => {
    expect(say('notice-started', { year: 2026, half: 'H1', startsOn: '2026-07-01', endsOn: '2026-07-07' })).toBe('2026年上半年考核结果自 2026-07-01 起公示，至 2026-07-07 止');
    expect(say('objection-decided', { year: 2026, half: 'H2', outcome: 'dismissed' })).toBe('对您2026年下半年考核结果的异议已处理：异议不成立');
    expect(say('review-overdue', { stage: 'group', days: 7, since: '2026-03-01T02:00:00.000Z' }, secretary)).toBe('一份承诺书在党小组审核阶段已超过7天（自2026-03-01起）');
  });
});
