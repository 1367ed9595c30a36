import type { Role } from '../actor';
import type { AppraisalStaff, BureauLevel, MemberDetails, OrgUnitType, PartyStatus } from './types';

export type DirectoryCommand =
  | { type: 'RegisterBureau'; bureauId: string; name: string; level?: BureauLevel; parentBureauId?: string; parentExists: boolean }
  | { type: 'AddOrgUnit'; orgUnitId: string; unitType: OrgUnitType; name: string; parentId?: string }
  | ({ type: 'AddMember'; memberId: string; joinedOn: string } & MemberDetails)
  | { type: 'UpdateMember'; memberId: string; name?: string; partyStatus?: PartyStatus; departmentId?: string; roles?: Role[] }
  | { type: 'MoveMember'; memberId: string; toGroupId: string; effectiveOn: string }
  | { type: 'SetGuidanceCategories'; branchId: string; year: number; categories: string[] }
  | { type: 'AssignAppraisalOffice'; year: number; staff: AppraisalStaff[] }
  | { type: 'CloseYear'; year: number };
