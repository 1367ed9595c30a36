import type { Actor } from '../actor';
import { deciderSpec } from '../testing';
import type { DirectoryCommand } from './commands';
import { decideDirectory } from './decide';
import type { DirectoryEvent } from './events';
import { evolveDirectory } from './evolve';
import { initialDirectoryState } from './types';

const given = deciderSpec<ReturnType<typeof initialDirectoryState>, DirectoryCommand, DirectoryEvent>(decideDirectory, evolveDirectory, initialDirectoryState);

const unit = (orgUnitId: string, type: 'party-branch' | 'party-group' | 'department', parentId?: string): DirectoryEvent => ({
  type: 'OrgUnitAdded',
  data: { orgUnitId, type, name: orgUnitId, ...(parentId ? { parentId } : {}) },
});
const person = (memberId: string, partyStatus: 'full' | 'non-party', placement: { branchId?: string; groupId?: string }, roles: Actor['roles'][number][]): DirectoryEvent => ({
  type: 'MemberAdded',
  data: { memberId, name: memberId, partyStatus, ...placement, roles, joinedOn: '2026-01-01' },
});
const bureau: DirectoryEvent[] = [
  { type: 'BureauRegistered', data: { bureauId: 'b1', name: '威海市統計局' } },
  unit('br1', 'party-branch'),
  unit('br2', 'party-branch'),
  unit('g1', 'party-group', 'br1'),
  unit('g3', 'party-group', 'br2'),
  unit('d1', 'department'),
  person('sun', 'full', { branchId: 'br1', groupId: 'g1' }, ['member', 'branch-secretary']),
  person('peng', 'full', { branchId: 'br2', groupId: 'g3' }, ['member', 'branch-secretary']),
  person('wang', 'full', { branchId: 'br1', groupId: 'g1' }, ['member']),
  person('wu', 'non-party', {}, ['member']),
];
const as = (memberId: string, ...roles: Actor['roles'][number][]): Actor => ({ memberId, bureauId: 'b1', roles });
const setCategories = (actor?: Actor): DirectoryCommand => ({ type: 'SetGuidanceCategories', branchId: 'br1', year: 2026, categories: ['elderly-care'], ...(actor ? { actor } : {}) });
const categoriesSet: DirectoryEvent = { type: 'GuidanceCategoriesSet', data: { branchId: 'br1', year: 2026, categories: ['elderly-care'] } };

describe('guidance categories are the branch’s own (issue rule 5)', () => {
  it('are set by the branch’s own secretary, as the directory records them, or by the bureau admin', () => {
    given(bureau).when(setCategories(as('sun', 'member', 'branch-secretary'))).then([categoriesSet]);
    given(bureau).when(setCategories(as('admin-1', 'bureau-admin'))).then([categoriesSet]);
  });

  it('refuses another branch’s secretary, a plain member of the branch, and a command without an actor', () => {
    given(bureau).when(setCategories(as('peng', 'member', 'branch-secretary'))).thenFails('not_the_branch_secretary', 'forbidden');
    given(bureau).when(setCategories(as('wang', 'member', 'branch-secretary'))).thenFails('not_the_branch_secretary', 'forbidden');
    given(bureau).when(setCategories()).thenFails('not_the_branch_secretary', 'forbidden');
  });
});

describe('changing a member keeps the rules of adding one (issue rule 6)', () => {
  it('refuses to make a member without a branch a full or probationary party member', () => {
    given(bureau).when({ type: 'UpdateMember', memberId: 'wu', partyStatus: 'full' }).thenFails('branch_required', 'invalid', 'partyStatus');
    given(bureau).when({ type: 'UpdateMember', memberId: 'wu', partyStatus: 'probationary' }).thenFails('branch_required', 'invalid', 'partyStatus');
  });

  it('lets a member in a branch change party status, and a member without one stay non-party', () => {
    given(bureau).when({ type: 'UpdateMember', memberId: 'wang', partyStatus: 'probationary' }).then([{ type: 'MemberUpdated', data: { memberId: 'wang', partyStatus: 'probationary' } }]);
    given(bureau).when({ type: 'UpdateMember', memberId: 'wu', partyStatus: 'non-party', name: '吳靜' }).then([{ type: 'MemberUpdated', data: { memberId: 'wu', name: '吳靜', partyStatus: 'non-party' } }]);
    const moved: DirectoryEvent = { type: 'MemberMoved', data: { memberId: 'wu', toGroupId: 'g1', branchId: 'br1', effectiveOn: '2026-05-01' } };
    given([...bureau, moved]).when({ type: 'UpdateMember', memberId: 'wu', partyStatus: 'full' }).then([{ type: 'MemberUpdated', data: { memberId: 'wu', partyStatus: 'full' } }]);
  });
});
