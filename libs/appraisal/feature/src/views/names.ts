import type { EvidenceFile } from '@pledgebook/appraisal-domain';

/** The appraisal service's own views (beside the facts views), each indexed on what its queries filter and sort by (ADR 0028). */
export const SCHEMES = 'schemes';
export const CALENDARS = 'calendars';
export const MONTHLY_CHECKS = 'monthly_checks';
export const TALKS = 'reminder_talks';
export const ROUNDS = 'rounds';
export const ROUND_RESULTS = 'round_results';
export const BALLOT_LIMITS = 'ballot_limits';

export interface SchemeView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  year: number;
  version: number;
  status: 'draft' | 'submitted' | 'approved' | 'published';
  title: string;
  basedOnVersion?: number;
  returnedFor?: string;
  approvedBy?: string;
  publishedAt?: string;
  updatedAt: string;
}

export interface CheckView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  branchId: string;
  groupId: string;
  month: string;
  year: number;
  members: number;
  items: number;
  counts: Record<string, number>;
  memberIds: string[];
  entries: Record<string, { note: string; items: Array<{ pledgeId: string; itemNo: number; status: string; note?: string }>; attachments?: EvidenceFile[] }>;
  recordedBy: string;
  recordedAt: string;
  corrections: number;
}

/** A reminder talk without its notes (personal data stays in its stream, read by those it concerns). */
export interface TalkView {
  _id: string;
  [field: string]: unknown;
  talkId: string;
  bureauId: string;
  branchId: string;
  memberId: string;
  year: number;
  quarter: number;
  scheduledOn: string;
  dueOn: string;
  items: number;
  status: 'scheduled' | 'held' | 'cancelled';
  heldOn?: string;
  late?: boolean;
  followUpOn?: string;
  talkedBy?: string[];
}

export interface NoticeView {
  noticeId: string;
  postedOn: string;
  startsOn: string;
  endsOn: string;
  workingDays: number;
  members: number;
  renewal: boolean;
}

export interface RoundView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  year: number;
  half: 'H1' | 'H2';
  schemeVersion: number;
  status: 'scoring' | 'on-notice' | 'final';
  subjects: number;
  openedAt: string;
  computedAt?: string;
  notices: NoticeView[];
  /** The last day any result's notice runs (the round can be final the day after). */
  noticeEndsOn?: string;
  openObjections: number;
  rescoring: number;
  finalizedAt?: string;
  gradeCounts?: Record<string, number>;
}

export interface ResultView {
  _id: string;
  [field: string]: unknown;
  roundId: string;
  bureauId: string;
  year: number;
  half: 'H1' | 'H2';
  memberId: string;
  partyStatus: string;
  branchId?: string;
  groupId?: string;
  status: 'scoring' | 'on-notice' | 'rescoring' | 'final';
  points?: number;
  grade?: string;
  gradeLabel?: string;
  gradeReason?: string;
  notice?: { postedOn: string; startsOn: string; endsOn: string; workingDays: number };
  noticeNo?: number;
  finalizedAt?: string;
}
