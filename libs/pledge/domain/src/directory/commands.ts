import type { Actor, Role } from '../actor';
import type { ProgrammeRules } from '../programme/programme-rules';
import type { AppraisalStaff, BureauLevel, MemberDetails, OrgUnitType, PartyStatus } from './types';

export type DirectoryCommand =
  | { type: 'RegisterBureau'; bureauId: string; name: string; level?: BureauLevel; parentBureauId?: string; parentExists: boolean }
  | { type: 'AddOrgUnit'; orgUnitId: string; unitType: OrgUnitType; name: string; parentId?: string }
  | ({ type: 'AddMember'; memberId: string; joinedOn: string } & MemberDetails)
  | { type: 'UpdateMember'; memberId: string; name?: string; partyStatus?: PartyStatus; departmentId?: string; roles?: Role[] }
  | { type: 'MoveMember'; memberId: string; toGroupId: string; effectiveOn: string }
  /** `actor`: who sets them — the branch's own secretary or the bureau admin; without one, refused. */
  | { type: 'SetGuidanceCategories'; branchId: string; year: number; categories: string[]; actor?: Actor }
  | { type: 'AssignAppraisalOffice'; year: number; staff: AppraisalStaff[] }
  | { type: 'CloseYear'; year: number }
  /** `at`: the command's time, which says what the current programme year is. */
  | { type: 'OpenYear'; year: number; at: string }
  | { type: 'SetProgrammeRules'; year: number; rules: ProgrammeRules };
