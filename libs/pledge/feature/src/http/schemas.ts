import { BENEFICIARY_TYPES, BUREAU_LEVELS, COMMON_AREAS, ITEM_KINDS, ORG_UNIT_TYPES, PARTY_STATUSES, PLEDGE_STATUSES, PLEDGER_TYPES, ROLES } from '@pledgebook/pledge-domain';
import { attachmentsBody } from '@pledgebook/nest';
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'letters, digits, - and _ (up to 100)');
export const bureauIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)');
const isoDate = z.iso.date();
const year = z.coerce.number().int().min(2000).max(2200);

export const registerBureauBody = z.strictObject({
  bureauId: bureauIdSchema,
  name: z.string().min(1).max(100),
  level: z.enum(BUREAU_LEVELS).optional(),
  parentBureauId: bureauIdSchema.optional(),
});

export const addOrgUnitBody = z.strictObject({
  orgUnitId: id.optional(),
  type: z.enum(ORG_UNIT_TYPES),
  name: z.string().min(1).max(100),
  parentId: id.optional(),
});

export const addMemberBody = z.strictObject({
  memberId: id.optional(),
  name: z.string().min(1).max(100),
  partyStatus: z.enum(PARTY_STATUSES),
  branchId: id.optional(),
  groupId: id.optional(),
  departmentId: id.optional(),
  roles: z.array(z.enum(ROLES)).max(9).default(['member']),
  joinedOn: isoDate.optional(),
});

export const updateMemberBody = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  partyStatus: z.enum(PARTY_STATUSES).optional(),
  departmentId: id.optional(),
  roles: z.array(z.enum(ROLES)).max(9).optional(),
});

export const moveMemberBody = z.strictObject({ toGroupId: id, effectiveOn: isoDate });
export const guidanceBody = z.strictObject({ categories: z.array(z.string().max(60)).min(1).max(12) });
export const appraisalOfficeBody = z.strictObject({ staff: z.array(z.strictObject({ memberId: id, duty: z.string().min(1).max(200) })).min(1).max(50) });

const itemBody = z.strictObject({
  kind: z.enum(ITEM_KINDS),
  area: z.enum(COMMON_AREAS).optional(),
  text: z.string().max(1000),
  target: z.string().max(500),
  category: z.string().max(60).optional(),
  beneficiary: z.strictObject({ type: z.enum(BENEFICIARY_TYPES), name: z.string().max(100), arrangedByBranch: z.boolean().optional() }).optional(),
  dueQuarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  benchmark: z.boolean().optional(),
});

export const draftPledgeBody = z.strictObject({
  year,
  pledger: z.strictObject({
    type: z.enum(PLEDGER_TYPES),
    memberIds: z.array(id).max(20).optional(),
    orgUnitId: id.optional(),
  }),
  items: z.array(itemBody).max(30),
});

export const revisePledgeBody = z.strictObject({ items: z.array(itemBody).max(30) });
export const withdrawBody = z.strictObject({ reason: z.string().max(1000) });

export const progressBody = z.strictObject({
  itemNo: z.number().int().min(1),
  recordedOn: isoDate,
  narrative: z.string().max(2000),
  evidence: z.array(z.string().max(500)).max(20).default([]),
  /** Files uploaded first to POST /api/v1/pledges/{pledgeId}/evidence, named by the hash it answered. */
  attachments: attachmentsBody.optional(),
  peopleAided: z.number().int().min(0).max(1_000_000).optional(),
  amountFen: z.number().int().min(0).max(100_000_000_000).optional(),
  volunteerHours: z.number().min(0).max(10_000).optional(),
  beneficiaryRef: z.string().min(1).max(100).optional(),
  corrects: id.optional(),
});

export const listPledgesQuery = z.strictObject({
  year: year.optional(),
  orgUnitId: id.optional(),
  memberId: id.optional(),
  status: z.enum(PLEDGE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});

export const asOfQuery = z.strictObject({ asOf: z.iso.datetime({ offset: true }).optional() });
export const yearQuery = z.strictObject({ year: year.optional() });
export const memberQuery = z.strictObject({ on: isoDate.optional() });
export const pathYear = year;
export const pathId = id;
export const pathBureau = bureauIdSchema;
