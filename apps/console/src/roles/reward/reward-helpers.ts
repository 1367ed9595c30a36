// Framework-free rules the reward pages follow (as the service states them), unit-tested.
import { formatYuan, type Locale } from '../../format/format';
import type { Grade, MaterialReward, Selection, SpiritualForm } from './types';

/** A nominee below the top grade, or without a final result this year, needs a reason (422 reason_required). */
export const needsReason = (grade: Grade | undefined): boolean => grade !== 'excellent';

/** Which step of 评先选优 a selection has reached: opened, decided, on notice, announced. */
export function selectionStep(status: Selection['status']): number {
  return { open: 0, decided: 1, 'on-notice': 2, announced: 3 }[status];
}

/** What the leading group may do next with a selection. */
export function nextActions(selection: Pick<Selection, 'status'>): Array<'propose' | 'nominate' | 'decide' | 'notice' | 'announce'> {
  switch (selection.status) {
    case 'open':
      return ['propose', 'nominate', 'decide'];
    case 'decided':
      return ['notice', 'announce'];
    case 'on-notice':
      // The service refuses (409 notice_not_over) until the notice has ended; the page says so.
      return ['announce'];
    default:
      return [];
  }
}

/** The nominees the decision may choose from: nominations first, in the order they came. */
export function candidates(selection: Pick<Selection, 'nominations'>): string[] {
  return [...new Set(selection.nominations.map((n) => n.memberId))];
}

/** A material reward in words: "¥500.00", or the goods with their value when known. */
export function materialText(material: MaterialReward | undefined, locale: Locale): string {
  if (!material) return '';
  if (material.kind === 'money') return formatYuan(material.amountFen, locale);
  return material.valueFen !== undefined ? `${material.goods}（${formatYuan(material.valueFen, locale)}）` : material.goods;
}

/** A whole reward in words: its spiritual forms, then the material part, joined by 、. */
export function rewardText(reward: { spiritual?: SpiritualForm[]; material?: MaterialReward } | undefined, label: (prefix: string, value: string) => string, locale: Locale): string {
  return [...(reward?.spiritual ?? []).map((f) => label('spiritual', f)), materialText(reward?.material, locale)].filter(Boolean).join('、');
}

/** The amount a reward gives in fen (money, or goods at their value when known), as the statistics count it. */
export const materialFen = (material: MaterialReward | undefined): number => (material ? (material.kind === 'money' ? material.amountFen : (material.valueFen ?? 0)) : 0);
