import type { DecidingBody, Pledger, ReviewItem, ReviewStatus, Stage } from '@pledgebook/review-domain';

export const REVIEWS = 'reviews';
export const MEMBERS = 'members';
export const ORG_UNITS = 'org_units';
export const PLEDGE_STARTS = 'pledge_starts';
export const SETTINGS = 'review_settings';
export const BUREAUS = 'bureaus';

/** One pledge's review as queues, progress and the booklet read it. */
export interface ReviewView {
  _id: string;
  [field: string]: unknown;
  pledgeId: string;
  bureauId: string;
  year: number;
  pledger: Pledger;
  memberIds: string[];
  branchId?: string;
  /** The deciding group (the first pledger's). */
  groupId?: string;
  /** Every pledger's group, the deciding one first: a paired book is in each group leader's queue. */
  groupIds: string[];
  decidingBody: DecidingBody;
  /** Who publishes it once approved: its branch's secretary, or the leading party group (books outside any branch). */
  publisher: DecidingBody;
  status: ReviewStatus | 'published';
  stage?: Stage;
  round: number;
  stageSince: string;
  items: ReviewItem[];
  approvedAt?: string;
  publishedAt?: string;
  publicationId?: string;
  /** When the book was closed with its year (a published book stays `published`). */
  closedAt?: string;
}

/**
 * Bureaus choose their own directory keys, so a member or org unit is known by its bureau and
 * its id together: documents are keyed `<bureauId>/<id>` (ADR 0019).
 */
export const scopedId = (bureauId: string, id: string) => `${bureauId}/${id}`;

/** The directory as this service needs it (from pledgebook.pledge.v1). */
export interface MemberView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  memberId: string;
  name: string;
  partyStatus?: string;
  groupId?: string;
  branchId?: string;
  departmentId?: string;
  roles: string[];
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

/** A pledge book someone started (drafted), for branch progress. */
export interface PledgeStartView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  year: number;
  pledger: Pledger;
  branchId?: string;
  groupId?: string;
}

export interface SettingsView {
  _id: string;
  [field: string]: unknown;
  groupDays: number;
  branchDays: number;
}

/** Bureaus and their parent authorities (a parent's auditors read its child bureaus). */
export interface BureauView {
  _id: string;
  [field: string]: unknown;
  name: string;
  level?: string;
  parentBureauId?: string;
}
