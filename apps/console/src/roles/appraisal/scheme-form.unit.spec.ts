import { criteriaTotal, formulaParam, newSchemeContent, scoredByHand, toSchemeContent } from './scheme-form';

describe('the scheme editor’s helpers', () => {
  it('starts a new scheme whose criteria make its total', () => {
    const content = newSchemeContent();
    expect(criteriaTotal(content.criteria)).toBe(content.totalPoints);
    expect(content.bands.map((b) => b.minPoints)).toEqual([90, 75, 60, 0]);
  });

  it('keeps only the fields a criterion’s source and formula take', () => {
    const content = toSchemeContent({
      title: ' 考核办法 ',
      totalPoints: 30,
      criteria: [
        { id: 'items', label: '完成情况', maxPoints: 10, source: 'computed', formula: 'items-fulfilled-ratio', kind: 'group-evaluation', params: { pointsPerDeed: 3 } },
        { id: 'deeds', label: '实事', maxPoints: 10, source: 'computed', formula: 'deeds-recorded-count', params: { pointsPerDeed: 2, pointsPerTalk: 9 } },
        { id: 'group', label: '组织评价', maxPoints: 5, source: 'entered', kind: 'group-evaluation', formula: 'items-fulfilled-ratio', weights: { self: 1 } },
        { id: 'demo', label: '民主测评', maxPoints: 5, source: 'entered', kind: 'democratic-evaluation', weights: { self: 20, peers: 30, masses: 50 } },
      ],
      bands: [{ grade: 'qualified', minPoints: 20 }, { grade: 'unqualified', minPoints: 0 }],
      ratingPercent: { good: 100, fair: 80, average: 60, poor: 0 },
    });
    expect(content.title).toBe('考核办法');
    expect(content.criteria).toEqual([
      { id: 'items', label: '完成情况', maxPoints: 10, source: 'computed', formula: 'items-fulfilled-ratio' },
      { id: 'deeds', label: '实事', maxPoints: 10, source: 'computed', formula: 'deeds-recorded-count', params: { pointsPerDeed: 2 } },
      { id: 'group', label: '组织评价', maxPoints: 5, source: 'entered', kind: 'group-evaluation' },
      { id: 'demo', label: '民主测评', maxPoints: 5, source: 'entered', kind: 'democratic-evaluation', weights: { self: 20, peers: 30, masses: 50 } },
    ]);
    expect(content.bonuses).toEqual([]);
    expect(content.vetoes).toEqual([]);
    expect(content.topGradeQuota).toBeUndefined();
  });

  it('keeps a bonus’s research rule, so a bonus computed from research works stays computed', () => {
    const research = { per: 'work' as const, pointsPerWork: 1, levels: [{ categoryId: 'research-award', levelId: 'provincial', points: 3 }] };
    const content = toSchemeContent({ criteria: [], bands: [], bonuses: [{ id: 'research-award', label: ' 调研获奖 ', cap: 5, research }, { id: 'volunteer', label: '志愿服务', cap: 3 }] });
    expect(content.bonuses).toEqual([
      { id: 'research-award', label: '调研获奖', cap: 5, research },
      { id: 'volunteer', label: '志愿服务', cap: 3 },
    ]);
  });

  it('keeps a quota only when its percentage is given', () => {
    const base = { criteria: [], bands: [] };
    expect(toSchemeContent({ ...base, topGradeQuota: { maxPercent: null, tieBreakers: ['items'] } }).topGradeQuota).toBeUndefined();
    expect(toSchemeContent({ ...base, topGradeQuota: { maxPercent: 15 } }).topGradeQuota).toEqual({ maxPercent: 15, tieBreakers: [] });
  });

  it('adds the maxima to two decimals, blanks as nothing', () => {
    expect(criteriaTotal([{ maxPoints: 0.1 }, { maxPoints: 0.2 }, { maxPoints: null }, {}])).toBe(0.3);
    expect(criteriaTotal(undefined)).toBe(0);
  });

  it('names the parameter each formula takes', () => {
    expect(formulaParam('deeds-recorded-count')).toBe('pointsPerDeed');
    expect(formulaParam('reminder-talks-deduction')).toBe('pointsPerTalk');
    expect(formulaParam('items-fulfilled-ratio')).toBeUndefined();
  });

  it('lists the criteria scored by hand, without the democratic evaluation', () => {
    expect(scoredByHand(newSchemeContent()).map((c) => c.id)).toEqual(['group', 'distinct']);
    expect(scoredByHand(undefined)).toEqual([]);
  });
});
