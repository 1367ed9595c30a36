import { invalid } from '@pledgebook/util';
import { requireLeadingGroup } from '../shared/actor';
import { GRADES, TOP_GRADE } from '../shared/grades';
import { validateRewardContent } from '../shared/reward';
import { firstDuplicate, optionalText, requireText } from '../shared/values';
import { currentPolicy, type Honour, type RewardPolicyCommand, type RewardPolicyEvent, type RewardPolicyState } from './types';

export const HONOUR_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
const MAX_QUOTA = 1000;

function validateHonour(honour: Honour, at: string): Honour {
  if (!HONOUR_ID.test(honour.honourId)) throw invalid('invalid_honour_id', 'an honour id is lower-case letters, digits and -', { field: `${at}/honourId` });
  const title = requireText(honour.title, `${at}/title`, 100);
  if (honour.eligibleGrades.length === 0) throw invalid('no_eligible_grades', 'name at least one grade that makes a member eligible', { field: `${at}/eligibleGrades` });
  const grade = firstDuplicate(honour.eligibleGrades);
  if (grade) throw invalid('duplicate_grade', `${grade.value} is named twice`, { field: `${at}/eligibleGrades/${grade.index}` });
  const unknown = honour.eligibleGrades.findIndex((g) => !GRADES.includes(g));
  if (unknown >= 0) throw invalid('unknown_grade', `not a grade: ${honour.eligibleGrades[unknown]}`, { field: `${at}/eligibleGrades/${unknown}` });
  const consecutive = honour.consecutiveTopGrades;
  if (consecutive !== undefined) {
    if (!Number.isInteger(consecutive) || consecutive < 2 || consecutive > 6) throw invalid('invalid_consecutive', 'consecutive top grades are 2 to 6 results', { field: `${at}/consecutiveTopGrades` });
    if (!honour.eligibleGrades.includes(TOP_GRADE)) throw invalid('consecutive_needs_top_grade', 'a rule of consecutive top grades needs the top grade to be eligible', { field: `${at}/eligibleGrades` });
  }
  if (honour.award === 'selection') {
    if (honour.quota === undefined || !Number.isInteger(honour.quota) || honour.quota < 1 || honour.quota > MAX_QUOTA) {
      throw invalid('quota_required', `a selection honour needs a quota of 1 to ${MAX_QUOTA}`, { field: `${at}/quota` });
    }
  } else if (honour.quota !== undefined) {
    throw invalid('quota_not_allowed', 'an automatic honour goes to everyone eligible: it takes no quota', { field: `${at}/quota` });
  }
  return {
    honourId: honour.honourId,
    title,
    award: honour.award,
    eligibleGrades: [...honour.eligibleGrades],
    ...(consecutive !== undefined ? { consecutiveTopGrades: consecutive } : {}),
    ...(honour.quota !== undefined ? { quota: honour.quota } : {}),
    reward: validateRewardContent(honour.reward, `${at}/reward`),
  };
}

export function decideRewardPolicy(command: RewardPolicyCommand, state: RewardPolicyState): RewardPolicyEvent[] {
  requireLeadingGroup(command.actor, 'set the reward policy');
  if (command.honours.length === 0 || command.honours.length > 20) throw invalid('invalid_honours', 'a policy names 1 to 20 honours', { field: 'honours' });
  const duplicate = firstDuplicate(command.honours.map((h) => h.honourId));
  if (duplicate) throw invalid('duplicate_honour', `honour ${duplicate.value} is named twice`, { field: `honours/${duplicate.index}/honourId` });
  const honours = command.honours.map((h, i) => validateHonour(h, `honours/${i}`));
  // A final result grounds one automatic grant (one per recipient, ground and basis): their grades do not overlap.
  const automatic = honours.map((h, i) => [h, i] as const).filter(([h]) => h.award === 'automatic');
  for (const [j, [honour, index]] of automatic.entries()) {
    const clash = automatic.slice(0, j).find(([other]) => other.eligibleGrades.some((g) => honour.eligibleGrades.includes(g)));
    if (clash) throw invalid('overlapping_automatic_honours', `${honour.honourId} and ${clash[0].honourId} would both go to one result`, { field: `honours/${index}/eligibleGrades` });
  }
  const note = optionalText(command.note, 'note', 1000);
  const current = currentPolicy(state);
  // The same content again (a retried request) is no new version.
  if (current && JSON.stringify(current.honours) === JSON.stringify(honours) && current.note === note) return [];
  return [
    {
      type: 'RewardPolicySet',
      data: { bureauId: command.bureauId, year: command.year, version: (current?.version ?? 0) + 1, honours, ...(note ? { note } : {}), setBy: command.actor.memberId, setAt: command.at },
    },
  ];
}

export function evolveRewardPolicy(state: RewardPolicyState, event: RewardPolicyEvent): RewardPolicyState {
  const { bureauId, year, ...version } = event.data;
  return { bureauId, year, versions: [...state.versions, version] };
}

export const initialRewardPolicyState = (): RewardPolicyState => ({ versions: [] });

export const rewardPolicyDecider = {
  decide: decideRewardPolicy,
  evolve: evolveRewardPolicy,
  initialState: initialRewardPolicyState,
};
