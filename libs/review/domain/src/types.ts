/** A pledge item as the review sees it (the content of the submitted round). */
export interface ReviewItem {
  no: number;
  kind: 'common' | 'position' | 'deed';
  text: string;
  target: string;
  area?: string;
  category?: string;
  beneficiary?: { type: string; name: string; arrangedByBranch?: boolean };
  dueQuarter?: number;
  benchmark?: boolean;
}

export interface Pledger {
  type: 'individual' | 'paired' | 'collective';
  memberIds: string[];
  orgUnitId?: string;
}

/** Who discusses and decides a pledge (DESIGN.md and the seed report: 逐人逐條). */
export type Stage = 'group' | 'branch';

/**
 * Who holds the branch stage: the pledger's branch meeting (its secretary records it), or the
 * leading party group for the leadership team's collective pledge and for staff outside a branch.
 */
export type DecidingBody = 'branch' | 'leading-group';

export type ItemVerdict = { itemNo: number; verdict: 'approved' } | { itemNo: number; verdict: 'revise'; reason: string };

export interface Meeting {
  date: string;
  attendees: string[];
}

/**
 * The role a decision is taken in: the group leader records the group's evaluation, the branch
 * secretary the branch meeting's decision, the leading party group its own (ADR 0038).
 */
export const DECIDING_ROLES = ['group-leader', 'branch-secretary', 'leading-group'] as const;
export type DecidingRole = (typeof DECIDING_ROLES)[number];

/** A pledger's place in the directory when the book was submitted (roles, group and branch). */
export interface PledgerPlace {
  memberId: string;
  roles: string[];
  groupId?: string;
  branchId?: string;
}

/** A pledger who holds an office in their own book's review, which therefore passes them by. */
export interface PledgerOfficer {
  memberId: string;
  role: 'group-leader' | 'branch-secretary';
}

/** Closed: the pledge book was closed with its year (the pledge service's pledge-closed). */
export const REVIEW_STATUSES = ['group', 'branch', 'approved', 'returned', 'withdrawn', 'closed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The person acting, with their place in the party organisation (from the directory). */
export interface Reviewer {
  memberId: string;
  roles: string[];
  groupId?: string;
  branchId?: string;
}
