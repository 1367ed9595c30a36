import type { Actor } from '../actor';
import { DEFAULT_PROGRAMME_RULES } from '../programme/programme-rules';
import { deciderSpec } from '../testing';
import type { CollectiveContext, DraftContext, PledgeCommand } from './commands';
import { decidePledge } from './decide';
import type { PledgeEvent } from './events';
import { evolvePledge } from './evolve';
import { initialPledgeState, type PledgeState } from './state';
import type { ItemInput } from './types';

const given = deciderSpec<PledgeState, PledgeCommand, PledgeEvent>(decidePledge, evolvePledge, initialPledgeState);

const AT = '2026-05-20T08:00:00.000Z';
const actor = (memberId: string, ...roles: Actor['roles'][number][]): Actor => ({ memberId, bureauId: 'b1', roles: ['member', ...roles] });
const secretary = actor('sun', 'branch-secretary');
const otherSecretary = actor('peng', 'branch-secretary');
const leader = actor('zhao', 'group-leader');
const leading = actor('zhou', 'leading-group');
const admin: Actor = { memberId: 'admin-1', bureauId: 'b1', roles: ['bureau-admin'] };
const member = actor('wang');
const at = { sun: { branchId: 'br1', groupId: 'g2' }, peng: { branchId: 'br2', groupId: 'g3' }, zhao: { branchId: 'br1', groupId: 'g1' }, zhou: { branchId: 'br1', groupId: 'g1' }, wang: { branchId: 'br1', groupId: 'g1' } } as Record<string, { branchId: string; groupId: string }>;
const UNITS = {
  br1: { type: 'party-branch' },
  g1: { type: 'party-group', parentId: 'br1' },
  team: { type: 'leadership-team' },
  d1: { type: 'department' },
  m1: { type: 'mass-organisation' },
  office: { type: 'appraisal-office' },
} as Record<string, { type: string; parentId?: string }>;
const deed: ItemInput = { kind: 'deed', text: '到共建社區開展統計知識宣傳', target: '全年4次', category: 'student-aid' };
const context = (who: Actor, orgUnitId: string): DraftContext => ({
  members: {},
  orgUnit: UNITS[orgUnitId],
  guidanceCategories: ['student-aid'],
  years: { openedYears: [], lateEntryYears: [], closedYears: [] },
  ...(at[who.memberId] ? { actorPlacement: at[who.memberId] } : {}),
});
const draft = (who: Actor, orgUnitId: string): PledgeCommand => ({
  type: 'DraftPledge', pledgeId: 'p1', actor: who, at: AT, year: 2026, pledger: { type: 'collective', memberIds: [], orgUnitId }, items: [deed], context: context(who, orgUnitId),
});
const facts = (who: Actor, orgUnitId: string): CollectiveContext => ({ unit: { orgUnitId, ...UNITS[orgUnitId]! }, ...(at[who.memberId] ? { actorPlacement: at[who.memberId] } : {}) });
const drafted = (orgUnitId: string): PledgeEvent => decidePledge(draft(orgUnitId === 'br1' ? secretary : orgUnitId === 'g1' ? leader : orgUnitId === 'team' ? leading : admin, orgUnitId), initialPledgeState())[0]!;
const submitted = (orgUnitId: string): PledgeEvent => ({ type: 'PledgeSubmitted', data: { ...(drafted(orgUnitId).data as Extract<PledgeEvent, { type: 'PledgeDrafted' }>['data']), round: 1 } });
const live = (orgUnitId: string): PledgeEvent[] => [
  drafted(orgUnitId),
  submitted(orgUnitId),
  { type: 'PledgeApproved', data: { pledgeId: 'p1', reviewId: 'r1', round: 1, decidedBy: 'zhou', approvedAt: AT } },
  { type: 'PledgePublished', data: { pledgeId: 'p1', publicationId: 'pub', publishedBy: 'zhou', publishedAt: AT } },
];
const submit = (who: Actor, orgUnitId: string): PledgeCommand => ({ type: 'SubmitPledge', actor: who, guidanceCategories: ['student-aid'], programmeRules: DEFAULT_PROGRAMME_RULES, collective: facts(who, orgUnitId) });
const withdraw = (who: Actor, orgUnitId: string): PledgeCommand => ({ type: 'WithdrawPledge', actor: who, reason: '重新擬定', collective: facts(who, orgUnitId) });
const progress = (who: Actor, orgUnitId: string): PledgeCommand => ({
  type: 'RecordProgress', actor: who, recordId: 'rec1', at: AT, record: { itemNo: 1, recordedOn: '2026-05-12', narrative: '宣傳日', evidence: [] }, collective: facts(who, orgUnitId),
});

describe('a collective book is kept by the collective’s responsible officers (issue rule 4)', () => {
  it.each<[string, string, Actor, Actor[]]>([
    ['the leadership team’s', 'team', leading, [secretary, admin, member]],
    ['a branch’s', 'br1', secretary, [otherSecretary, leading, admin, member]],
    ['a party group’s', 'g1', leader, [secretary, member, admin]],
    ['a department’s', 'd1', admin, [leading, secretary]],
    ['a mass organisation’s', 'm1', admin, [leading, secretary]],
  ])('%s book: drafted, submitted, withdrawn and its progress recorded by its officer only', (_what, unit, officer, others) => {
    expect(decidePledge(draft(officer, unit), initialPledgeState())).toHaveLength(1);
    expect(decidePledge(submit(officer, unit), [drafted(unit)].reduce(evolvePledge, initialPledgeState()))[0]!.type).toBe('PledgeSubmitted');
    expect(decidePledge(withdraw(officer, unit), [drafted(unit)].reduce(evolvePledge, initialPledgeState()))[0]!.type).toBe('PledgeWithdrawn');
    expect(decidePledge(progress(officer, unit), live(unit).reduce(evolvePledge, initialPledgeState()))[0]!.type).toBe('ProgressRecorded');
    for (const other of others) {
      given([]).when(draft(other, unit)).thenFails('not_the_pledger', 'forbidden');
      given([drafted(unit)]).when(submit(other, unit)).thenFails('not_the_pledger', 'forbidden');
      given([drafted(unit)]).when(withdraw(other, unit)).thenFails('not_the_pledger', 'forbidden');
      given([drafted(unit)]).when({ type: 'RevisePledge', actor: other, items: [deed], guidanceCategories: ['student-aid'], collective: facts(other, unit) }).thenFails('not_the_pledger', 'forbidden');
      given(live(unit)).when(progress(other, unit)).thenFails('not_the_pledger', 'forbidden');
    }
  });

  it('refuses a command on a collective book that comes without the directory’s facts', () => {
    given([drafted('br1')]).when({ type: 'SubmitPledge', actor: secretary, guidanceCategories: ['student-aid'], programmeRules: DEFAULT_PROGRAMME_RULES }).thenFails('not_the_pledger', 'forbidden');
  });

  it('refuses a collective book for a unit that does not pledge as one', () => {
    given([]).when(draft(admin, 'office')).thenFails('unit_cannot_pledge', 'invalid', 'pledger/orgUnitId');
  });
});
