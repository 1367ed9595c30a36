import { invalid } from '@pledgebook/util';
import { firstDuplicate, optionalText, requireFen } from './values';

/** Spiritual rewards (精神獎勵): a commendation, a certificate, an honour title. */
export const SPIRITUAL_FORMS = ['commendation', 'certificate', 'honour-title'] as const;
export type SpiritualForm = (typeof SPIRITUAL_FORMS)[number];

/** A material reward (物質獎勵): money in fen, or goods (described, with their value in fen if known). */
export type MaterialReward = { kind: 'money'; amountFen: number } | { kind: 'goods'; goods: string; valueFen?: number };

/** What a reward consists of: spiritual forms, a material part, or both. */
export interface RewardContent {
  spiritual: SpiritualForm[];
  material?: MaterialReward;
}

/** Checks a reward's content (fields under `at`, e.g. `honours/0`), returning it normalised. */
export function validateRewardContent(content: RewardContent, at: string): RewardContent {
  const field = (path: string) => (at ? `${at}/${path}` : path);
  const duplicate = firstDuplicate(content.spiritual);
  if (duplicate) throw invalid('duplicate_form', `${duplicate.value} is named twice`, { field: field(`spiritual/${duplicate.index}`) });
  if (content.spiritual.length === 0 && !content.material) throw invalid('empty_reward', 'a reward needs a spiritual form, a material part or both', { field: field('spiritual') });
  const material = content.material;
  if (!material) return { spiritual: [...content.spiritual] };
  if (material.kind === 'money') return { spiritual: [...content.spiritual], material: { kind: 'money', amountFen: requireFen(material.amountFen, field('material/amountFen'), { positive: true }) } };
  const goods = optionalText(material.goods, field('material/goods'), 200);
  if (!goods) throw invalid('goods_required', 'goods need a description', { field: field('material/goods') });
  return {
    spiritual: [...content.spiritual],
    material: { kind: 'goods', goods, ...(material.valueFen !== undefined ? { valueFen: requireFen(material.valueFen, field('material/valueFen')) } : {}) },
  };
}

/** The amount a reward gives in fen (money, or the goods' value when known). */
export const materialFen = (content: RewardContent) => (content.material ? (content.material.kind === 'money' ? content.material.amountFen : (content.material.valueFen ?? 0)) : 0);
