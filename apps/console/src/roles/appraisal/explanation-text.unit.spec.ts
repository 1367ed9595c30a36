import type { Translate } from '../../i18n/i18n';
import { MESSAGES } from '../../i18n/messages';
import { criterionRule, inputsText } from './explanation-text';
import type { Criterion } from './types';

type Formula = Extract<Criterion, { source: 'computed' }>['formula'];
/** Every formula the service's scheme accepts (the type fails to check when one is added). */
const FORMULAS = Object.keys({ 'items-fulfilled-ratio': 1, 'monthly-checks-on-track-ratio': 1, 'deeds-recorded-count': 1, 'reminder-talks-deduction': 1 } satisfies Record<Formula, 1>) as Formula[];

const translate =
  (index: 0 | 1 | 2): Translate =>
  (key, vars) =>
    MESSAGES[key][index].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
const [zhCN, zhTW, en] = [translate(0), translate(1), translate(2)];
const SERVER = 'maximum × something the service says';

describe('a criterion’s rule in the reader’s language', () => {
  it('says each formula’s rule in Simplified Chinese, Traditional Chinese and English', () => {
    for (const formula of FORMULAS) {
      const score = { formula, source: 'computed' as const, rule: SERVER };
      const [cn, tw, english] = [criterionRule(score, zhCN), criterionRule(score, zhTW), criterionRule(score, en)];
      expect(cn).toMatch(/[满条次]/);
      expect(cn).not.toMatch(/[a-z]{3,}/);
      expect(tw).not.toBe(cn);
      expect(english).toMatch(/maximum/);
      expect(new Set([cn, tw, english, SERVER]).size).toBe(4);
    }
    expect(criterionRule({ formula: 'monthly-checks-on-track-ratio', source: 'computed', rule: SERVER }, zhCN)).toBe(
      '满分 × “已完成”或“按进度推进”的条目状态数 ÷ 本半年月度检查记录的全部条目状态数',
    );
  });

  it('keeps the service’s text for a formula it does not know', () => {
    expect(criterionRule({ formula: 'weekly-visits-ratio', source: 'computed', rule: SERVER }, zhCN)).toBe(SERVER);
    expect(criterionRule({ source: 'computed', rule: SERVER }, zhCN)).toBe(SERVER);
  });

  it('says the democratic evaluation’s and an entered score’s rule by the score’s source', () => {
    expect(criterionRule({ source: 'democratic', rule: SERVER }, zhCN)).toMatch(/^满分 × 有票来源（本人自评、党小组互评、群众评议）的加权平均/);
    expect(criterionRule({ source: 'entered', rule: 'entered by the appraisal office' }, zhCN)).toBe('考评办录入');
    expect(criterionRule({ source: 'entered', rule: 'entered by the appraisal office' }, zhTW)).toBe('考評辦錄入');
    expect(criterionRule({ source: 'entered', rule: 'entered by the appraisal office' }, en)).toBe('entered by the appraisal office');
  });
});

describe('what a rule counted, in the reader’s language', () => {
  it('names each input, the self rating in the reader’s words, and an unknown input as it came', () => {
    expect(inputsText({ items: 3, done: 2, fulfilled: 2 }, zhCN)).toBe('条目总数 3，已完成 2，已履诺 2');
    expect(inputsText({ selfVotes: 1, selfWeight: 20, selfAverage: 80, selfRating: '较好' }, zhCN)).toBe('自评票数 1，自评权重 20%，自评平均 80%，自评等次 较好');
    expect(inputsText({ selfRating: '较好', talks: 1 }, en)).toBe('self rating Fair, reminder talks 1');
    expect(inputsText({ visits: 4, talks: 0 }, zhCN)).toBe('visits=4，谈话提醒次数 0');
    expect(inputsText({}, zhCN)).toBe('');
  });
});
