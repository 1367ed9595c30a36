import type { Role } from '../actor';
import type { ProgrammeRules } from '../programme/programme-rules';

export const ORG_UNIT_TYPES = [
  'leading-party-group',
  'leading-group',
  'appraisal-office',
  'leadership-team',
  'party-branch',
  'party-group',
  'department',
  'mass-organisation',
] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

export const PARTY_STATUSES = ['full', 'probationary', 'non-party'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

export const BUREAU_LEVELS = ['province', 'city', 'district', 'county'] as const;
export type BureauLevel = (typeof BUREAU_LEVELS)[number];

/** The five guidance categories for practical deeds a branch starts a year with (editable). */
export const DEFAULT_GUIDANCE_CATEGORIES = [
  'student-aid',
  'village-support',
  'community-volunteering',
  'environment-and-sanitation',
  'blood-donation-and-charity',
] as const;

export interface OrgUnit {
  orgUnitId: string;
  type: OrgUnitType;
  name: string;
  /** A party group's branch. */
  parentId?: string;
}

export interface GroupPeriod {
  groupId?: string;
  branchId?: string;
  /** ISO date the member joined this group. */
  from: string;
}

/** What the directory records of a member (in commands, events and state alike). */
export interface MemberDetails {
  name: string;
  partyStatus: PartyStatus;
  branchId?: string;
  groupId?: string;
  departmentId?: string;
  roles: Role[];
}

export interface Member extends MemberDetails {
  memberId: string;
  /** Every group the member has been in, oldest first. */
  groups: GroupPeriod[];
}

export interface AppraisalStaff {
  memberId: string;
  duty: string;
}

export interface DirectoryState {
  exists: boolean;
  bureauId: string;
  name: string;
  level?: BureauLevel;
  parentBureauId?: string;
  units: Record<string, OrgUnit>;
  members: Record<string, Member>;
  /** `${branchId}:${year}` → categories; absent means the defaults. */
  guidance: Record<string, string[]>;
  appraisalOffice: Record<string, AppraisalStaff[]>;
  closedYears: number[];
  /** Years the bureau admin opened ahead (ADR 0037); the current year is open without this. */
  openedYears: number[];
  /** Past years the bureau admin opened to enter their books late (ADR 0037). */
  lateEntryYears: number[];
  /** `${year}` → the year's rules as set; absent means the defaults (every rule on). */
  programmeRules: Record<string, ProgrammeRules>;
}

export const initialDirectoryState = (): DirectoryState => ({
  exists: false,
  bureauId: '',
  name: '',
  units: {},
  members: {},
  guidance: {},
  appraisalOffice: {},
  closedYears: [],
  openedYears: [],
  lateEntryYears: [],
  programmeRules: {},
});
