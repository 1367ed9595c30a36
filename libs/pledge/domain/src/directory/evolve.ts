import type { DirectoryEvent } from './events';
import { DEFAULT_PROGRAMME_RULES, type ProgrammeRules } from '../programme/programme-rules';
import { DEFAULT_GUIDANCE_CATEGORIES, type DirectoryState } from './types';

export function evolveDirectory(state: DirectoryState, event: DirectoryEvent): DirectoryState {
  switch (event.type) {
    case 'BureauRegistered':
      return { ...state, exists: true, bureauId: event.data.bureauId, name: event.data.name, level: event.data.level, parentBureauId: event.data.parentBureauId };
    case 'OrgUnitAdded':
      return { ...state, units: { ...state.units, [event.data.orgUnitId]: { ...event.data } } };
    case 'MemberAdded': {
      const { joinedOn, ...member } = event.data;
      return {
        ...state,
        members: {
          ...state.members,
          [member.memberId]: { ...member, roles: [...member.roles], groups: [{ groupId: member.groupId, branchId: member.branchId, from: joinedOn }] },
        },
      };
    }
    case 'MemberUpdated': {
      const current = state.members[event.data.memberId];
      if (!current) return state;
      const { memberId: _id, ...changes } = event.data;
      return { ...state, members: { ...state.members, [event.data.memberId]: { ...current, ...changes } } };
    }
    case 'MemberMoved': {
      const current = state.members[event.data.memberId];
      if (!current) return state;
      const moved = {
        ...current,
        groupId: event.data.toGroupId,
        branchId: event.data.branchId,
        groups: [...current.groups, { groupId: event.data.toGroupId, branchId: event.data.branchId, from: event.data.effectiveOn }],
      };
      return { ...state, members: { ...state.members, [event.data.memberId]: moved } };
    }
    case 'GuidanceCategoriesSet':
      return { ...state, guidance: { ...state.guidance, [`${event.data.branchId}:${event.data.year}`]: [...event.data.categories] } };
    case 'AppraisalOfficeAssigned':
      return { ...state, appraisalOffice: { ...state.appraisalOffice, [String(event.data.year)]: event.data.staff } };
    case 'YearClosed':
      return { ...state, closedYears: [...state.closedYears, event.data.year] };
    case 'YearOpened':
      return event.data.lateEntry
        ? { ...state, lateEntryYears: [...state.lateEntryYears, event.data.year] }
        : { ...state, openedYears: [...state.openedYears, event.data.year] };
    case 'ProgrammeRulesSet': {
      const { year, ...rules } = event.data;
      return { ...state, programmeRules: { ...state.programmeRules, [String(year)]: rules } };
    }
  }
}

/** A year's programme rules: as the bureau admin set them, or every rule on. */
export function programmeRulesOf(state: DirectoryState, year: number): ProgrammeRules {
  return { ...DEFAULT_PROGRAMME_RULES, ...state.programmeRules[String(year)] };
}

/** A branch's guidance categories for a year: as set, or the five defaults. */
export function guidanceCategories(state: DirectoryState, branchId: string | undefined, year: number): string[] {
  return (branchId && state.guidance[`${branchId}:${year}`]) || [...DEFAULT_GUIDANCE_CATEGORIES];
}

/** The group a member was in on a date (ISO), from the recorded moves. */
export function groupOn(state: DirectoryState, memberId: string, date: string): { groupId?: string; branchId?: string } | undefined {
  const member = state.members[memberId];
  if (!member) return undefined;
  let found: { groupId?: string; branchId?: string } | undefined;
  for (const period of member.groups) {
    if (period.from <= date) found = { groupId: period.groupId, branchId: period.branchId };
  }
  return found;
}
