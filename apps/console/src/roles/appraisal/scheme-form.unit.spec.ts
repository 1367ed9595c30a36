import { ApiProblem } from '../../api/problem';
import { criteriaTotal, formulaParam, newSchemeContent, schemeProblemFields, scoredByHand, toResearchRule, toSchemeContent, toSchemeValues, type ResearchBonusRule } from './scheme-form';

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

  describe('a bonus’s counting mode round-trips: the saved rule → the form → the same rule in the request', () => {
    const rules: Array<[string, ResearchBonusRule]> = [
      ['per work, with a default and points by category and level', { per: 'work', pointsPerWork: 1, levels: [{ categoryId: 'research-award', levelId: 'provincial', points: 3 }, { categoryId: 'statistics', points: 2 }] }],
      ['per work, only the levels named', { per: 'work', levels: [{ categoryId: 'research-award', levelId: 'national', points: 5 }] }],
      ['per work, a default only', { per: 'work', pointsPerWork: 1.5 }],
      ['per yuan', { per: 'yuan', pointsPerYuan: 0.002 }],
      ['by the research scheme’s points', { per: 'reward-points' }],
    ];
    it.each(rules)('%s', (_name, research) => {
      const scheme = { ...newSchemeContent(), bonuses: [{ id: 'research-award', label: '调研获奖', cap: 5, research }] };
      const values = toSchemeValues(scheme);
      expect(values.bonuses?.[0]?.research?.per).toBe(research.per);
      expect(toSchemeContent(values).bonuses).toEqual([{ id: 'research-award', label: '调研获奖', cap: 5, research }]);
      expect(toSchemeContent(values)).toEqual(scheme);
    });

    it('a bonus awarded by hand shows as manual and sends no rule', () => {
      const values = toSchemeValues(newSchemeContent());
      expect(values.bonuses).toEqual([{ id: 'research-award', label: '统计信息、分析调研获奖', cap: 5, research: { per: 'manual' } }]);
      expect(toSchemeContent(values).bonuses).toEqual([{ id: 'research-award', label: '统计信息、分析调研获奖', cap: 5 }]);
      expect(toResearchRule(undefined)).toBeUndefined();
      expect(toResearchRule({})).toBeUndefined();
    });
  });

  it('sends only the settings the chosen mode takes, after switching modes', () => {
    const typed = { pointsPerWork: 2, levels: [{ categoryId: ' statistics ', levelId: ' ', points: 1 }], pointsPerYuan: 0.01 };
    expect(toResearchRule({ per: 'manual', ...typed })).toBeUndefined();
    expect(toResearchRule({ per: 'work', ...typed })).toEqual({ per: 'work', pointsPerWork: 2, levels: [{ categoryId: 'statistics', points: 1 }] });
    expect(toResearchRule({ per: 'yuan', ...typed })).toEqual({ per: 'yuan', pointsPerYuan: 0.01 });
    expect(toResearchRule({ per: 'reward-points', ...typed })).toEqual({ per: 'reward-points' });
    expect(toResearchRule({ per: 'work', pointsPerWork: null, levels: [] })).toEqual({ per: 'work' });
  });

  it('puts each problem of a refused scheme beside its field', () => {
    const refused = new ApiProblem({
      status: 422,
      code: 'invalid_scheme',
      errors: [{ field: '/content/bonuses/0/research/pointsPerYuan', message: 'a; b' }],
      problems: [
        { field: 'bonuses/0/research/pointsPerYuan', code: 'bad_points_per_yuan', message: 'a' },
        { field: 'bonuses/0/research/levels/1/categoryId', code: 'bad_research_category', message: 'b' },
        { field: 'bonuses/0/research/levels/1/categoryId', code: 'repeated_research_level', message: 'c' },
      ],
    });
    expect(schemeProblemFields(refused)).toEqual([
      { name: ['content', 'bonuses', 0, 'research', 'pointsPerYuan'], errors: ['a'] },
      { name: ['content', 'bonuses', 0, 'research', 'levels', 1, 'categoryId'], errors: ['b', 'c'] },
    ]);
    expect(schemeProblemFields(new ApiProblem({ status: 400, errors: [{ field: '/content/title', message: 'x' }] }))).toEqual([]);
    expect(schemeProblemFields(new Error('offline'))).toEqual([]);
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
