import { deciderSpec } from '@pledgebook/util/testing';
import { EXAMPLE_SCHEME } from '../scheme/example-scheme';
import type { BonusItem, ResearchBonusRule } from '../scheme/research-bonus';
import type { ComputedCriterion, SchemeContent } from '../scheme/types';
import type { RoundCommand } from './commands';
import { roundDecider } from './decider';
import { explainResult } from './explain';
import type { RoundEvent } from './events';
import { office, opened, OPEN_AT, qian, subjects } from './round.fixtures';
import type { ResearchWorkFact, SubjectFacts } from './scoring/facts';
import { scoreComputedToStore } from './scoring/formulas';
import { explainResearchBonus, scoreResearchBonus } from './scoring/research-bonus';

const given = deciderSpec(roundDecider.decide, roundDecider.evolve, roundDecider.initialState);
const H1 = { year: 2026, half: 'H1' as const };
const work = (workId: string, extra: Partial<ResearchWorkFact> = {}): ResearchWorkFact => ({ eventId: `ev-${workId}`, workId, categoryId: 'adopted-information', levelId: 'city', ratedOn: '2026-03-10', shareFen: 50_000, ...extra });
const bonus = (research: ResearchBonusRule, cap = 5): BonusItem & { research: ResearchBonusRule } => ({ id: 'research-award', label: '统计信息、分析调研获奖', cap, research });
const perWork = bonus({ per: 'work', pointsPerWork: 1.5 });

describe('research bonus: scoring a member’s rated works', () => {
  it('counts the works rated within the half, the rating’s date from the first to the last day inclusive', () => {
    const works = [work('w-jan1', { ratedOn: '2026-01-01' }), work('w-jun30', { ratedOn: '2026-06-30' }), work('w-dec', { ratedOn: '2025-12-31' }), work('w-jul1', { ratedOn: '2026-07-01' })];
    expect(scoreResearchBonus(perWork, works, H1)).toEqual({ bonusId: 'research-award', points: 3, inputs: { works: 2, scoring: 2, revoked: 0, uncapped: 3 }, sourceEventIds: ['ev-w-jan1', 'ev-w-jun30'] });
    expect(scoreResearchBonus(perWork, works, { year: 2026, half: 'H2' }).sourceEventIds).toEqual(['ev-w-jul1']);
  });

  it('does not count a work whose grant to the member was revoked, and counts a redelivered work once', () => {
    const scored = scoreResearchBonus(perWork, [work('w1'), work('w1'), work('w2', { revoked: true })], H1);
    expect(scored).toMatchObject({ points: 1.5, inputs: { works: 1, scoring: 1, revoked: 1 }, sourceEventIds: ['ev-w1'] });
  });

  it('gives a work its level’s points, else its category’s, else the points per work; capped by the bonus’s cap', () => {
    const rule = bonus({ per: 'work', pointsPerWork: 0.5, levels: [{ categoryId: 'research-award', points: 2 }, { categoryId: 'research-award', levelId: 'provincial', points: 4 }, { categoryId: 'analysis-report', points: 0 }] });
    const works = [work('w1', { categoryId: 'research-award', levelId: 'provincial' }), work('w2', { categoryId: 'research-award', levelId: 'city' }), work('w3', { categoryId: 'analysis-report' }), work('w4')];
    expect(scoreResearchBonus(rule, works, H1)).toEqual({ bonusId: 'research-award', points: 5, inputs: { works: 4, scoring: 3, revoked: 0, uncapped: 6.5 }, sourceEventIds: ['ev-w1', 'ev-w2', 'ev-w4'] });
  });

  it('per yuan: the member’s shares in yuan times the points per yuan', () => {
    const rule = bonus({ per: 'yuan', pointsPerYuan: 0.002 });
    expect(scoreResearchBonus(rule, [work('w1', { shareFen: 75_050 }), work('w2', { shareFen: 25_000 }), work('w3', { shareFen: 0 })], H1)).toMatchObject({
      points: 2,
      inputs: { works: 3, scoring: 2, uncapped: 2, shareFen: 100_050 },
      sourceEventIds: ['ev-w1', 'ev-w2'],
    });
  });

  it('reward points: the points the research reward scheme gave each work, none without them', () => {
    const rule = bonus({ per: 'reward-points' });
    expect(scoreResearchBonus(rule, [work('w1', { bonusPoints: 2 }), work('w2', { bonusPoints: 0.5 }), work('w3')], H1)).toMatchObject({ points: 2.5, inputs: { works: 3, scoring: 2 } });
  });

  it('explains itself in one line', () => {
    expect(explainResearchBonus(perWork, scoreResearchBonus(perWork, [work('w1'), work('w2')], H1))).toBe('2 项调研成果被采用（每项 1.5 分），+3 分');
    const capped = bonus({ per: 'work', levels: [{ categoryId: 'adopted-information', points: 2 }] }, 3);
    expect(explainResearchBonus(capped, scoreResearchBonus(capped, [work('w1'), work('w2'), work('w3', { revoked: true })], H1))).toBe('2 项调研成果被采用（按类别和等次计分），+3 分（合计 4 分，上限 3 分）；1 项奖励已撤销，不计');
    const yuan = bonus({ per: 'yuan', pointsPerYuan: 0.002 });
    expect(explainResearchBonus(yuan, scoreResearchBonus(yuan, [work('w1', { shareFen: 100_050 })], H1))).toBe('调研成果奖励 1000.5 元（每元 0.002 分），+2 分');
  });
});

describe('research bonus: the round', () => {
  const scheme: SchemeContent = { ...EXAMPLE_SCHEME, bonuses: [perWork, { id: 'volunteer', label: '志愿服务', cap: 3 }] };
  const openedWithResearch: RoundEvent = { type: 'RoundOpened', data: { ...(opened as Extract<RoundEvent, { type: 'RoundOpened' }>).data, scheme } };
  const base: SubjectFacts = { items: [], statuses: [], records: [], talks: [] };
  const factsOf = (research: Record<string, ResearchWorkFact[]>) => Object.fromEntries(subjects.map((s) => [s.memberId, { ...base, research: research[s.memberId] ?? [] }]));
  const compute = (facts: Record<string, SubjectFacts>): RoundCommand => ({ type: 'ScoreComputedCriteria', actor: qian, context: { ...office, facts }, at: OPEN_AT });
  const criteria = (facts: SubjectFacts) => EXAMPLE_SCHEME.criteria.filter((c): c is ComputedCriterion => c.source === 'computed').map((c) => scoreComputedToStore(c, facts, { ...H1, schemeVersion: 1 }));
  const award = (bonusId: string, points = 2): RoundCommand => ({ type: 'AwardBonus', actor: qian, context: office, memberId: 'sun', bonusId, points, reason: '获奖', at: OPEN_AT });

  it('is recorded with the computed scores, for every subject', () => {
    const facts = factsOf({ sun: [work('w1'), work('w2')] });
    const scores = subjects
      .map((s) => s.memberId)
      .sort()
      .map((memberId) => ({ memberId, criteria: criteria(facts[memberId]!), bonuses: [scoreResearchBonus(perWork, facts[memberId]!.research!, H1)] }));
    given([openedWithResearch]).when(compute(facts)).then([{ type: 'ComputedScoresRecorded', data: { scores, by: 'qian', at: OPEN_AT } }]);
  });

  it('is a line of the member’s score sheet, explained, citing the reward service’s events', () => {
    const opened = [openedWithResearch].reduce(roundDecider.evolve, roundDecider.initialState());
    const state = roundDecider.decide(compute(factsOf({ sun: [work('w1'), work('w2')] })), opened).reduce(roundDecider.evolve, opened);
    const sheet = explainResult(state, 'sun')!.sheet;
    expect(sheet.bonuses).toEqual([
      {
        id: 'research-award',
        label: '统计信息、分析调研获奖',
        points: 3,
        cap: 5,
        reason: '2 项调研成果被采用（每项 1.5 分），+3 分',
        by: 'qian',
        computed: { rule: expect.stringContaining('rated in the half'), inputs: { works: 2, scoring: 2, revoked: 0, uncapped: 3 }, sourceEventIds: ['ev-w1', 'ev-w2'] },
      },
    ]);
    expect(sheet.bonusPoints).toBe(3);
    expect(explainResult(state, 'wu')!.sheet.bonuses).toEqual([]);
  });

  it('is recomputed: a later run without the work (its grant revoked) withdraws the bonus', () => {
    let state = [openedWithResearch].reduce(roundDecider.evolve, roundDecider.initialState());
    for (const revoked of [false, true]) {
      const events = roundDecider.decide(compute(factsOf({ sun: [work('w1', { revoked })] })), state);
      state = events.reduce(roundDecider.evolve, state);
    }
    expect(state.bonuses.sun).toEqual({});
  });

  it('cannot be awarded by hand while the scheme computes it (the bonus named), unlike a bonus awarded by the office', () => {
    given([openedWithResearch]).when(award('research-award')).thenFails('computed_bonus', 'invalid', 'bonusId');
    given([openedWithResearch]).when(award('research-award', 0)).thenFails('computed_bonus', 'invalid', 'bonusId');
    given([openedWithResearch]).when(award('volunteer')).then([{ type: 'BonusAwarded', data: { memberId: 'sun', bonusId: 'volunteer', points: 2, reason: '获奖', by: 'qian', at: OPEN_AT } }]);
  });

  it('is recorded even when the scheme computes no criterion, and not at all when it has no research bonus', () => {
    const noCriteria: RoundEvent = { type: 'RoundOpened', data: { ...(openedWithResearch as Extract<RoundEvent, { type: 'RoundOpened' }>).data, scheme: { ...scheme, criteria: scheme.criteria.filter((c) => c.source !== 'computed') } } };
    const [event] = roundDecider.decide(compute(factsOf({ sun: [work('w1')] })), [noCriteria].reduce(roundDecider.evolve, roundDecider.initialState()));
    expect(event).toMatchObject({ type: 'ComputedScoresRecorded', data: { scores: expect.arrayContaining([{ memberId: 'sun', criteria: [], bonuses: [expect.objectContaining({ points: 1.5 })] }]) } });
    const [plain] = roundDecider.decide(compute(factsOf({ sun: [work('w1')] })), [opened].reduce(roundDecider.evolve, roundDecider.initialState()));
    expect((plain as Extract<RoundEvent, { type: 'ComputedScoresRecorded' }>).data.scores.every((s) => s.bonuses === undefined)).toBe(true);
  });
});
