import { forbidden, invalid, wrongState } from '@pledgebook/util';
import { hasRole, type Actor } from '../shared/actor';
import { firstDuplicate, optionalText, requireText } from '../shared/values';
import type { ResearchSchemeVersion } from './scheme';
import { shareAmount } from './shares';

export interface ResearchWorkState {
  workId: string;
  status: 'none' | 'submitted' | 'rated' | 'declined';
  bureauId?: string;
  year?: number;
  title?: string;
  categoryId?: string;
  categoryName?: string;
  authors: string[];
  evidence: string[];
  summary?: string;
  submittedBy?: string;
  submittedAt?: string;
  rating?: { levelId: string; levelName: string; amountFen: number; shares: Array<{ memberId: string; shareFen: number }>; bonusPoints?: number; schemeVersion: number; comment?: string; ratedBy: string; ratedAt: string };
  declined?: { reason: string; by: string; at: string };
}

export type ResearchWorkCommand =
  | {
      type: 'SubmitResearchWork';
      workId: string;
      bureauId: string;
      year: number;
      title: string;
      categoryId: string;
      authors: string[];
      evidence: string[];
      summary?: string;
      actor: Actor;
      at: string;
      /** The year's research scheme (current version), and authors the directory does not know. */
      scheme?: ResearchSchemeVersion;
      unknownAuthors: string[];
    }
  | { type: 'RateResearchWork'; levelId: string; comment?: string; actor: Actor; at: string; scheme?: ResearchSchemeVersion }
  | { type: 'DeclineResearchWork'; reason: string; actor: Actor; at: string };

type Rating = NonNullable<ResearchWorkState['rating']>;
export type ResearchWorkEvent =
  | {
      type: 'ResearchWorkSubmitted';
      data: { workId: string; bureauId: string; year: number; title: string; categoryId: string; categoryName: string; authors: string[]; evidence: string[]; summary?: string; submittedBy: string; submittedAt: string };
    }
  | { type: 'ResearchWorkRated'; data: { workId: string; bureauId: string; year: number; title: string; categoryId: string; categoryName: string } & Rating }
  | { type: 'ResearchWorkDeclined'; data: { workId: string; reason: string; by: string; at: string } };

/** Who rates works: the leading group and the appraisal office — never an author of the work. */
const RATERS = ['leading-group', 'appraisal-office'];
/** Who may submit a work for its authors. */
const ON_BEHALF = ['leading-group', 'appraisal-office', 'branch-secretary'];

function requireRater(actor: Actor, state: ResearchWorkState): void {
  if (!hasRole(actor, ...RATERS)) throw forbidden('not_a_rater', 'the leading group or the appraisal office rates research works');
  if (state.authors.includes(actor.memberId)) throw forbidden('rater_is_author', 'an author cannot rate their own work');
}

export function decideResearchWork(command: ResearchWorkCommand, state: ResearchWorkState): ResearchWorkEvent[] {
  switch (command.type) {
    case 'SubmitResearchWork': {
      if (state.status !== 'none') throw wrongState('the research work', state.status, ['none']);
      if (!command.authors.includes(command.actor.memberId) && !hasRole(command.actor, ...ON_BEHALF)) throw forbidden('not_an_author', 'members submit works they wrote');
      if (!command.scheme) throw invalid('no_research_scheme', `the bureau has no research reward scheme for ${command.year}`, { field: 'year' });
      const category = command.scheme.categories.find((c) => c.categoryId === command.categoryId);
      if (!category) throw invalid('unknown_category', `the scheme has no category ${command.categoryId}`, { field: 'categoryId' });
      if (command.authors.length === 0 || command.authors.length > 10) throw invalid('invalid_authors', 'a work has 1 to 10 authors', { field: 'authors' });
      const duplicate = firstDuplicate(command.authors);
      if (duplicate) throw invalid('duplicate_author', `${duplicate.value} is listed twice`, { field: `authors/${duplicate.index}` });
      const unknown = command.authors.findIndex((a) => command.unknownAuthors.includes(a));
      if (unknown >= 0) throw invalid('unknown_author', `${command.authors[unknown]} is not in the bureau’s directory`, { field: `authors/${unknown}` });
      if (command.evidence.length === 0) throw invalid('evidence_required', 'name the evidence (where the work was adopted, published or awarded)', { field: 'evidence' });
      const evidence = command.evidence.map((e, i) => requireText(e, `evidence/${i}`, 500));
      const summary = optionalText(command.summary, 'summary', 2000);
      return [
        {
          type: 'ResearchWorkSubmitted',
          data: {
            workId: command.workId,
            bureauId: command.bureauId,
            year: command.year,
            title: requireText(command.title, 'title', 200),
            categoryId: category.categoryId,
            categoryName: category.name,
            authors: [...command.authors],
            evidence,
            ...(summary ? { summary } : {}),
            submittedBy: command.actor.memberId,
            submittedAt: command.at,
          },
        },
      ];
    }
    case 'RateResearchWork': {
      if (state.status !== 'submitted') throw wrongState('the research work', state.status, ['submitted']);
      requireRater(command.actor, state);
      const category = command.scheme?.categories.find((c) => c.categoryId === state.categoryId);
      if (!command.scheme || !category) throw invalid('unknown_category', `the current scheme has no category ${state.categoryId}`, { field: 'levelId' });
      const level = category.levels.find((l) => l.levelId === command.levelId);
      if (!level) throw invalid('unknown_level', `category ${category.categoryId} has no level ${command.levelId}`, { field: 'levelId' });
      const comment = optionalText(command.comment, 'comment', 1000);
      const bonus = command.scheme.appraisalBonus && level.bonusPoints !== undefined ? { bonusPoints: level.bonusPoints } : {};
      return [
        {
          type: 'ResearchWorkRated',
          data: {
            workId: state.workId,
            bureauId: state.bureauId!,
            year: state.year!,
            title: state.title!,
            categoryId: category.categoryId,
            categoryName: category.name,
            levelId: level.levelId,
            levelName: level.name,
            amountFen: level.amountFen,
            shares: shareAmount(level.amountFen, state.authors),
            ...bonus,
            schemeVersion: command.scheme.version,
            ...(comment ? { comment } : {}),
            ratedBy: command.actor.memberId,
            ratedAt: command.at,
          },
        },
      ];
    }
    case 'DeclineResearchWork': {
      if (state.status !== 'submitted') throw wrongState('the research work', state.status, ['submitted']);
      requireRater(command.actor, state);
      return [{ type: 'ResearchWorkDeclined', data: { workId: state.workId, reason: requireText(command.reason, 'reason', 1000), by: command.actor.memberId, at: command.at } }];
    }
  }
}

export function evolveResearchWork(state: ResearchWorkState, event: ResearchWorkEvent): ResearchWorkState {
  switch (event.type) {
    case 'ResearchWorkSubmitted':
      return { ...state, ...event.data, status: 'submitted' };
    case 'ResearchWorkRated': {
      const { workId: _w, bureauId: _b, year: _y, title: _t, categoryId: _c, categoryName: _n, ...rating } = event.data;
      return { ...state, status: 'rated', rating };
    }
    case 'ResearchWorkDeclined':
      return { ...state, status: 'declined', declined: { reason: event.data.reason, by: event.data.by, at: event.data.at } };
  }
}

export const initialResearchWorkState = (workId = ''): ResearchWorkState => ({ workId, status: 'none', authors: [], evidence: [] });

export const researchWorkDecider = {
  decide: decideResearchWork,
  evolve: evolveResearchWork,
  initialState: initialResearchWorkState,
};
