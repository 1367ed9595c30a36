import type { ReminderContent, ReminderKind } from './kinds';

/**
 * The mail for a reminder, in Simplified Chinese (the bureaus' language); the console shows the
 * same reminder in the reader's chosen language. No more than the inbox shows.
 */
export function mailText(kind: ReminderKind, c: ReminderContent): { subject: string; text: string } {
  const subject = `【目标承诺】${SUBJECTS[kind]}`;
  return { subject, text: `${body(kind, c)}\n\n请登录目标承诺系统查看详情。如不想再收到此类提醒，可在“我的账户”中设置。` };
}

const SUBJECTS: Record<ReminderKind, string> = {
  'book-returned': '您的承诺书被退回修改',
  'review-overdue': '有承诺书审核已超期',
  'check-due': '本月履诺检查待完成',
  'talk-due': '有提醒谈话待进行',
  'talk-overdue': '提醒谈话已超期',
  'notice-started': '考核结果公示开始',
  'objection-decided': '考核结果异议已有处理结果',
};

function body(kind: ReminderKind, c: ReminderContent): string {
  switch (kind) {
    case 'book-returned':
      return `您的承诺书（第${c.round ?? 1}轮）被${c.stage === 'group' ? '党小组' : '支部'}退回，需修改的条目：${(c.itemNos ?? []).join('、') || '见审核意见'}。`;
    case 'review-overdue':
      return `一份承诺书在${c.stage === 'group' ? '党小组' : '支部'}审核阶段已超过${c.days ?? ''}天（自${(c.since ?? '').slice(0, 10)}起）。`;
    case 'check-due':
      return `党小组 ${c.groupId ?? ''} ${c.month ?? ''} 月的履诺检查尚未记录。`;
    case 'talk-due':
      return `有一次提醒谈话需在 ${c.dueOn ?? ''} 前进行。`;
    case 'talk-overdue':
      return `应在 ${c.dueOn ?? ''} 前进行的提醒谈话尚未进行。`;
    case 'notice-started':
      return `${c.year ?? ''}年${c.half === 'H2' ? '下' : '上'}半年考核结果自 ${c.startsOn ?? ''} 起公示，至 ${c.endsOn ?? ''} 止。`;
    case 'objection-decided':
      return `对您${c.year ?? ''}年${c.half === 'H2' ? '下' : '上'}半年考核结果的异议已处理：${c.outcome === 'upheld' ? '异议成立' : '异议不成立'}。`;
  }
}
