import { invalid } from '../errors';
import { BENEFICIARY_TYPES, COMMON_AREAS, type ItemInput, type PledgeItem, type PledgerType } from './types';

export const LIMITS = { items: 30, text: 1000, target: 500, beneficiary: 100, beneficiaryRef: 100, narrative: 2000, evidence: 20, evidenceRef: 500, attachments: 10, attachmentName: 200, reason: 1000 } as const;

function text(value: string, max: number, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalid('empty_text', `${field} must not be empty`, { field });
  if (trimmed.length > max) throw invalid('text_too_long', `${field} must be at most ${max} characters`, { field, max });
  return trimmed;
}

/**
 * Checks a pledge book's items and numbers them 1…n. Common items name their area, deed items
 * a guidance category of the pledger's branch; an individual book holds at least one common and
 * one position item.
 */
export function validateItems(items: readonly ItemInput[], pledgerType: PledgerType, categories: readonly string[]): PledgeItem[] {
  if (items.length === 0) throw invalid('no_items', 'a pledge book needs at least one item', { field: 'items' });
  if (items.length > LIMITS.items) throw invalid('too_many_items', `at most ${LIMITS.items} items`, { field: 'items' });
  const numbered = items.map((item, i): PledgeItem => {
    const at = `items/${i}`;
    const out: PledgeItem = { no: i + 1, kind: item.kind, text: text(item.text, LIMITS.text, `${at}/text`), target: text(item.target, LIMITS.target, `${at}/target`) };
    if (item.dueQuarter !== undefined) out.dueQuarter = item.dueQuarter;
    if (item.kind === 'common') {
      if (!item.area || !COMMON_AREAS.includes(item.area)) {
        throw invalid('area_required', `a common item names its area: ${COMMON_AREAS.join(', ')}`, { field: `${at}/area` });
      }
      out.area = item.area;
    } else if (item.area !== undefined) {
      throw invalid('area_not_allowed', 'only common items have an area', { field: `${at}/area` });
    }
    if (item.kind === 'deed') {
      if (!item.category || !categories.includes(item.category)) {
        throw invalid('unknown_category', `a deed item names one of the branch's guidance categories: ${categories.join(', ')}`, {
          field: `${at}/category`,
          categories,
        });
      }
      out.category = item.category;
      if (item.beneficiary) {
        if (!BENEFICIARY_TYPES.includes(item.beneficiary.type)) throw invalid('invalid_beneficiary', 'unknown beneficiary type', { field: `${at}/beneficiary/type` });
        out.beneficiary = {
          type: item.beneficiary.type,
          name: text(item.beneficiary.name, LIMITS.beneficiary, `${at}/beneficiary/name`),
          ...(item.beneficiary.arrangedByBranch ? { arrangedByBranch: true } : {}),
        };
      }
    } else {
      if (item.category !== undefined) throw invalid('category_not_allowed', 'only deed items have a category', { field: `${at}/category` });
      if (item.beneficiary !== undefined) throw invalid('beneficiary_not_allowed', 'only deed items have a beneficiary', { field: `${at}/beneficiary` });
    }
    if (item.benchmark !== undefined) {
      if (item.kind !== 'position') throw invalid('benchmark_not_allowed', 'only position items carry the province-first-rank benchmark', { field: `${at}/benchmark` });
      out.benchmark = item.benchmark;
    }
    return out;
  });
  if (pledgerType === 'individual') {
    for (const kind of ['common', 'position'] as const) {
      if (!numbered.some((i) => i.kind === kind)) {
        throw invalid(`${kind}_item_required`, `an individual pledge book needs at least one ${kind} item`, { field: 'items' });
      }
    }
  }
  return numbered;
}
