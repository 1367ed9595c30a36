import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, ., - and _ (up to 100)');
export const pathId = id;
export const bureauIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)');
const year = z.coerce.number().int().min(2000).max(2200);
export const yearQuery = z.strictObject({ year });
/** Reads of another bureau (a parent authority's auditor) name it; otherwise the caller's. */
export const bookletQuery = z.strictObject({ year, bureauId: bureauIdSchema.optional() });
export const progressQuery = bookletQuery;
const itemNo = z.number().int().min(1).max(100);

export const commentBody = z.strictObject({ text: z.string().min(1).max(2000) });

export const groupEvaluationBody = z.strictObject({
  decision: z.enum(['forward', 'return']),
  evaluation: z.string().min(1).max(4000),
  notes: z.array(z.strictObject({ itemNo, note: z.string().min(1).max(1000) })).max(100).default([]),
});

export const branchDecisionBody = z.strictObject({
  meeting: z.strictObject({ date: z.iso.date(), attendees: z.array(id).min(1).max(200) }),
  verdicts: z
    .array(z.strictObject({ itemNo, verdict: z.enum(['approved', 'revise']), reason: z.string().max(1000).optional() }))
    .min(1)
    .max(100),
});

export const groupReviewRequestBody = z.strictObject({ reason: z.string().min(1).max(1000) });
export const publicationBody = z.strictObject({ year: z.number().int().min(2000).max(2200) });
export const deadlinesBody = z.strictObject({ groupDays: z.number().int().min(1).max(90), branchDays: z.number().int().min(1).max(90) });
export const overdueQuery = z.strictObject({ bureauId: bureauIdSchema });
