import type { Role } from '../actor';
import type { AppraisalStaff, BureauLevel, MemberDetails, OrgUnitType, PartyStatus } from './types';

export type DirectoryEvent =
  | { type: 'BureauRegistered'; data: { bureauId: string; name: string; level?: BureauLevel; parentBureauId?: string } }
  | { type: 'OrgUnitAdded'; data: { orgUnitId: string; type: OrgUnitType; name: string; parentId?: string } }
  | { type: 'MemberAdded'; data: { memberId: string; joinedOn: string } & MemberDetails }
  | { type: 'MemberUpdated'; data: { memberId: string; name?: string; partyStatus?: PartyStatus; departmentId?: string; roles?: Role[] } }
  | { type: 'MemberMoved'; data: { memberId: string; fromGroupId?: string; toGroupId: string; branchId?: string; effectiveOn: string } }
  | { type: 'GuidanceCategoriesSet'; data: { branchId: string; year: number; categories: string[] } }
  | { type: 'AppraisalOfficeAssigned'; data: { year: number; staff: AppraisalStaff[] } }
  | { type: 'YearClosed'; data: { year: number } }
  /** `lateEntry`: the year had already ended when it was opened (to enter its books late). */
  | { type: 'YearOpened'; data: { year: number; lateEntry?: boolean } }
  | { type: 'ProgrammeRulesSet'; data: { year: number; positionBenchmark: boolean; yearlyDeed: boolean } };

export type DirectoryEventType = DirectoryEvent['type'];
