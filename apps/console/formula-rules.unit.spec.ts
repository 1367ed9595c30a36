import { DEMOCRATIC_RULE, FORMULA_CATALOGUE, FORMULAS } from '@pledgebook/appraisal-domain';
import type { Translate } from './src/i18n/i18n';
import { MESSAGES } from './src/i18n/messages';
import { criterionRule } from './src/roles/appraisal/explanation-text';

// The console says the appraisal service's fixed rules in the reader's language: every formula of
// the service's catalogue has its words here, the English ones being the catalogue's own. (Beside
// the console's sources: its browser code may not import a workspace library.)
const translate =
  (index: 0 | 1 | 2): Translate =>
  (key, vars) =>
    MESSAGES[key][index].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
const [zhCN, zhTW, en] = [translate(0), translate(1), translate(2)];

describe('the formula catalogue’s rules in the console', () => {
  it.each(FORMULAS)('says %s in Simplified Chinese first, and in Traditional Chinese and English', (formula) => {
    const score = { formula, source: 'computed' as const, rule: FORMULA_CATALOGUE[formula].rule };
    const cn = criterionRule(score, zhCN);
    expect(cn).not.toBe(score.rule);
    expect(cn).toMatch(/^[^a-zA-Z]*$/);
    expect(cn).toMatch(/满分|每次得分/);
    expect(criterionRule(score, zhTW)).not.toBe(cn);
    expect(criterionRule(score, en)).toBe(FORMULA_CATALOGUE[formula].rule);
  });

  it('keeps the service’s words for a formula the catalogue gains before the console knows it', () => {
    expect(criterionRule({ formula: 'quarterly-visits-ratio', source: 'computed', rule: 'maximum × visits ÷ members' }, zhCN)).toBe('maximum × visits ÷ members');
  });

  it('says the democratic evaluation’s rule as the service does in English', () => {
    expect(criterionRule({ source: 'democratic', rule: DEMOCRATIC_RULE }, en)).toBe(DEMOCRATIC_RULE);
    expect(criterionRule({ source: 'democratic', rule: DEMOCRATIC_RULE }, zhCN)).toMatch(/^[^a-zA-Z]*$/);
  });
});
