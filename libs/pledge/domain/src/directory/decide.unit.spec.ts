import type { Actor } from '../actor';
import { deciderSpec } from '../testing';
import type { DirectoryCommand } from './commands';
import { decideDirectory } from './decide';
import type { DirectoryEvent } from './events';
import { evolveDirectory, groupOn, guidanceCategories } from './evolve';
import { DEFAULT_GUIDANCE_CATEGORIES, initialDirectoryState } from './types';

const given = deciderSpec<ReturnType<typeof initialDirectoryState>, DirectoryCommand, DirectoryEvent>(decideDirectory, evolveDirectory, initialDirectoryState);

const registered: DirectoryEvent = { type: 'BureauRegistered', data: { bureauId: 'b1', name: '威海市統計局', level: 'city' } };
const branch: DirectoryEvent = { type: 'OrgUnitAdded', data: { orgUnitId: 'br1', type: 'party-branch', name: '機關黨支部' } };
const group1: DirectoryEvent = { type: 'OrgUnitAdded', data: { orgUnitId: 'g1', type: 'party-group', name: '第一黨小組', parentId: 'br1' } };
const group2: DirectoryEvent = { type: 'OrgUnitAdded', data: { orgUnitId: 'g2', type: 'party-group', name: '第二黨小組', parentId: 'br1' } };
const dept: DirectoryEvent = { type: 'OrgUnitAdded', data: { orgUnitId: 'd1', type: 'department', name: '綜合科' } };
const member: DirectoryEvent = {
  type: 'MemberAdded',
  data: { memberId: 'm1', name: '王曉東', partyStatus: 'full', branchId: 'br1', groupId: 'g1', roles: ['member'], joinedOn: '2026-01-01' },
};
const structure = [registered, branch, group1, group2, dept];
const admin: Actor = { memberId: 'admin-1', bureauId: 'b1', roles: ['bureau-admin'] };

describe('directory decider', () => {
  it('registers a bureau once', () => {
    given([]).when({ type: 'RegisterBureau', bureauId: 'b1', name: ' 威海市統計局 ', level: 'city', parentExists: false }).then([
      { type: 'BureauRegistered', data: { bureauId: 'b1', name: '威海市統計局', level: 'city', parentBureauId: undefined } },
    ]);
    given([registered]).when({ type: 'RegisterBureau', bureauId: 'b1', name: 'x', parentExists: false }).thenFails('bureau_exists', 'conflict');
    given([]).when({ type: 'RegisterBureau', bureauId: 'b2', name: 'x', parentBureauId: 'p', parentExists: false }).thenFails('bureau_not_found', 'not_found');
  });

  it('refuses anything for a bureau that does not exist', () => {
    given([]).when({ type: 'AddOrgUnit', orgUnitId: 'u', unitType: 'department', name: 'x' }).thenFails('bureau_not_found', 'not_found');
  });

  it('puts party groups inside branches and nothing else inside anything', () => {
    given([registered]).when({ type: 'AddOrgUnit', orgUnitId: 'g', unitType: 'party-group', name: 'x' }).thenFails('parent_required', 'invalid', 'parentId');
    given([registered, dept]).when({ type: 'AddOrgUnit', orgUnitId: 'g', unitType: 'party-group', name: 'x', parentId: 'd1' }).thenFails('wrong_unit_type');
    given([registered, branch]).when({ type: 'AddOrgUnit', orgUnitId: 'd', unitType: 'department', name: 'x', parentId: 'br1' }).thenFails('parent_not_allowed');
    given([registered]).when({ type: 'AddOrgUnit', orgUnitId: 'd', unitType: 'department', name: '' }).thenFails('invalid_name', 'invalid', 'name');
    given(structure).when({ type: 'AddOrgUnit', orgUnitId: 'd1', unitType: 'department', name: 'again' }).thenFails('org_unit_exists', 'conflict');
  });

  it('adds a member to a group and infers the branch', () => {
    given(structure)
      .when({ type: 'AddMember', memberId: 'm1', name: '王曉東', partyStatus: 'full', groupId: 'g1', roles: ['member', 'member'], joinedOn: '2026-01-01' })
      .then([member.type === 'MemberAdded' ? { type: 'MemberAdded', data: { ...member.data, departmentId: undefined } } : member]);
  });

  it('needs a branch for party members but not for non-party staff', () => {
    given(structure).when({ type: 'AddMember', memberId: 'm2', name: '李華', partyStatus: 'probationary', roles: [], joinedOn: '2026-01-01' }).thenFails('branch_required');
    expect(decideDirectory({ type: 'AddMember', memberId: 'm3', name: '張強', partyStatus: 'non-party', departmentId: 'd1', roles: ['member'], joinedOn: '2026-01-01' }, structure.reduce(evolveDirectory, initialDirectoryState()))).toHaveLength(1);
    given(structure).when({ type: 'AddMember', memberId: 'm4', name: 'x', partyStatus: 'full', branchId: 'br1', groupId: 'g9', roles: [], joinedOn: '2026-01-01' }).thenFails('org_unit_not_found', 'not_found');
  });

  it('records moves between groups so past placements can be asked for', () => {
    const moved: DirectoryEvent = { type: 'MemberMoved', data: { memberId: 'm1', fromGroupId: 'g1', toGroupId: 'g2', branchId: 'br1', effectiveOn: '2026-07-01' } };
    given([...structure, member]).when({ type: 'MoveMember', memberId: 'm1', toGroupId: 'g2', effectiveOn: '2026-07-01' }).then([moved]);
    given([...structure, member, moved]).when({ type: 'MoveMember', memberId: 'm1', toGroupId: 'g2', effectiveOn: '2026-08-01' }).then([]);
    given([...structure, member]).when({ type: 'MoveMember', memberId: 'm1', toGroupId: 'g2', effectiveOn: '2025-12-01' }).thenFails('move_before_last');
    const state = [...structure, member, moved].reduce(evolveDirectory, initialDirectoryState());
    expect(groupOn(state, 'm1', '2026-03-15')).toEqual({ groupId: 'g1', branchId: 'br1' });
    expect(groupOn(state, 'm1', '2026-07-01')).toEqual({ groupId: 'g2', branchId: 'br1' });
    expect(groupOn(state, 'm1', '2025-06-01')).toBeUndefined();
  });

  it('updates only what changed', () => {
    given([...structure, member]).when({ type: 'UpdateMember', memberId: 'm1', name: '王曉東', roles: ['member'] }).then([]);
    given([...structure, member]).when({ type: 'UpdateMember', memberId: 'm1', roles: ['member', 'group-leader'] }).then([
      { type: 'MemberUpdated', data: { memberId: 'm1', roles: ['member', 'group-leader'] } },
    ]);
    given(structure).when({ type: 'UpdateMember', memberId: 'nobody', name: 'x' }).thenFails('member_not_found');
  });

  it('gives each branch five default guidance categories a year, editable', () => {
    const state = structure.reduce(evolveDirectory, initialDirectoryState());
    expect(guidanceCategories(state, 'br1', 2026)).toEqual([...DEFAULT_GUIDANCE_CATEGORIES]);
    given(structure).when({ type: 'SetGuidanceCategories', branchId: 'br1', year: 2026, categories: ['student-aid', 'student-aid', 'elderly-care'], actor: admin }).then([
      { type: 'GuidanceCategoriesSet', data: { branchId: 'br1', year: 2026, categories: ['student-aid', 'elderly-care'] } },
    ]);
    given(structure).when({ type: 'SetGuidanceCategories', branchId: 'br1', year: 2026, categories: [], actor: admin }).thenFails('invalid_categories');
    given(structure).when({ type: 'SetGuidanceCategories', branchId: 'br1', year: 2026, categories: ['助學'], actor: admin }).thenFails('invalid_categories');
    given(structure).when({ type: 'SetGuidanceCategories', branchId: 'g1', year: 2026, categories: ['x'], actor: admin }).thenFails('wrong_unit_type');
  });

  it('assigns the appraisal office staff of a year and closes years once', () => {
    given([...structure, member]).when({ type: 'AssignAppraisalOffice', year: 2026, staff: [{ memberId: 'm1', duty: '考核記錄' }] }).then([
      { type: 'AppraisalOfficeAssigned', data: { year: 2026, staff: [{ memberId: 'm1', duty: '考核記錄' }] } },
    ]);
    given(structure).when({ type: 'AssignAppraisalOffice', year: 2026, staff: [{ memberId: 'ghost', duty: 'x' }] }).thenFails('member_not_found');
    given([...structure, member]).when({ type: 'AssignAppraisalOffice', year: 2026, staff: [{ memberId: 'm1', duty: 'a' }, { memberId: 'm1', duty: 'b' }] }).thenFails('duplicate_member', 'invalid', 'staff/1/memberId');
    given(structure).when({ type: 'CloseYear', year: 2025 }).then([{ type: 'YearClosed', data: { year: 2025 } }]);
    given([...structure, { type: 'YearClosed', data: { year: 2025 } }]).when({ type: 'CloseYear', year: 2025 }).then([]);
  });
});
