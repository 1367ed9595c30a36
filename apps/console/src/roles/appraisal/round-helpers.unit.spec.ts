import type { Translate } from '../../i18n/i18n';
import { MESSAGES } from '../../i18n/messages';
import { explanationLines, formatPoints, isMissing, monthsUpTo, openableHalves, quarterOf } from './round-helpers';
import type { Explanation } from './types';

const zhCN: Translate = (key, vars) => MESSAGES[key][0].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));

describe('the round pages’ helpers', () => {
  it('opens a half from the first day of its last month', () => {
    expect(openableHalves(2026, '2026-05-31')).toEqual([]);
    expect(openableHalves(2026, '2026-06-01')).toEqual(['H1']);
    expect(openableHalves(2026, '2026-12-01')).toEqual(['H1', 'H2']);
    expect(openableHalves(2025, '2026-01-10')).toEqual(['H1', 'H2']);
  });

  it('tells what is still to score', () => {
    const missing = [{ memberId: 'wang', criterionIds: ['group'] }];
    expect(isMissing(missing, 'wang', 'group')).toBe(true);
    expect(isMissing(missing, 'wang', 'distinct')).toBe(false);
    expect(isMissing(undefined, 'wang', 'group')).toBe(false);
  });

  it('explains every point: criteria, then bonuses, deductions (against the total) and vetoes', () => {
    const explanation: Explanation = {
      memberId: 'wang',
      schemeVersion: 2,
      sheet: {
        criteria: [
          { criterionId: 'items', label: '完成情况', schemeVersion: 2, maxPoints: 30, points: 20, source: 'computed', formula: 'items-fulfilled-ratio', rule: 'maximum × fulfilled items ÷ items', inputs: { done: 2, items: 3 }, sourceEventIds: ['e1', 'e2'] },
          { criterionId: 'group', label: '组织评价', schemeVersion: 2, maxPoints: 15, points: 12, source: 'entered', rule: 'entered by the appraisal office', inputs: {}, sourceEventIds: ['e3'], enteredBy: 'qian', note: '工作扎实' },
        ],
        missing: [],
        bonuses: [{ id: 'award', label: '获奖', points: 3, cap: 5, reason: '市级优秀成果', by: 'qian' }],
        deductions: [{ id: 'late', label: '违反纪律', points: 2, cap: 10, reason: '迟报', by: 'qian' }],
        vetoes: [],
        criteriaPoints: 32,
        bonusPoints: 3,
        deductionPoints: 2,
        points: 33,
      },
      grade: 'unqualified',
      gradeLabel: '不合格',
      gradeReason: 'band',
      bands: [],
    };
    const lines = explanationLines(explanation, zhCN);
    expect(lines.map((l) => [l.kind, l.points])).toEqual([
      ['criterion', 20],
      ['criterion', 12],
      ['bonus', 3],
      ['deduction', -2],
    ]);
    expect(lines[0]!.inputs).toBe('已完成 2，条目总数 3');
    expect(lines[0]!.rule).toMatch(/^满分 × 已履诺条目数 ÷ 条目总数/);
    expect(lines[1]!.rule).toBe('考评办录入');
    expect(lines[2]!.rule).toBe('市级优秀成果');
    expect(lines[0]!.sources).toEqual(['e1', 'e2']);
    expect(lines[0]!.formula).toBe('items-fulfilled-ratio');
    expect(lines[1]!.formula).toBeUndefined();
    expect(lines[1]!.inputs).toBe('工作扎实');
  });

  it('prints points to two decimals at most', () => {
    expect(formatPoints(87.5)).toBe('87.5');
    expect(formatPoints(87.456)).toBe('87.46');
    expect(formatPoints(undefined)).toBe('—');
  });

  it('lists the months begun and the quarter of a date', () => {
    expect(monthsUpTo(2026, '2026-03-15')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsUpTo(2025, '2026-03-15')).toHaveLength(12);
    expect([quarterOf('2026-01-01'), quarterOf('2026-03-31'), quarterOf('2026-04-01'), quarterOf('2026-12-31')]).toEqual([1, 1, 2, 4]);
  });
});
