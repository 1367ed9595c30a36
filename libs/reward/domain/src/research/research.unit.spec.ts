import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import { decideResearchScheme, evolveResearchScheme, type ResearchCategory, type ResearchSchemeCommand, type ResearchSchemeEvent, type ResearchSchemeVersion } from './scheme';
import { researchTotals, shareAmount } from './shares';
import { decideResearchWork, evolveResearchWork, initialResearchWorkState, type ResearchWorkCommand, type ResearchWorkEvent } from './work';

const AT = '2026-06-01T02:00:00.000Z';
const leading: Actor = { memberId: 'zhou', bureauId: 'weihai', roles: ['member', 'leading-group'] };
const office: Actor = { memberId: 'li-hm', bureauId: 'weihai', roles: ['member', 'appraisal-office'] };
const he: Actor = { memberId: 'he', bureauId: 'weihai', roles: ['member'] };
const categories: ResearchCategory[] = [
  { categoryId: 'adopted-information', name: '信息被領導批示採用', levels: [{ levelId: 'provincial', name: '省級領導批示', amountFen: 100_000, bonusPoints: 2 }, { levelId: 'city', name: '市級領導批示', amountFen: 50_000, bonusPoints: 1 }] },
  { categoryId: 'analysis-report', name: '統計分析報告', levels: [{ levelId: 'first', name: '一等', amountFen: 30_001 }] },
];

describe('research reward scheme decider', () => {
  const set = (extra: Partial<ResearchSchemeCommand> = {}): ResearchSchemeCommand => ({ type: 'SetResearchScheme', bureauId: 'weihai', year: 2026, categories, appraisalBonus: true, actor: leading, at: AT, ...extra });
  const setEvent: ResearchSchemeEvent = { type: 'ResearchSchemeSet', data: { bureauId: 'weihai', year: 2026, version: 1, categories, appraisalBonus: true, setBy: 'zhou', setAt: AT } };
  const given = deciderSpec(decideResearchScheme, evolveResearchScheme, () => ({ versions: [] }));
  it('sets categories and levels with their amounts', () => given([]).when(set()).then([setEvent]));
  it('versions changes and ignores a repeat', () => {
    given([setEvent]).when(set()).then([]);
    given([setEvent]).when(set({ appraisalBonus: true, categories: categories.slice(0, 1) })).then([{ type: 'ResearchSchemeSet', data: { ...setEvent.data, version: 2, categories: categories.slice(0, 1) } }]);
  });
  it('is set by the leading group', () => void given([]).when(set({ actor: office })).thenFails('not_leading_group', 'forbidden'));
  it('names categories and levels once', () => {
    given([]).when(set({ categories: [categories[0]!, categories[0]!] })).thenFails('duplicate_category', 'invalid', 'categories/1/categoryId');
    given([]).when(set({ categories: [{ ...categories[1]!, levels: [categories[1]!.levels[0]!, categories[1]!.levels[0]!] }] })).thenFails('duplicate_level', 'invalid', 'categories/0/levels/1/levelId');
  });
  it('pays whole fen', () => void given([]).when(set({ categories: [{ ...categories[1]!, levels: [{ levelId: 'x', name: 'x', amountFen: -1 }] }] })).thenFails('invalid_amount', 'invalid', 'categories/0/levels/0/amountFen'));
  it('takes bonus points only when the appraisal bonus is on', () => void given([]).when(set({ appraisalBonus: false })).thenFails('bonus_not_enabled', 'invalid', 'categories/0/levels/0/bonusPoints'));
});

describe('research work decider', () => {
  const scheme: ResearchSchemeVersion = { version: 1, categories, appraisalBonus: true, setBy: 'zhou', setAt: AT };
  const submit = (extra: Partial<Extract<ResearchWorkCommand, { type: 'SubmitResearchWork' }>> = {}): ResearchWorkCommand => ({
    type: 'SubmitResearchWork',
    workId: 'w1',
    bureauId: 'weihai',
    year: 2026,
    title: '關於全市規上工業增速回落的分析',
    categoryId: 'adopted-information',
    authors: ['he', 'ma', 'sun'],
    evidence: ['市政府辦公室《每日要情》2026年第58期採用'],
    actor: he,
    at: AT,
    scheme,
    unknownAuthors: [],
    ...extra,
  });
  const submitted: ResearchWorkEvent = {
    type: 'ResearchWorkSubmitted',
    data: { workId: 'w1', bureauId: 'weihai', year: 2026, title: '關於全市規上工業增速回落的分析', categoryId: 'adopted-information', categoryName: '信息被領導批示採用', authors: ['he', 'ma', 'sun'], evidence: ['市政府辦公室《每日要情》2026年第58期採用'], submittedBy: 'he', submittedAt: AT },
  };
  const rate = (actor: Actor, levelId = 'city'): ResearchWorkCommand => ({ type: 'RateResearchWork', levelId, actor, at: AT, scheme });
  const given = deciderSpec(decideResearchWork, evolveResearchWork, () => initialResearchWorkState('w1'));

  it('takes a work with its authors and evidence', () => given([]).when(submit()).then([submitted]));
  it('is submitted by an author (or for them by the office, a secretary or the leading group)', () => {
    given([]).when(submit({ actor: { ...he, memberId: 'feng' } })).thenFails('not_an_author', 'forbidden');
    given([]).when(submit({ actor: office })).then([{ ...submitted, data: { ...submitted.data, submittedBy: 'li-hm' } } as ResearchWorkEvent]);
  });
  it('needs the year’s scheme and one of its categories', () => {
    given([]).when(submit({ scheme: undefined })).thenFails('no_research_scheme', 'invalid', 'year');
    given([]).when(submit({ categoryId: 'poems' })).thenFails('unknown_category', 'invalid', 'categoryId');
  });
  it('names known authors once, and evidence', () => {
    given([]).when(submit({ unknownAuthors: ['ma'] })).thenFails('unknown_author', 'invalid', 'authors/1');
    given([]).when(submit({ authors: ['he', 'he'] })).thenFails('duplicate_author', 'invalid', 'authors/1');
    given([]).when(submit({ evidence: [] })).thenFails('evidence_required', 'invalid', 'evidence');
  });
  it('is rated by someone who is not an author; the level’s amount is shared by the authors', () =>
    given([submitted])
      .when(rate(office))
      .then([
        {
          type: 'ResearchWorkRated',
          data: {
            workId: 'w1',
            bureauId: 'weihai',
            year: 2026,
            title: '關於全市規上工業增速回落的分析',
            categoryId: 'adopted-information',
            categoryName: '信息被領導批示採用',
            levelId: 'city',
            levelName: '市級領導批示',
            amountFen: 50_000,
            shares: [{ memberId: 'he', shareFen: 16_667 }, { memberId: 'ma', shareFen: 16_667 }, { memberId: 'sun', shareFen: 16_666 }],
            bonusPoints: 1,
            schemeVersion: 1,
            ratedBy: 'li-hm',
            ratedAt: AT,
          },
        },
      ]));
  it('is never rated by an author, nor by a plain member', () => {
    given([submitted]).when(rate({ ...office, memberId: 'ma' })).thenFails('rater_is_author', 'forbidden');
    given([submitted]).when(rate({ ...he, memberId: 'feng' })).thenFails('not_a_rater', 'forbidden');
  });
  it('is rated at a level of its category, once', () => {
    given([submitted]).when(rate(office, 'first')).thenFails('unknown_level', 'invalid', 'levelId');
    const rated = decideResearchWork(rate(office), [submitted].reduce(evolveResearchWork, initialResearchWorkState('w1')));
    given([submitted, ...rated]).when(rate(leading)).thenFails('wrong_state', 'conflict');
  });
  it('may be declined with a reason instead', () => {
    given([submitted]).when({ type: 'DeclineResearchWork', reason: '證明材料不足', actor: leading, at: AT }).then([{ type: 'ResearchWorkDeclined', data: { workId: 'w1', reason: '證明材料不足', by: 'zhou', at: AT } }]);
    given([submitted]).when({ type: 'DeclineResearchWork', reason: '', actor: leading, at: AT }).thenFails('invalid_text', 'invalid', 'reason');
  });
});

describe('research shares and yearly totals', () => {
  it('shares in whole fen, the remainder to the first authors', () => {
    expect(shareAmount(100, ['a', 'b', 'c'])).toEqual([{ memberId: 'a', shareFen: 34 }, { memberId: 'b', shareFen: 33 }, { memberId: 'c', shareFen: 33 }]);
    expect(shareAmount(0, ['a'])).toEqual([{ memberId: 'a', shareFen: 0 }]);
  });
  it('totals a year per member: works, fen and bonus points', () => {
    const works = [
      { workId: 'w1', year: 2026, shares: shareAmount(50_000, ['he', 'ma']), bonusPoints: 1 },
      { workId: 'w2', year: 2026, shares: shareAmount(30_000, ['he']) },
      { workId: 'w3', year: 2025, shares: shareAmount(99_999, ['ma']) },
    ];
    expect(researchTotals(works, 2026)).toEqual([
      { memberId: 'he', works: 2, amountFen: 55_000, bonusPoints: 1 },
      { memberId: 'ma', works: 1, amountFen: 25_000, bonusPoints: 1 },
    ]);
  });
});
