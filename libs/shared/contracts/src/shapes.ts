import { z } from 'zod';

// Shapes several contracts share, declared once.

export const id = z.string().min(1).max(200);
export const year = z.number().int().min(2000).max(2200);
export const isoDate = z.iso.date();
export const isoTime = z.iso.datetime({ offset: true });

/** Who pledges: one member, a pair or group of members, or an org unit (a collective). */
export const pledger = z.strictObject({
  type: z.enum(['individual', 'collective', 'paired']),
  memberIds: z.array(id),
  orgUnitId: id.optional(),
});
export type PledgerData = z.infer<typeof pledger>;

/** One numbered item of a pledge book, with its concrete target. */
export const pledgeItem = z.strictObject({
  no: z.number().int().min(1),
  kind: z.enum(['common', 'position', 'deed']),
  area: z.enum(['theory-study', 'work-style', 'discipline', 'ethics']).optional(),
  text: z.string().min(1).max(1000),
  target: z.string().min(1).max(500),
  category: z.string().min(1).max(60).optional(),
  beneficiary: z
    .strictObject({ type: z.enum(['school', 'village', 'family', 'person', 'community', 'other']), name: z.string(), arrangedByBranch: z.boolean().optional() })
    .optional(),
  dueQuarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  benchmark: z.boolean().optional(),
});
export type PledgeItemData = z.infer<typeof pledgeItem>;

/** Who pledges, for which year, where: every book event that opens or reopens it carries these. */
export const book = {
  pledgeId: id,
  bureauId: id,
  year,
  pledger,
  branchId: id.optional(),
  groupId: id.optional(),
};

export const partyStatus = z.enum(['full', 'probationary', 'non-party']);
