import { z } from 'zod';
import { defineEvent } from './define-event';
import { Topics } from './topics';

// The contract outside government systems subscribe to (DESIGN.md §2). The least personal data
// that serves them: counts for checks and dispatches, a member's final result — never talk
// notes, objection texts or objectors.

const id = z.string().min(1).max(200);
const year = z.number().int().min(2000).max(2200);
const half = z.enum(['H1', 'H2']);
const time = z.iso.datetime();
const date = z.iso.date();
const count = z.number().int().min(0);

/** Grades by their stable codes; `gradeLabel` carries the bureau's wording (优秀, 合格, 基本合格, 不合格 by default). */
export const GRADE_CODES = ['excellent', 'qualified', 'basically-qualified', 'unqualified'] as const;
const grade = z.enum(GRADE_CODES);
const points = z.number().min(0).max(10_000);

export const SchemePublished = defineEvent({
  type: 'pledgebook.appraisal.scheme-published.v1',
  topic: Topics.appraisal,
  summary: 'A bureau published its appraisal scheme for a year (criteria, points and grade bands), before any round uses it.',
  data: z.strictObject({
    bureauId: id,
    year,
    schemeId: id,
    version: z.number().int().min(1),
    publishedAt: time,
    criteria: z.array(z.strictObject({ criterionId: id, name: z.string().min(1).max(200), maxPoints: points, source: z.enum(['computed', 'entered', 'bonus', 'deduction']) })).min(1).max(100),
    grades: z.array(z.strictObject({ grade, label: z.string().min(1).max(20), minPoints: points })).min(1).max(10),
    topGradeQuotaPercent: z.number().min(0).max(100).optional(),
    veto: z.boolean(),
  }),
});

export const MonthlyCheckRecorded = defineEvent({
  type: 'pledgebook.appraisal.monthly-check-recorded.v1',
  topic: Topics.appraisal,
  summary: 'A party group recorded its monthly check of its members’ pledges (counts of item statuses only).',
  data: z.strictObject({
    bureauId: id,
    checkId: id,
    groupId: id,
    branchId: id.optional(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).meta({ examples: ['2026-03'] }),
    members: count,
    items: count,
    done: count,
    onTrack: count,
    behind: count,
    notStarted: count,
    recordedAt: time,
  }),
});

export const QuarterlyDispatchHeld = defineEvent({
  type: 'pledgebook.appraisal.quarterly-dispatch-held.v1',
  topic: Topics.appraisal,
  summary: 'A party branch held its quarterly dispatch meeting (counts only: members, members behind, reminder talks due).',
  data: z.strictObject({
    bureauId: id,
    dispatchId: id,
    branchId: id,
    year,
    quarter: z.number().int().min(1).max(4),
    heldOn: date,
    members: count,
    membersBehind: count,
    talksDue: count,
  }),
});

export const RoundOpened = defineEvent({
  type: 'pledgebook.appraisal.round-opened.v1',
  topic: Topics.appraisal,
  summary: 'The appraisal office opened a half-year appraisal round on a published scheme version.',
  data: z.strictObject({ bureauId: id, roundId: id, year, half, schemeVersion: z.number().int().min(1), subjects: count, openedAt: time }),
});

export const ResultsOnNotice = defineEvent({
  type: 'pledgebook.appraisal.results-on-notice.v1',
  topic: Topics.appraisal,
  summary: 'A round’s results (or one member’s rescored result) went on public notice for the given working days.',
  data: z.strictObject({ bureauId: id, roundId: id, noticeId: id, year, half, members: count, startsOn: date, endsOn: date, workingDays: z.number().int().min(1).max(30) }),
});

export const ResultFinalized = defineEvent({
  type: 'pledgebook.appraisal.result-finalized.v1',
  topic: Topics.appraisal,
  summary: 'A member’s appraisal result became final (notice over, no objection open); final results never change.',
  data: z.strictObject({
    bureauId: id,
    roundId: id,
    year,
    half,
    memberId: id,
    partyStatus: z.enum(['full', 'probationary', 'non-party']),
    points,
    grade,
    gradeLabel: z.string().min(1).max(20),
    schemeVersion: z.number().int().min(1),
    finalizedAt: time,
  }),
});

export const RoundFinalized = defineEvent({
  type: 'pledgebook.appraisal.round-finalized.v1',
  topic: Topics.appraisal,
  summary: 'Every result of a round is final: the members appraised and how many got each grade.',
  data: z.strictObject({
    bureauId: id,
    roundId: id,
    year,
    half,
    members: count,
    byGrade: z.strictObject({ excellent: count, qualified: count, 'basically-qualified': count, unqualified: count }),
    finalizedAt: time,
  }),
});

/** Events the appraisal service publishes on pledgebook.appraisal.v1. */
export const APPRAISAL_CONTRACTS = [SchemePublished, MonthlyCheckRecorded, QuarterlyDispatchHeld, RoundOpened, ResultsOnNotice, ResultFinalized, RoundFinalized] as const;
