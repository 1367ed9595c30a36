import type { EvidenceFile } from '../shared/evidence';
import type { ItemRef, ItemStatus } from '../shared/statuses';

/** A member expected at the check: a published book in the group that month (by effective date), with its items. */
export interface RosterMember {
  memberId: string;
  items: ItemRef[];
}

export interface ItemCheck extends ItemRef {
  status: ItemStatus;
  note?: string;
}

/** What the group leader records for one member: every item's status, a note on the member, photos or scans seen. */
export interface CheckEntry {
  memberId: string;
  note: string;
  items: ItemCheck[];
  attachments?: EvidenceFile[];
}

export interface StatusChange extends ItemRef {
  memberId: string;
  status: ItemStatus;
  note?: string;
}
