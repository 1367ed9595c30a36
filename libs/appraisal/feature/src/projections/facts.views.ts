/** Documents naming a member or an org unit are keyed by bureau and id (ADR 0019). */
export const scopedId = (bureauId: string, id: string) => `${bureauId}/${id}`;

export const MEMBERS = 'members';
export const ORG_UNITS = 'org_units';
export const BUREAUS = 'bureaus';
export const BOOKS = 'books';
export const OFFICES = 'appraisal_offices';

export interface GroupPeriodView {
  groupId?: string;
  branchId?: string;
  /** ISO date from which the member is in this group. */
  from: string;
}

export interface MemberView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  memberId: string;
  name: string;
  partyStatus?: string;
  roles: string[];
  branchId?: string;
  groupId?: string;
  departmentId?: string;
  /** Every group the member was in, by effective date, oldest first. */
  groups: GroupPeriodView[];
}

export interface OrgUnitView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  orgUnitId: string;
  type: string;
  name: string;
  parentId?: string;
}

export interface BureauView {
  _id: string;
  [field: string]: unknown;
  name: string;
  level?: string;
  parentBureauId?: string;
  closedYears: number[];
}

export interface BookItemView {
  no: number;
  kind: 'common' | 'position' | 'deed';
  text: string;
  target: string;
  area?: string;
  category?: string;
  dueQuarter?: 1 | 2 | 3 | 4;
  benchmark?: boolean;
}

export interface FulfilmentView {
  recordId: string;
  /** The id of the pledge service's event that recorded it (scores cite it). */
  eventId: string;
  itemNo: number;
  recordedOn: string;
  peopleAided?: number;
  amountFen?: number;
  volunteerHours?: number;
  corrects?: string;
}

/** A pledge book as appraisal needs it: who, where, its items, whether published, its records. */
export interface BookView {
  _id: string;
  [field: string]: unknown;
  pledgeId: string;
  bureauId: string;
  year: number;
  pledger: { type: 'individual' | 'paired' | 'collective'; memberIds: string[]; orgUnitId?: string };
  memberIds: string[];
  branchId?: string;
  groupId?: string;
  items: BookItemView[];
  status: 'submitted' | 'published' | 'withdrawn' | 'closed';
  publishedAt?: string;
  publishedEventId?: string;
  records: FulfilmentView[];
}

export interface OfficeView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  year: number;
  staff: Array<{ memberId: string; duty: string }>;
}
