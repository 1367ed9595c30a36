import { BASIS_TYPES, GRADES, GROUNDS, SPIRITUAL_FORMS } from '@pledgebook/reward-domain';
import { z } from 'zod';

export const memberId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'letters, digits, - and _ (up to 100)');
export const bureauIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)');
export const recordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'an id this API returned');
const year = z.number().int().min(2000).max(2200);
export const yearParam = z.coerce.number().int().min(2000).max(2200);
const fen = z.number().int().min(0).max(1_000_000_000);
const count = z.number().int().min(0).max(10_000_000);
const catalogueId = z.string().max(60);
const note = z.string().max(1000).optional();

const material = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('money'), amountFen: fen }),
  z.strictObject({ kind: z.literal('goods'), goods: z.string().max(200), valueFen: fen.optional() }),
]);
const rewardContent = { spiritual: z.array(z.enum(SPIRITUAL_FORMS)).max(3).default([]), material: material.optional() };

export const policyBody = z.strictObject({
  honours: z
    .array(
      z.strictObject({
        honourId: catalogueId,
        title: z.string().max(100),
        award: z.enum(['selection', 'automatic']),
        eligibleGrades: z.array(z.enum(GRADES)).max(4),
        consecutiveTopGrades: z.number().int().min(0).max(10).optional(),
        quota: z.number().int().min(0).max(100_000).optional(),
        reward: z.strictObject(rewardContent),
      }),
    )
    .max(20),
  note,
});

export const openSelectionBody = z.strictObject({ year, honourId: catalogueId, title: z.string().max(100).optional(), quota: z.number().int().min(1).max(1000) });
export const nominateBody = z.strictObject({ memberId, reason: z.string().max(1000).optional() });
export const decisionBody = z.strictObject({
  meeting: z.strictObject({ date: z.iso.date(), attendees: z.array(memberId).min(1).max(100), minutes: z.string().max(2000).optional() }),
  selected: z.array(memberId).min(1).max(1000),
});
export const noticeBody = z.strictObject({ startsOn: z.iso.date(), endsOn: z.iso.date() });
export const emptyBody = z.strictObject({});
/** An objection to a selected member while the selection is on notice. */
export const selectionObjectionBody = z.strictObject({ memberId, text: z.string().min(1).max(2000) });
export const objectionDecisionBody = z.strictObject({ outcome: z.enum(['dismissed', 'upheld']), reason: z.string().min(1).max(1000) });

export const grantBody = z.strictObject({
  year,
  recipient: z.strictObject({ type: z.enum(['member', 'unit']), id: memberId }),
  ground: z.enum(GROUNDS),
  basis: z.strictObject({ type: z.enum(BASIS_TYPES), id: z.string().min(1).max(300) }),
  title: z.string().max(100),
  ...rewardContent,
  reason: z.string().max(1000).optional(),
});
export const reasonBody = z.strictObject({ reason: z.string().max(1000) });

export const schemeBody = z.strictObject({
  categories: z
    .array(
      z.strictObject({
        categoryId: catalogueId,
        name: z.string().max(100),
        levels: z.array(z.strictObject({ levelId: catalogueId, name: z.string().max(100), amountFen: fen, bonusPoints: z.number().min(0).max(100).optional() })).max(10),
      }),
    )
    .max(20),
  appraisalBonus: z.boolean().default(false),
  note,
});
export const submitWorkBody = z.strictObject({
  year,
  title: z.string().max(200),
  categoryId: catalogueId,
  authors: z.array(memberId).max(10),
  evidence: z.array(z.string().max(500)).max(20),
  summary: z.string().max(2000).optional(),
});
export const rateWorkBody = z.strictObject({ levelId: catalogueId, comment: z.string().max(1000).optional() });

export const openingBody = z.strictObject({
  booksPublished: count.default(0),
  deedsPledged: count,
  deedsDone: count,
  peopleAided: count,
  amountFen: fen,
  volunteerHours: z.number().min(0).max(10_000_000).default(0),
  grants: count.default(0),
  grantsAmountFen: fen.default(0),
  note,
});

const limit = z.coerce.number().int().min(1).max(200).default(50);
export const yearQuery = z.strictObject({ year: yearParam.optional(), bureauId: bureauIdSchema.optional() });
export const listQuery = z.strictObject({ year: yearParam.optional(), status: z.string().max(20).optional(), memberId: memberId.optional(), bureauId: bureauIdSchema.optional(), limit, cursor: z.string().max(500).optional() });
export const statisticsQuery = z.strictObject({ year: yearParam.optional(), asOf: z.iso.datetime().optional() });
export const EXPORT_TABLES = ['total', 'branches', 'groups', 'years', 'roll-up'] as const;
export const exportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']), table: z.enum(EXPORT_TABLES).optional(), year: yearParam.optional(), asOf: z.iso.datetime().optional() });
