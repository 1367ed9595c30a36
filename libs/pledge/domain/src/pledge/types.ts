export const PLEDGER_TYPES = ['individual', 'collective', 'paired'] as const;
export type PledgerType = (typeof PLEDGER_TYPES)[number];

export const ITEM_KINDS = ['common', 'position', 'deed'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/**
 * Where each pledger sits when the book is submitted (roles, group, branch): carried on the
 * submission so the review service routes it (nobody reviews their own book) without waiting for
 * its own copy of the directory, which arrives on other keys.
 */
export interface PledgerPlace {
  memberId: string;
  roles: string[];
  groupId?: string;
  branchId?: string;
}

/** The four areas of a common pledge (共性承諾). */
export const COMMON_AREAS = ['theory-study', 'work-style', 'discipline', 'ethics'] as const;
export type CommonArea = (typeof COMMON_AREAS)[number];

export const BENEFICIARY_TYPES = ['school', 'village', 'family', 'person', 'community', 'other'] as const;
export type BeneficiaryType = (typeof BENEFICIARY_TYPES)[number];

export const PLEDGE_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published', 'closed', 'withdrawn'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export interface Pledger {
  type: PledgerType;
  /** individual: one member; paired: two or more; collective: none. */
  memberIds: string[];
  /** collective: the org unit that pledges (leadership team, branch, department, mass organisation). */
  orgUnitId?: string;
}

export interface Beneficiary {
  type: BeneficiaryType;
  name: string;
  /** Arranged by the branch rather than chosen by the member. */
  arrangedByBranch?: boolean;
}

/** What a member writes for one item (numbers are assigned in order). */
export interface ItemInput {
  kind: ItemKind;
  area?: CommonArea;
  text: string;
  target: string;
  category?: string;
  beneficiary?: Beneficiary;
  dueQuarter?: 1 | 2 | 3 | 4;
  /** A position pledge to bring the member's statistical work to the province's first rank. */
  benchmark?: boolean;
}

export interface PledgeItem extends ItemInput {
  no: number;
}

/**
 * A photo or scan kept by the pledge service, named by the SHA-256 of its bytes: the hash goes
 * into the event, so the event's hash chain covers the file (ADR 0075).
 */
export interface EvidenceFile {
  sha256: string;
  size: number;
  mediaType: string;
  /** As the uploader named it; shown and offered on download, never a path. */
  name: string;
}

export interface FulfilmentInput {
  itemNo: number;
  /** ISO date of the deed or work. */
  recordedOn: string;
  narrative: string;
  /** References in words (a receipt's number, where a report was published). */
  evidence: string[];
  /** Files uploaded first to the pledge service (photos, scans). */
  attachments?: EvidenceFile[];
  peopleAided?: number;
  amountFen?: number;
  volunteerHours?: number;
  /**
   * Who was aided, as a reference the pledger or branch keeps (a code, not a name): records that
   * name the same beneficiary count its people once in the totals. Deed items only.
   */
  beneficiaryRef?: string;
}

export interface FulfilmentRecord extends FulfilmentInput {
  recordId: string;
  recordedBy: string;
  recordedAt: string;
  /** The record this one corrects; the corrected one stays in the history. */
  corrects?: string;
}

export interface ReturnVerdict {
  itemNo: number;
  verdict: 'approved' | 'revise';
  reason?: string;
}
