// The explanation's fixed texts in the reader's language: each computed criterion's rule by its
// formula's name, the rule of the democratic evaluation and of an entered score by the score's
// source, and the names of the inputs a rule counted. The service's words stay the fallback for a
// formula or an input the console does not know yet; what people wrote (notes, reasons) is shown
// as written.
import type { Translate } from '../../i18n/i18n';
import { MESSAGES, type MessageKey } from '../../i18n/messages';
import type { CriterionScore } from './types';

const isKey = (key: string): key is MessageKey => key in MESSAGES;

/** The democratic evaluation's self rating comes back in the bureau's words (好 / 较好 / 一般 / 差). */
const RATING_OF_WORD: Record<string, string> = { 好: 'good', 较好: 'fair', 一般: 'average', 差: 'poor' };

/** A criterion's rule in the reader's language: by its formula, else by its source, else the service's text. */
export function criterionRule(score: Pick<CriterionScore, 'formula' | 'source' | 'rule'>, t: Translate): string {
  const byFormula = `appraisal.formulaRule.${score.formula ?? ''}`;
  if (score.formula && isKey(byFormula)) return t(byFormula);
  const bySource = `appraisal.sourceRule.${score.source}`;
  if (score.source !== 'computed' && isKey(bySource)) return t(bySource);
  return score.rule;
}

/** One input value; the self rating in the reader's words. */
function inputValue(key: string, value: number | string, t: Translate): string {
  const rating = key === 'selfRating' && typeof value === 'string' ? `rating.${RATING_OF_WORD[value] ?? ''}` : '';
  return rating && isKey(rating) ? t(rating) : String(value);
}

/** What a rule counted, named in the reader's language ("条目总数 3，已完成 2"); an unknown input as key=value. */
export function inputsText(inputs: Record<string, number | string>, t: Translate): string {
  return Object.entries(inputs)
    .map(([key, value]) => {
      const name = `appraisal.input.${key}`;
      return isKey(name) ? t(name, { value: inputValue(key, value, t) }) : `${key}=${value}`;
    })
    .join(t('appraisal.inputSeparator'));
}
