import type { Actor } from '../shared/actor';
import type { RatingCounts } from '../shared/ratings';
import { EXAMPLE_SCHEME } from '../scheme/example-scheme';
import type { SchemeState } from '../scheme/state';
import type { RoundCommand } from './commands';
import { roundDecider } from './decider';
import type { RoundEvent } from './events';
import type { RoundState } from './state';
import type { CriterionScore, Subject } from './types';

// A first half-year round of five members in two party groups, shared by the round specs.
export const OPEN_AT = '2026-06-22T02:00:00.000Z';
/** The round's key and scheme version, as its events carry them. */
export const roundKey = { bureauId: 'weihai', year: 2026, half: 'H1' as const, schemeVersion: 1 };
export const office = { officeStaff: ['qian', 'li'] };
export const qian: Actor = { memberId: 'qian', bureauId: 'weihai', roles: ['member', 'appraisal-office'] };
export const li: Actor = { memberId: 'li', bureauId: 'weihai', roles: ['member', 'appraisal-office'] };
export const member = (memberId: string): Actor => ({ memberId, bureauId: 'weihai', roles: ['member'] });

export const publishedScheme: SchemeState = {
  status: 'published',
  bureauId: 'weihai',
  year: 2026,
  version: 1,
  content: EXAMPLE_SCHEME,
  publishedAt: '2026-01-10T02:00:00.000Z',
};

const book = (pledgeId: string, pledgerType: 'individual' | 'paired' = 'individual') => ({ pledgeId, pledgerType, status: 'published' as const });
export const subjects: Subject[] = [
  { memberId: 'sun', partyStatus: 'full', branchId: 'branch-1', groupId: 'group-1', books: [book('p-sun')] },
  { memberId: 'zheng', partyStatus: 'probationary', branchId: 'branch-1', groupId: 'group-1', books: [book('p-zheng'), book('p-pair', 'paired')] },
  { memberId: 'wu', partyStatus: 'full', branchId: 'branch-1', groupId: 'group-2', books: [book('p-wu')] },
  { memberId: 'qin', partyStatus: 'non-party', branchId: 'branch-1', groupId: 'group-2', books: [book('p-qin')] },
  { memberId: 'li', partyStatus: 'full', branchId: 'branch-1', groupId: 'group-2', books: [book('p-li')] },
];

export const openCommand = (extra: Partial<Extract<RoundCommand, { type: 'OpenRound' }>> = {}): RoundCommand => ({
  type: 'OpenRound',
  actor: qian,
  bureauId: 'weihai',
  year: 2026,
  half: 'H1',
  context: { ...office, scheme: publishedScheme, subjects },
  at: OPEN_AT,
  ...extra,
});

export const opened: RoundEvent = {
  type: 'RoundOpened',
  data: { bureauId: 'weihai', year: 2026, half: 'H1', schemeVersion: 1, scheme: EXAMPLE_SCHEME, subjects: [...subjects].sort((a, b) => a.memberId.localeCompare(b.memberId)), by: 'qian', at: OPEN_AT },
};

const criterion = (id: string) => EXAMPLE_SCHEME.criteria.find((c) => c.id === id)!;
export const score = (criterionId: string, points: number, by?: string): CriterionScore => ({
  criterionId,
  label: criterion(criterionId).label,
  schemeVersion: 1,
  maxPoints: criterion(criterionId).maxPoints,
  points,
  source: by ? 'entered' : 'computed',
  rule: by ? 'entered by the appraisal office' : 'test',
  inputs: {},
  sourceEventIds: [],
  ...(by ? { enteredBy: by, note: '表现突出' } : {}),
});

/** Points per member: items, checks, deeds, talks (computed); group, distinct (entered). Democratic is all 好 → 20. */
export const POINTS: Record<string, [number, number, number, number, number, number]> = {
  sun: [30, 15, 10, 5, 15, 5], // 100
  zheng: [28, 14, 10, 5, 14, 4], // 95
  wu: [27, 13, 10, 5, 13, 3], // 91
  qin: [20, 10, 5, 5, 12, 2], // 74
  li: [25, 12, 10, 5, 12, 3], // 87
};

const good = (n: number): RatingCounts => ({ good: n, fair: 0, average: 0, poor: 0 });

export function scoredEvents(points = POINTS): RoundEvent[] {
  const ids = Object.keys(points);
  const by = (memberId: string) => (memberId === 'qian' ? 'li' : 'qian');
  return [
    opened,
    {
      type: 'ComputedScoresRecorded',
      data: { scores: ids.map((m) => ({ memberId: m, criteria: ['items', 'checks', 'deeds', 'talks'].map((c, i) => score(c, points[m]![i]!)) })), by: 'qian', at: OPEN_AT },
    },
    ...ids.flatMap((m): RoundEvent[] => [
      { type: 'EnteredScoreRecorded', data: { memberId: m, score: score('group', points[m]![4]!, by(m)), by: by(m), at: OPEN_AT } },
      { type: 'EnteredScoreRecorded', data: { memberId: m, score: score('distinct', points[m]![5]!, by(m)), by: by(m), at: OPEN_AT } },
      { type: 'SelfAssessmentRecorded', data: { memberId: m, rating: 'good', at: OPEN_AT } },
    ]),
    { type: 'PeerTallyRecorded', data: { groupId: 'group-1', groupMembers: 3, tallies: ['sun', 'zheng'].map((m) => ({ memberId: m, counts: good(2) })), by: 'qian', at: OPEN_AT } },
    { type: 'PeerTallyRecorded', data: { groupId: 'group-2', groupMembers: 4, tallies: ['wu', 'qin', 'li'].map((m) => ({ memberId: m, counts: good(3) })), by: 'qian', at: OPEN_AT } },
    { type: 'MassesTallyRecorded', data: { ballots: 12, tallies: ids.map((m) => ({ memberId: m, counts: good(10) })), by: 'qian', at: OPEN_AT } },
  ];
}

export const fold = (events: readonly RoundEvent[]): RoundState => events.reduce(roundDecider.evolve, roundDecider.initialState());

/** Decides and applies commands in turn, like the handler does (for scenario specs). */
export function run(state: RoundState, ...commands: RoundCommand[]): { state: RoundState; events: RoundEvent[] } {
  const events: RoundEvent[] = [];
  for (const command of commands) {
    const decided = roundDecider.decide(command, state);
    events.push(...decided);
    state = decided.reduce(roundDecider.evolve, state);
  }
  return { state, events };
}
