import { hasRole, type Actor } from '../actor';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { programmeYearOf } from '../programme/programme-year';
import type { DirectoryCommand } from './commands';
import type { DirectoryEvent } from './events';
import type { DirectoryState, OrgUnitType } from './types';

const MAX_NAME = 100;

function requireName(name: string, field = 'name'): void {
  if (name.trim().length === 0 || name.length > MAX_NAME) {
    throw invalid('invalid_name', `${field} must be 1 to ${MAX_NAME} characters`, { field });
  }
}

function requireUnit(state: DirectoryState, id: string, type: OrgUnitType, field: string) {
  const unit = state.units[id];
  if (!unit) throw notFound('org_unit', id);
  if (unit.type !== type) throw invalid('wrong_unit_type', `${field} must be a ${type}, not a ${unit.type}`, { field, orgUnitId: id });
  return unit;
}

function requireBureau(state: DirectoryState): void {
  if (!state.exists) throw notFound('bureau', state.bureauId || '(unknown)');
}

/** Where a member sits: a group implies its branch; a branch given with a group must be that group's. */
function placement(state: DirectoryState, branchId?: string, groupId?: string): { branchId?: string; groupId?: string } {
  if (groupId) {
    const group = requireUnit(state, groupId, 'party-group', 'groupId');
    if (branchId && group.parentId !== branchId) {
      throw invalid('group_not_in_branch', `party group ${groupId} does not belong to branch ${branchId}`, { field: 'groupId' });
    }
    return { branchId: group.parentId, groupId };
  }
  if (branchId) requireUnit(state, branchId, 'party-branch', 'branchId');
  return { branchId };
}

/** A branch's own secretary, as the directory records them, or the bureau admin (ADR 0035). */
export function maySetGuidance(actor: Actor | undefined, state: DirectoryState, branchId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'bureau-admin', 'system-admin')) return true;
  const member = state.members[actor.memberId];
  return member?.branchId === branchId && member.roles.includes('branch-secretary');
}

/** The bureau's directory: structure first, then members and the year's settings. */
export function decideDirectory(command: DirectoryCommand, state: DirectoryState): DirectoryEvent[] {
  if (command.type === 'RegisterBureau') {
    if (state.exists) throw conflict('bureau_exists', `bureau ${command.bureauId} is already registered`, { bureauId: command.bureauId });
    requireName(command.name);
    if (command.parentBureauId && !command.parentExists) throw notFound('bureau', command.parentBureauId);
    return [
      {
        type: 'BureauRegistered',
        data: { bureauId: command.bureauId, name: command.name.trim(), level: command.level, parentBureauId: command.parentBureauId },
      },
    ];
  }
  requireBureau(state);
  switch (command.type) {
    case 'AddOrgUnit': {
      if (state.units[command.orgUnitId]) throw conflict('org_unit_exists', `org unit ${command.orgUnitId} exists`, { orgUnitId: command.orgUnitId });
      requireName(command.name);
      if (command.unitType === 'party-group') {
        if (!command.parentId) throw invalid('parent_required', 'a party group belongs to a party branch: parentId is required', { field: 'parentId' });
        requireUnit(state, command.parentId, 'party-branch', 'parentId');
      } else if (command.parentId) {
        throw invalid('parent_not_allowed', 'only a party group has a parent unit', { field: 'parentId' });
      }
      return [{ type: 'OrgUnitAdded', data: { orgUnitId: command.orgUnitId, type: command.unitType, name: command.name.trim(), parentId: command.parentId } }];
    }
    case 'AddMember': {
      if (state.members[command.memberId]) throw conflict('member_exists', `member ${command.memberId} exists`, { memberId: command.memberId });
      requireName(command.name);
      const where = placement(state, command.branchId, command.groupId);
      if (command.partyStatus !== 'non-party' && !where.branchId) {
        throw invalid('branch_required', 'a party member belongs to a branch: branchId or groupId is required', { field: 'branchId' });
      }
      if (command.departmentId) requireUnit(state, command.departmentId, 'department', 'departmentId');
      return [
        {
          type: 'MemberAdded',
          data: {
            memberId: command.memberId,
            name: command.name.trim(),
            partyStatus: command.partyStatus,
            ...where,
            departmentId: command.departmentId,
            roles: [...new Set(command.roles)],
            joinedOn: command.joinedOn,
          },
        },
      ];
    }
    case 'UpdateMember': {
      const member = state.members[command.memberId];
      if (!member) throw notFound('member', command.memberId);
      if (command.name !== undefined) requireName(command.name);
      // The rule of AddMember holds for the member as changed: a party member belongs to a branch.
      if (command.partyStatus !== undefined && command.partyStatus !== 'non-party' && !member.branchId) {
        throw invalid('branch_required', 'a party member belongs to a branch: move the member into a party group first', { field: 'partyStatus' });
      }
      if (command.departmentId) requireUnit(state, command.departmentId, 'department', 'departmentId');
      const changed =
        (command.name !== undefined && command.name.trim() !== member.name) ||
        (command.partyStatus !== undefined && command.partyStatus !== member.partyStatus) ||
        (command.departmentId !== undefined && command.departmentId !== member.departmentId) ||
        (command.roles !== undefined && [...new Set(command.roles)].sort().join() !== [...member.roles].sort().join());
      if (!changed) return [];
      return [
        {
          type: 'MemberUpdated',
          data: {
            memberId: command.memberId,
            ...(command.name !== undefined ? { name: command.name.trim() } : {}),
            ...(command.partyStatus !== undefined ? { partyStatus: command.partyStatus } : {}),
            ...(command.departmentId !== undefined ? { departmentId: command.departmentId } : {}),
            ...(command.roles !== undefined ? { roles: [...new Set(command.roles)] } : {}),
          },
        },
      ];
    }
    case 'MoveMember': {
      const member = state.members[command.memberId];
      if (!member) throw notFound('member', command.memberId);
      const group = requireUnit(state, command.toGroupId, 'party-group', 'toGroupId');
      if (member.groupId === command.toGroupId) return [];
      const last = member.groups[member.groups.length - 1];
      if (last && command.effectiveOn < last.from) {
        throw invalid('move_before_last', `a move cannot take effect before ${last.from}, when the current placement began`, { field: 'effectiveOn' });
      }
      return [
        {
          type: 'MemberMoved',
          data: { memberId: command.memberId, fromGroupId: member.groupId, toGroupId: command.toGroupId, branchId: group.parentId, effectiveOn: command.effectiveOn },
        },
      ];
    }
    case 'SetGuidanceCategories': {
      requireUnit(state, command.branchId, 'party-branch', 'branchId');
      if (!maySetGuidance(command.actor, state, command.branchId)) {
        throw forbidden('not_the_branch_secretary', `guidance categories of ${command.branchId} are set by its own secretary or the bureau admin`, { branchId: command.branchId });
      }
      const categories = [...new Set(command.categories.map((c) => c.trim()))];
      if (categories.length === 0 || categories.length > 12) throw invalid('invalid_categories', 'between 1 and 12 categories', { field: 'categories' });
      if (categories.some((c) => !/^[a-z0-9][a-z0-9-]{0,59}$/.test(c))) {
        throw invalid('invalid_categories', 'categories are lower-case codes (a-z, 0-9, -), up to 60 characters', { field: 'categories' });
      }
      return [{ type: 'GuidanceCategoriesSet', data: { branchId: command.branchId, year: command.year, categories } }];
    }
    case 'AssignAppraisalOffice': {
      for (const [i, s] of command.staff.entries()) {
        if (!state.members[s.memberId]) throw notFound('member', s.memberId);
        if (s.duty.trim().length === 0 || s.duty.length > 200) throw invalid('invalid_duty', 'duty must be 1 to 200 characters', { field: `staff/${i}/duty` });
      }
      if (command.staff.length === 0) throw invalid('staff_required', 'the appraisal office needs at least one member', { field: 'staff' });
      const ids = command.staff.map((s) => s.memberId);
      const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
      if (twice >= 0) throw invalid('duplicate_member', `${ids[twice]} is named twice`, { field: `staff/${twice}/memberId` });
      return [{ type: 'AppraisalOfficeAssigned', data: { year: command.year, staff: command.staff.map((s) => ({ memberId: s.memberId, duty: s.duty.trim() })) } }];
    }
    case 'CloseYear': {
      if (state.closedYears.includes(command.year)) return [];
      return [{ type: 'YearClosed', data: { year: command.year } }];
    }
    case 'OpenYear': {
      const current = programmeYearOf(command.at);
      if (state.closedYears.includes(command.year)) throw conflict('year_closed', `the ${command.year} programme is closed`, { year: command.year });
      if (command.year === current) return [];
      if (command.year === current + 1) return state.openedYears.includes(command.year) ? [] : [{ type: 'YearOpened', data: { year: command.year } }];
      if (command.year === current - 1) {
        return state.lateEntryYears.includes(command.year) ? [] : [{ type: 'YearOpened', data: { year: command.year, lateEntry: true } }];
      }
      throw invalid('year_not_openable', `in ${current} a bureau may open ${current + 1} (or ${current - 1}, to enter its books late)`, { field: 'year', currentYear: current });
    }
    case 'SetProgrammeRules': {
      if (state.closedYears.includes(command.year)) throw conflict('year_closed', `the ${command.year} programme is closed`, { year: command.year });
      const current = state.programmeRules[String(command.year)];
      const rules = { positionBenchmark: command.rules.positionBenchmark, yearlyDeed: command.rules.yearlyDeed };
      if (current && current.positionBenchmark === rules.positionBenchmark && current.yearlyDeed === rules.yearlyDeed) return [];
      return [{ type: 'ProgrammeRulesSet', data: { year: command.year, ...rules } }];
    }
  }
}
