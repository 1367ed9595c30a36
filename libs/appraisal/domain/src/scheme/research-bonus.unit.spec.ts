import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import type { SchemeCommand } from './commands';
import { schemeDecider } from './decider';
import { EXAMPLE_SCHEME } from './example-scheme';
import type { BonusItem, ResearchBonusRule } from './research-bonus';
import type { SchemeContent } from './types';
import { schemeProblems } from './validate-scheme';

const given = deciderSpec(schemeDecider.decide, schemeDecider.evolve, schemeDecider.initialState);
const AT = '2026-01-05T02:00:00.000Z';
const qian: Actor = { memberId: 'qian', bureauId: 'weihai', roles: ['member', 'appraisal-office'] };
const withBonus = (research: ResearchBonusRule, extra: Partial<BonusItem> = {}): SchemeContent => ({
  ...EXAMPLE_SCHEME,
  bonuses: [{ id: 'research-award', label: '统计信息、分析调研获奖', cap: 5, research, ...extra }],
});
const draft = (content: SchemeContent): SchemeCommand => ({ type: 'DraftScheme', actor: qian, bureauId: 'weihai', year: 2026, version: 1, content, context: { officeStaff: ['qian'] }, at: AT });
const problems = (content: SchemeContent) => schemeProblems(content).map(({ field, code }) => ({ field, code }));

describe('scheme: a bonus computed from rated research works', () => {
  it('is drafted with a per-work rule by category and level, per yuan, or the research scheme’s own points', () => {
    for (const rule of [
      { per: 'work', pointsPerWork: 1, levels: [{ categoryId: 'adopted-information', points: 1.5 }, { categoryId: 'research-award', levelId: 'provincial', points: 3 }] },
      { per: 'work', levels: [{ categoryId: 'analysis-report', points: 2 }] },
      { per: 'yuan', pointsPerYuan: 0.002 },
      { per: 'reward-points' },
    ] as ResearchBonusRule[]) {
      const content = withBonus(rule);
      given([]).when(draft(content)).then([{ type: 'SchemeDrafted', data: { bureauId: 'weihai', year: 2026, version: 1, content, by: 'qian', at: AT } }]);
    }
  });

  it('refuses a rule of an unknown basis, naming the field', () => {
    const error = given([]).when(draft(withBonus({ per: 'page' } as unknown as ResearchBonusRule))).thenFails('invalid_scheme', 'invalid', 'content/bonuses/0/research/per');
    expect(error.details.problems).toEqual([expect.objectContaining({ code: 'unknown_research_basis' })]);
  });

  it('wants a per-work rule to give some work points, each within the cap, each category and level named once', () => {
    expect(problems(withBonus({ per: 'work' }))).toEqual([{ field: 'bonuses/0/research/pointsPerWork', code: 'research_bonus_counts_nothing' }]);
    expect(problems(withBonus({ per: 'work', pointsPerWork: 0, levels: [{ categoryId: 'analysis-report', points: 0 }] }))).toEqual([{ field: 'bonuses/0/research/pointsPerWork', code: 'research_bonus_counts_nothing' }]);
    expect(problems(withBonus({ per: 'work', pointsPerWork: 6 }))).toEqual([{ field: 'bonuses/0/research/pointsPerWork', code: 'bad_research_points' }]);
    expect(problems(withBonus({ per: 'work', pointsPerWork: 1.005 }))).toEqual([{ field: 'bonuses/0/research/pointsPerWork', code: 'bad_research_points' }]);
    expect(
      problems(
        withBonus({
          per: 'work',
          levels: [
            { categoryId: 'Analysis', points: 1 },
            { categoryId: 'report', levelId: 'city', points: -1 },
            { categoryId: 'report', levelId: 'city', points: 1 },
            { categoryId: 'report', levelId: '', points: 1 },
          ],
        }),
      ),
    ).toEqual([
      { field: 'bonuses/0/research/levels/0/categoryId', code: 'bad_research_category' },
      { field: 'bonuses/0/research/levels/1/points', code: 'bad_research_points' },
      { field: 'bonuses/0/research/levels/2', code: 'repeated_research_level' },
      { field: 'bonuses/0/research/levels/3/levelId', code: 'bad_research_level' },
    ]);
  });

  it('wants points per yuan for a per-yuan rule, and no settings another basis uses', () => {
    expect(problems(withBonus({ per: 'yuan' }))).toEqual([{ field: 'bonuses/0/research/pointsPerYuan', code: 'bad_points_per_yuan' }]);
    expect(problems(withBonus({ per: 'yuan', pointsPerYuan: 0.00001 }))).toEqual([{ field: 'bonuses/0/research/pointsPerYuan', code: 'bad_points_per_yuan' }]);
    expect(problems(withBonus({ per: 'yuan', pointsPerYuan: 0.01, pointsPerWork: 1 }))).toEqual([{ field: 'bonuses/0/research/pointsPerWork', code: 'research_field_not_used' }]);
    expect(problems(withBonus({ per: 'reward-points', levels: [] }))).toEqual([{ field: 'bonuses/0/research/levels', code: 'research_field_not_used' }]);
    expect(problems(withBonus({ per: 'work', pointsPerWork: 1, pointsPerYuan: 0.01 }))).toEqual([{ field: 'bonuses/0/research/pointsPerYuan', code: 'research_field_not_used' }]);
  });

  it('computes at most one bonus from research works, so a work counts once', () => {
    const twice: SchemeContent = {
      ...EXAMPLE_SCHEME,
      bonuses: [
        { id: 'research-award', label: '调研获奖', cap: 5, research: { per: 'reward-points' } },
        { id: 'research-money', label: '调研奖励', cap: 5, research: { per: 'yuan', pointsPerYuan: 0.01 } },
      ],
    };
    expect(problems(twice)).toEqual([{ field: 'bonuses', code: 'one_research_bonus' }]);
  });
});
