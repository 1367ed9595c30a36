// What the appraisal service answers (docs/api and the appraisal controllers); the OpenAPI
// document describes the paths and request bodies, these the answers.
import type { BodyOf } from '../../api/client';
import type { EvidenceFile } from '../../api/evidence';

export type SchemeContent = BodyOf<'/api/v1/appraisals/bureaus/{bureauId}/schemes/{year}/versions', 'post'>['content'];
export type Criterion = SchemeContent['criteria'][number];
export type Grade = 'excellent' | 'qualified' | 'basically-qualified' | 'unqualified';
export type Half = 'H1' | 'H2';
export type SchemeStatus = 'draft' | 'submitted' | 'approved' | 'published';
export type RoundStatus = 'scoring' | 'on-notice' | 'final';
export type Rating = 'good' | 'fair' | 'average' | 'poor';

export interface SchemeSummary {
  bureauId: string;
  year: number;
  version: number;
  status: SchemeStatus;
  title: string;
  basedOnVersion?: number;
  returnedFor?: string;
  approvedBy?: string;
  publishedAt?: string;
  updatedAt: string;
}

export interface Scheme {
  status: SchemeStatus;
  bureauId: string;
  year: number;
  version: number;
  content?: SchemeContent;
  basedOnVersion?: number;
  approvedBy?: string;
  publishedAt?: string;
  returnedFor?: string;
  revision: number;
}

export interface NoticePeriod {
  postedOn: string;
  startsOn: string;
  endsOn: string;
  workingDays: number;
}

export interface RoundSummary {
  year: number;
  half: Half;
  schemeVersion: number;
  status: RoundStatus;
  subjects: number;
  openedAt: string;
  noticeEndsOn?: string;
  openObjections: number;
  rescoring: number;
  finalizedAt?: string;
}

export interface Round {
  bureauId: string;
  year: number;
  half: Half;
  schemeVersion: number;
  status: RoundStatus;
  openedAt: string;
  subjects: Array<{ memberId: string; partyStatus: string; branchId?: string; groupId?: string }>;
  scoring: { computed: number; selfAssessments: number; peerGroups: string[]; massesCounted: boolean; missing?: Array<{ memberId: string; criterionIds: string[] }> };
  results: { onNotice: number; rescoring: number; final: number };
  notice?: { startsOn: string; endsOn: string };
  openObjections: number;
  finalizedAt?: string;
  revision: number;
}

export interface ResultLine {
  memberId: string;
  name: string;
  points?: number;
  grade?: Grade;
  gradeLabel?: string;
  gradeReason?: string;
  status: 'scoring' | 'on-notice' | 'rescoring' | 'final';
  notice?: NoticePeriod;
}

export interface Results {
  provisional: boolean;
  byGrade: Array<{ grade: Grade; label: string; count: number; members: ResultLine[] }>;
  rescoring: string[];
}

export interface CriterionScore {
  criterionId: string;
  label: string;
  schemeVersion: number;
  maxPoints: number;
  points: number;
  source: 'computed' | 'entered' | 'democratic';
  formula?: string;
  rule: string;
  inputs: Record<string, number | string>;
  sourceEventIds: string[];
  enteredBy?: string;
  note?: string;
}

export interface AdjustmentLine {
  id: string;
  label: string;
  points: number;
  cap: number;
  reason: string;
  by: string;
}

export interface Explanation {
  memberId: string;
  name?: string;
  roundStatus?: RoundStatus;
  schemeVersion: number;
  sheet: {
    criteria: CriterionScore[];
    missing: string[];
    bonuses: AdjustmentLine[];
    deductions: AdjustmentLine[];
    vetoes: Array<{ id: string; label: string; reason: string; by: string }>;
    criteriaPoints: number;
    bonusPoints: number;
    deductionPoints: number;
    points: number;
  };
  grade: Grade;
  gradeLabel: string;
  gradeReason: 'band' | 'veto' | 'quota';
  bands: Array<{ grade: Grade; minPoints: number; label: string }>;
  quota?: { maxPercent: number; limit: number; rank?: number; granted: boolean; tiedAtCut: boolean };
  result?: { points: number; grade: Grade; status: 'on-notice' | 'rescoring' | 'final'; notice: NoticePeriod; noticeNo: number };
}

export interface Objection {
  objectionId: string;
  memberId: string;
  raisedAt: string;
  objectorId?: string;
  text?: string;
  status: 'open' | 'dismissed' | 'upheld';
  decision?: { reason: string; by: string; at: string };
}

export type ItemStatus = 'done' | 'on-track' | 'behind' | 'not-started';

export interface RosterItem {
  pledgeId: string;
  itemNo: number;
  kind?: string;
  text?: string;
  target?: string;
  dueQuarter?: number;
}

export interface Roster {
  groupId: string;
  branchId: string;
  month: string;
  members: Array<{ memberId: string; name?: string; items: RosterItem[] }>;
}

export interface GridRow {
  groupId: string;
  name: string;
  status: 'recorded' | 'missing' | 'not-due' | 'nobody';
  counts?: Record<string, number>;
  recordedBy?: string;
  recordedAt?: string;
  corrections?: number;
  members: Array<{ memberId: string; name: string; note?: string; items: Array<{ pledgeId: string; itemNo: number; status?: string; note?: string }> }>;
  notChecked: string[];
}

export interface Grid {
  branchId: string;
  name: string;
  month: string;
  groups: GridRow[];
  missing: string[];
}

export interface DispatchPreview {
  summary: {
    members: number;
    items: number;
    statusCounts: Record<string, number>;
    unchecked: number;
    checks: { expected: number; held: number; missing: Array<{ groupId: string; month: string }> };
    progressRecords: number;
    membersWithProgress: number;
    dueThisQuarter: number;
    dueDone: number;
    membersBehind: number;
  };
  membersBehind: Array<{ memberId: string; items: Array<{ pledgeId: string; itemNo: number; status?: string; reason: 'behind' | 'due-not-done' }> }>;
  branchMembers: string[];
}

export interface Dispatch {
  meeting: { date: string; attendees: string[] };
  summary: DispatchPreview['summary'];
  membersBehind?: DispatchPreview['membersBehind'];
  leftOut?: Array<{ memberId: string; reason: string }>;
  heldBy?: string;
  heldAt?: string;
  [field: string]: unknown;
}

export interface Talk {
  talkId: string;
  branchId: string;
  memberId: string;
  year: number;
  quarter: number;
  scheduledOn: string;
  dueOn: string;
  status: 'scheduled' | 'held' | 'cancelled';
  heldOn?: string;
  late?: boolean;
  followUpOn?: string;
  talkedBy?: string[];
  overdue: boolean;
}

export interface MemberYear {
  memberId: string;
  name: string;
  year: number;
  checks: Array<{ month: string; groupId: string; recordedBy: string; recordedAt: string; corrections: number; note?: string; items?: Array<{ pledgeId: string; itemNo: number; status: string; note?: string }>; attachments?: EvidenceFile[] }>;
  talks: Talk[];
  /** `selfAssessment` only when the reader is the member herself. */
  rounds: Array<{ half: Half; status: RoundStatus; schemeVersion: number; selfAssessment?: { rating: Rating; recordedAt: string }; explanation?: Explanation }>;
}
