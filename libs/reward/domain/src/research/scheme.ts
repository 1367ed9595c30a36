import { invalid } from '@pledgebook/util';
import { requireLeadingGroup, type Actor } from '../shared/actor';
import { firstDuplicate, optionalText, requireFen, requireText } from '../shared/values';

/**
 * The bureau's reward scheme for statistical information, analysis and research work
 * (統計信息、分析調研獎勵辦法): categories of work, each with levels and the amount a level pays.
 */
export interface ResearchLevel {
  levelId: string;
  name: string;
  amountFen: number;
  /** Points a work at this level adds to its authors' appraisal, when the scheme feeds a bonus. */
  bonusPoints?: number;
}

export interface ResearchCategory {
  categoryId: string;
  name: string;
  levels: ResearchLevel[];
}

export interface ResearchSchemeVersion {
  version: number;
  categories: ResearchCategory[];
  /** Whether rated works carry bonus points for the appraisal scheme (on research-work-rated). */
  appraisalBonus: boolean;
  note?: string;
  setBy: string;
  setAt: string;
}

export interface ResearchSchemeState {
  bureauId?: string;
  year?: number;
  versions: ResearchSchemeVersion[];
}

export type ResearchSchemeCommand = {
  type: 'SetResearchScheme';
  bureauId: string;
  year: number;
  categories: ResearchCategory[];
  appraisalBonus: boolean;
  note?: string;
  actor: Actor;
  at: string;
};

export type ResearchSchemeEvent = { type: 'ResearchSchemeSet'; data: { bureauId: string; year: number } & ResearchSchemeVersion };

export const CATALOGUE_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
export const currentScheme = (state: ResearchSchemeState) => state.versions[state.versions.length - 1];

function validateCategory(category: ResearchCategory, at: string, appraisalBonus: boolean): ResearchCategory {
  if (!CATALOGUE_ID.test(category.categoryId)) throw invalid('invalid_category_id', 'a category id is lower-case letters, digits and -', { field: `${at}/categoryId` });
  if (category.levels.length === 0 || category.levels.length > 10) throw invalid('invalid_levels', 'a category has 1 to 10 levels', { field: `${at}/levels` });
  const duplicate = firstDuplicate(category.levels.map((l) => l.levelId));
  if (duplicate) throw invalid('duplicate_level', `level ${duplicate.value} is named twice`, { field: `${at}/levels/${duplicate.index}/levelId` });
  const levels = category.levels.map((level, i) => {
    const where = `${at}/levels/${i}`;
    if (!CATALOGUE_ID.test(level.levelId)) throw invalid('invalid_level_id', 'a level id is lower-case letters, digits and -', { field: `${where}/levelId` });
    if (level.bonusPoints !== undefined) {
      if (!appraisalBonus) throw invalid('bonus_not_enabled', 'bonus points need the scheme’s appraisal bonus switched on', { field: `${where}/bonusPoints` });
      if (!(level.bonusPoints >= 0 && level.bonusPoints <= 100)) throw invalid('invalid_bonus', 'bonus points are 0 to 100', { field: `${where}/bonusPoints` });
    }
    return {
      levelId: level.levelId,
      name: requireText(level.name, `${where}/name`, 100),
      amountFen: requireFen(level.amountFen, `${where}/amountFen`),
      ...(level.bonusPoints !== undefined ? { bonusPoints: level.bonusPoints } : {}),
    };
  });
  return { categoryId: category.categoryId, name: requireText(category.name, `${at}/name`, 100), levels };
}

export function decideResearchScheme(command: ResearchSchemeCommand, state: ResearchSchemeState): ResearchSchemeEvent[] {
  requireLeadingGroup(command.actor, 'set the research reward scheme');
  if (command.categories.length === 0 || command.categories.length > 20) throw invalid('invalid_categories', 'a scheme names 1 to 20 categories', { field: 'categories' });
  const duplicate = firstDuplicate(command.categories.map((c) => c.categoryId));
  if (duplicate) throw invalid('duplicate_category', `category ${duplicate.value} is named twice`, { field: `categories/${duplicate.index}/categoryId` });
  const categories = command.categories.map((c, i) => validateCategory(c, `categories/${i}`, command.appraisalBonus));
  const note = optionalText(command.note, 'note', 1000);
  const current = currentScheme(state);
  if (current && JSON.stringify(current.categories) === JSON.stringify(categories) && current.appraisalBonus === command.appraisalBonus && current.note === note) return [];
  return [
    {
      type: 'ResearchSchemeSet',
      data: { bureauId: command.bureauId, year: command.year, version: (current?.version ?? 0) + 1, categories, appraisalBonus: command.appraisalBonus, ...(note ? { note } : {}), setBy: command.actor.memberId, setAt: command.at },
    },
  ];
}

export function evolveResearchScheme(state: ResearchSchemeState, event: ResearchSchemeEvent): ResearchSchemeState {
  const { bureauId, year, ...version } = event.data;
  return { bureauId, year, versions: [...state.versions, version] };
}

export const researchSchemeDecider = {
  decide: decideResearchScheme,
  evolve: evolveResearchScheme,
  initialState: (): ResearchSchemeState => ({ versions: [] }),
};
