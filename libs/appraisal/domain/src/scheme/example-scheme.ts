import { DEFAULT_GRADE_BANDS, DEFAULT_RATING_PERCENT } from './defaults';
import type { SchemeContent } from './types';

/**
 * A complete scheme in the shape the seed describes (量化评分标准): the specs use it, and a bureau
 * (or the demo) may start its first draft from it.
 */
export const EXAMPLE_SCHEME: SchemeContent = {
  title: '共产党员目标承诺考核办法（半年考核）',
  totalPoints: 100,
  criteria: [
    { id: 'items', label: '承诺事项完成情况', maxPoints: 30, source: 'computed', formula: 'items-fulfilled-ratio' },
    { id: 'checks', label: '月度检查进度', maxPoints: 15, source: 'computed', formula: 'monthly-checks-on-track-ratio' },
    { id: 'deeds', label: '实事承诺兑现', maxPoints: 10, source: 'computed', formula: 'deeds-recorded-count', params: { pointsPerDeed: 5 } },
    { id: 'talks', label: '谈话提醒', maxPoints: 5, source: 'computed', formula: 'reminder-talks-deduction', params: { pointsPerTalk: 2.5 } },
    { id: 'group', label: '组织评价', maxPoints: 15, source: 'entered', kind: 'group-evaluation' },
    { id: 'democratic', label: '民主测评', maxPoints: 20, source: 'entered', kind: 'democratic-evaluation', weights: { self: 10, peers: 40, masses: 50 } },
    { id: 'distinct', label: '有特色', maxPoints: 5, source: 'entered', kind: 'distinctiveness' },
  ],
  bonuses: [{ id: 'research-award', label: '统计信息、分析调研获奖', cap: 5 }],
  deductions: [{ id: 'work-discipline', label: '违反工作纪律', cap: 10 }],
  vetoes: [{ id: 'discipline-case', label: '受到党纪政纪处分' }],
  bands: [...DEFAULT_GRADE_BANDS],
  topGradeQuota: { maxPercent: 20, tieBreakers: ['democratic', 'items'] },
  ratingPercent: { ...DEFAULT_RATING_PERCENT },
};
