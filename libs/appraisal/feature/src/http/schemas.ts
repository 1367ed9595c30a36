import { DEFAULT_RATING_PERCENT, DEMOCRATIC_SOURCES, FORMULAS, GRADES, ITEM_STATUSES, RATINGS, RESEARCH_BONUS_BASES } from '@pledgebook/appraisal-domain';
import { attachmentsBody } from '@pledgebook/nest';
import { z } from 'zod';

// Request shapes at the edge: wrong types and unknown fields are 400s naming the field; the
// deciders judge the rest (422/409/403).

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'letters, digits, - and _ (up to 100)');
const criterionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lower-case letters, digits and - (up to 60)');
export const pathYear = z.coerce.number().int().min(2000).max(2200);
export const pathVersion = z.coerce.number().int().min(1).max(1000);
export const pathMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');
export const pathQuarter = z.coerce.number().int().min(1).max(4);
export const pathHalf = z.enum(['H1', 'H2']);
export const pathId = id;
export const pathCriterion = criterionId;
const isoDate = z.iso.date();
const text = (max: number) => z.string().max(max);
const points = z.number().min(0).max(1000);

const criterion = z.discriminatedUnion('source', [
  z.strictObject({ id: criterionId, label: text(200), maxPoints: points, source: z.literal('computed'), formula: z.enum(FORMULAS), params: z.strictObject({ pointsPerDeed: points.optional(), pointsPerTalk: points.optional() }).optional() }),
  z.strictObject({
    id: criterionId,
    label: text(200),
    maxPoints: points,
    source: z.literal('entered'),
    kind: z.enum(['group-evaluation', 'distinctiveness', 'democratic-evaluation']),
    weights: z.strictObject(Object.fromEntries(DEMOCRATIC_SOURCES.map((s) => [s, z.number().int().min(0).max(100)])) as Record<(typeof DEMOCRATIC_SOURCES)[number], z.ZodNumber>).optional(),
  }),
]);

const catalogueId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'a research category or level id: lower-case letters, digits and - (up to 60)');
/** A bonus computed from the research works the reward service rated (ADR 0087); the decider checks the rest. */
const researchBonus = z.strictObject({
  per: z.enum(RESEARCH_BONUS_BASES),
  pointsPerWork: points.optional(),
  levels: z.array(z.strictObject({ categoryId: catalogueId, levelId: catalogueId.optional(), points })).max(50).optional(),
  pointsPerYuan: points.optional(),
});

export const schemeContent = z.strictObject({
  title: text(200),
  totalPoints: points,
  criteria: z.array(criterion).min(1).max(30),
  bonuses: z.array(z.strictObject({ id: criterionId, label: text(200), cap: points, research: researchBonus.optional() })).max(20).default([]),
  deductions: z.array(z.strictObject({ id: criterionId, label: text(200), cap: points })).max(20).default([]),
  vetoes: z.array(z.strictObject({ id: criterionId, label: text(200) })).max(10).default([]),
  bands: z.array(z.strictObject({ grade: z.enum(GRADES), minPoints: points })).min(1).max(4),
  topGradeQuota: z.strictObject({ maxPercent: z.number().min(0).max(100), tieBreakers: z.array(criterionId).max(10).default([]) }).optional(),
  ratingPercent: z.strictObject(Object.fromEntries(RATINGS.map((r) => [r, z.number().int().min(0).max(100)])) as Record<(typeof RATINGS)[number], z.ZodNumber>).default({ ...DEFAULT_RATING_PERCENT }),
});

export const draftSchemeBody = z.strictObject({ version: z.number().int().min(1).max(1000).optional(), basedOnVersion: z.number().int().min(1).max(1000).optional(), content: schemeContent });
export const reviseSchemeBody = z.strictObject({ content: schemeContent });
export const reasonBody = z.strictObject({ reason: text(2000) });
export const emptyBody = z.strictObject({});

export const calendarBody = z.strictObject({ holidays: z.array(isoDate).max(60), makeUpWorkdays: z.array(isoDate).max(30) });

const itemCheck = z.strictObject({ pledgeId: id, itemNo: z.number().int().min(1).max(100), status: z.enum(ITEM_STATUSES), note: text(1000).optional() });
export const recordCheckBody = z.strictObject({
  entries: z.array(z.strictObject({ memberId: id, note: text(1000), items: z.array(itemCheck).max(100), attachments: attachmentsBody.optional() })).max(200),
});
export const correctCheckBody = z.strictObject({ reason: text(1000), changes: z.array(itemCheck.extend({ memberId: id })).min(1).max(500) });

export const dispatchBody = z.strictObject({
  meeting: z.strictObject({ date: isoDate, attendees: z.array(id).max(200) }),
  leftOut: z.array(z.strictObject({ memberId: id, reason: text(1000) })).max(200).default([]),
  /** Days from the meeting within which each reminder talk is held (the bureau's practice; 14 by default). */
  talkDueDays: z.number().int().min(1).max(90).optional(),
});

export const recordTalkBody = z.strictObject({
  heldOn: isoDate,
  talkedBy: z.array(id).min(1).max(10),
  notes: z.strictObject({ analysis: text(4000), agreedActions: z.array(text(1000)).min(1).max(20) }),
  followUpOn: isoDate,
});

export const openRoundBody = z.strictObject({ year: z.number().int().min(2000).max(2200), half: pathHalf, schemeVersion: z.number().int().min(1).max(1000) });
export const enterScoreBody = z.strictObject({ points, note: text(1000) });
export const adjustmentBody = z.strictObject({ points, reason: text(1000) });
export const selfAssessmentBody = z.strictObject({ rating: z.enum(RATINGS) });
const counts = z.strictObject(Object.fromEntries(RATINGS.map((r) => [r, z.number().int().min(0).max(100_000)])) as Record<(typeof RATINGS)[number], z.ZodNumber>);
export const peerTallyBody = z.strictObject({ groupId: id, tallies: z.array(z.strictObject({ memberId: id, counts })).min(1).max(200) });
export const issueCodesBody = z.strictObject({ count: z.number().int().min(1).max(500) });
const ballotCode = z.string().regex(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/, 'a code as printed, like ABCD-EFGH-JKLM');
const bureauId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)');
export const ballotFormBody = z.strictObject({ bureauId, code: ballotCode });
export const castBallotBody = z.strictObject({ bureauId, code: ballotCode, ratings: z.array(z.strictObject({ memberId: id, rating: z.enum(RATINGS) })).min(1).max(500) });
export const noticeBody = z.strictObject({ workingDays: z.number().int().min(1).max(30).optional() });
export const objectionBody = z.strictObject({ memberId: id, text: text(2000) });

export const yearQuery = z.strictObject({ year: pathYear.optional() });
export const gridQuery = z.strictObject({ month: pathMonth });
export const overdueQuery = z.strictObject({ year: pathYear.optional(), groupId: id.optional(), branchId: id.optional() });
export const talksQuery = z.strictObject({ branchId: id.optional(), memberId: id.optional(), year: pathYear.optional(), status: z.enum(['due', 'overdue', 'held', 'cancelled', 'all']).default('due') });
export const resultsQuery = z.strictObject({ grade: z.enum(GRADES).optional() });
export const whatIfQuery = z.strictObject({ schemeVersion: pathVersion });
export const issueCodesQuery = z.strictObject({ format: z.enum(['json', 'html']).default('json') });
