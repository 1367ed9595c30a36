// What the APIs answer. The OpenAPI documents describe paths, parameters and request bodies
// today but not yet the answers; these types follow the services' answers (docs/api/*.md) until
// the documents carry response schemas and the generated types replace them.
import type { BodyOf } from './client';
import type { EvidenceFile } from './evidence';

export type DraftBody = BodyOf<'/api/v1/pledges', 'post'>;
export type ItemInput = DraftBody['items'][number];
export type ItemKind = ItemInput['kind'];
export type PledgeStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'published' | 'closed' | 'withdrawn';

export interface PledgeItem extends ItemInput {
  no: number;
}

export interface Pledger {
  type: 'individual' | 'paired' | 'collective';
  memberIds: string[];
  orgUnitId?: string;
}

export interface FulfilmentRecord {
  recordId: string;
  itemNo: number;
  recordedOn: string;
  narrative: string;
  evidence: string[];
  /** Photos and scans (ADR 0075). */
  attachments?: EvidenceFile[];
  peopleAided?: number;
  amountFen?: number;
  volunteerHours?: number;
  recordedBy: string;
  recordedAt: string;
  corrects?: string;
}

export interface ReturnVerdict {
  itemNo: number;
  verdict: 'approved' | 'revise';
  reason?: string;
}

export interface Pledge {
  pledgeId: string;
  bureauId: string;
  year: number;
  status: PledgeStatus;
  pledger: Pledger;
  branchId?: string;
  groupId?: string;
  items: PledgeItem[];
  round: number;
  revision: number;
  lastReturn?: { reviewId: string; round: number; stage: 'group' | 'branch'; verdicts: ReturnVerdict[] };
  approval?: { approvedAt: string };
  publication?: { publishedAt: string };
  records: FulfilmentRecord[];
  asOf?: string;
}

export interface PledgeSummary extends Omit<Pledge, 'records' | 'lastReturn' | 'approval' | 'publication'> {
  memberIds: string[];
  approvedAt?: string;
  publishedAt?: string;
  updatedAt: string;
  totals?: { peopleAided: number; amountFen: number; volunteerHours: number; records: number };
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface ReviewRound {
  round: number;
  openedAt: string;
  items: PledgeItem[];
  startedAt: 'group' | 'branch';
  comments: { commentId: string; by: string; text: string; at: string }[];
  group?: { decision: 'forward' | 'return'; evaluation: string; notes?: { itemNo: number; note: string }[]; by: string; at: string };
  branch?: { decision: 'approve' | 'return'; meeting: { date: string; attendees: string[] }; verdicts: ReturnVerdict[]; by: string; at: string };
  withdrawn?: { reason: string; at: string };
}

export interface Review {
  pledgeId: string;
  status: 'group' | 'branch' | 'approved' | 'returned' | 'withdrawn' | 'published' | 'none';
  bureauId: string;
  year: number;
  pledger: Pledger;
  branchId?: string;
  groupId?: string;
  decidingBody: 'branch' | 'leading-group';
  round: number;
  stageSince?: string;
  rounds: ReviewRound[];
  revision: number;
}

export interface QueueEntry extends Omit<PledgeSummary, 'status'> {
  status: string;
  stage: 'group' | 'branch';
  stageSince: string;
  overdue?: boolean;
  decidingBody: string;
}

export interface HistoryEntry {
  revision: number;
  type: string;
  recordedAt: string;
  actorId: string;
  actorRole: string;
  reason: string | null;
  causationId: string;
  correlationId: string;
  eventId: string;
  hash: string;
  data: Record<string, unknown>;
}

export interface Verification {
  stream: string;
  ok: boolean;
  eventsChecked: number;
  lastHash?: string;
  firstBrokenRevision?: number;
  problem?: 'hash_mismatch' | 'prev_hash_mismatch' | 'revision_gap';
}

export interface Member {
  memberId: string;
  name: string;
  partyStatus: 'full' | 'probationary' | 'non-party';
  branchId?: string;
  groupId?: string;
  departmentId?: string;
  roles: string[];
}

export interface OrgUnit {
  orgUnitId: string;
  type: string;
  name: string;
  parentId?: string;
}

export interface Account {
  username: string;
  memberId: string;
  bureauId: string;
  roles: string[];
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface BranchProgress {
  branchId: string;
  year: number;
  members: number;
  drafted: number;
  submitted: number;
  approved: number;
  published: number;
  books: { pending: number; returned: number };
}
