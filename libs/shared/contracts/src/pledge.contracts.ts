import { z } from 'zod';
import { defineEvent } from './define-event';
import { book, id, isoDate, isoTime, partyStatus, pledgeItem, year } from './shapes';
import { Topics } from './topics';

// Events the pledge service publishes on pledgebook.pledge.v1, each defined once: its JSON Schema
// (bus validation, AsyncAPI) and its TypeScript type (producers, consumers) come from here.

export const PledgeDrafted = defineEvent({
  type: 'pledgebook.pledge.pledge-drafted.v1',
  topic: Topics.pledge,
  summary: 'A pledge book was started (who pledges, for which year, where; the items follow on submission).',
  data: z.strictObject(book),
});

export const PledgeSubmitted = defineEvent({
  type: 'pledgebook.pledge.pledge-submitted.v1',
  topic: Topics.pledge,
  summary: 'A pledge book was submitted for review (its full content; each resubmission opens a new round).',
  data: z.strictObject({
    ...book,
    round: z.number().int().min(1),
    items: z.array(pledgeItem).min(1),
    /** Where each pledger sits at submission (roles, group, branch): reviewers route the book by it. */
    places: z.array(z.strictObject({ memberId: id, roles: z.array(z.string()), groupId: id.optional(), branchId: id.optional() })).optional(),
  }),
});

export const PledgeRevised = defineEvent({
  type: 'pledgebook.pledge.pledge-revised.v1',
  topic: Topics.pledge,
  summary: 'The pledger revised the items of a draft or returned pledge book.',
  data: z.strictObject({ pledgeId: id, items: z.array(pledgeItem).min(1) }),
});

export const PledgeWithdrawn = defineEvent({
  type: 'pledgebook.pledge.pledge-withdrawn.v1',
  topic: Topics.pledge,
  summary: 'The pledger withdrew a pledge book before approval.',
  data: z.strictObject({ pledgeId: id, reason: z.string() }),
});

export const PledgePublished = defineEvent({
  type: 'pledgebook.pledge.pledge-published.v1',
  topic: Topics.pledge,
  summary: 'The pledge service recorded a pledge book as published (after the review service’s publication act).',
  data: z.strictObject({ pledgeId: id, publicationId: id, publishedAt: isoTime }),
});

export const ProgressRecorded = defineEvent({
  type: 'pledgebook.pledge.progress-recorded.v1',
  topic: Topics.pledge,
  summary: 'A fulfilment record on a published pledge (a correction names the record it corrects and replaces it; records naming the same beneficiaryRef are one beneficiary).',
  data: z.strictObject({
    pledgeId: id,
    recordId: id,
    itemNo: z.number().int().min(1),
    recordedOn: isoDate,
    narrative: z.string(),
    evidence: z.array(z.string()),
    peopleAided: z.number().int().min(0).optional(),
    amountFen: z.number().int().min(0).optional(),
    volunteerHours: z.number().min(0).optional(),
    corrects: id.optional(),
    recordedBy: id,
    beneficiaryRef: z.string().min(1).max(100).optional(),
  }),
});

export const PledgeClosed = defineEvent({
  type: 'pledgebook.pledge.pledge-closed.v1',
  topic: Topics.pledge,
  summary: 'The pledge book was closed at year end.',
  data: z.strictObject({ pledgeId: id, year: z.number().int() }),
});

export const BureauRegistered = defineEvent({
  type: 'pledgebook.pledge.bureau-registered.v1',
  topic: Topics.pledge,
  summary: 'A bureau joined Pledgebook, under its parent authority if it has one (whose auditors may read it).',
  data: z.strictObject({ bureauId: id, name: z.string(), level: z.enum(['province', 'city', 'district', 'county']).optional(), parentBureauId: id.optional() }),
});

export const MemberAdded = defineEvent({
  type: 'pledgebook.pledge.member-added.v1',
  topic: Topics.pledge,
  summary: 'A member (party member or non-party staff) joined the bureau’s directory.',
  data: z.strictObject({
    memberId: id,
    bureauId: id,
    name: z.string(),
    partyStatus,
    branchId: id.optional(),
    groupId: id.optional(),
    departmentId: id.optional(),
    roles: z.array(z.string()),
    joinedOn: isoDate,
  }),
});

export const MemberUpdated = defineEvent({
  type: 'pledgebook.pledge.member-updated.v1',
  topic: Topics.pledge,
  summary: 'Some of a member’s details changed (only the changed fields are present).',
  data: z.strictObject({ memberId: id, bureauId: id, name: z.string().optional(), partyStatus: partyStatus.optional(), departmentId: id.optional(), roles: z.array(z.string()).optional() }),
});

export const MemberMoved = defineEvent({
  type: 'pledgebook.pledge.member-moved.v1',
  topic: Topics.pledge,
  summary: 'A member moved to another party group, from a given date.',
  data: z.strictObject({ memberId: id, bureauId: id, fromGroupId: id.optional(), toGroupId: id, branchId: id.optional(), effectiveOn: isoDate }),
});

export const OrgUnitAdded = defineEvent({
  type: 'pledgebook.pledge.org-unit-added.v1',
  topic: Topics.pledge,
  summary: 'An org unit was added to a bureau.',
  data: z.strictObject({ orgUnitId: id, bureauId: id, type: z.string(), name: z.string(), parentId: id.optional() }),
});

export const AppraisalOfficeAssigned = defineEvent({
  type: 'pledgebook.pledge.appraisal-office-assigned.v1',
  topic: Topics.pledge,
  summary: 'The appraisal office’s staff for a year, whole: each assignment replaces the one before for that year (the directory is its one source).',
  data: z.strictObject({ bureauId: id, year, staff: z.array(z.strictObject({ memberId: id, duty: z.string().min(1).max(200) })).min(1) }),
});

export const GuidanceCategoriesSet = defineEvent({
  type: 'pledgebook.pledge.guidance-categories-set.v1',
  topic: Topics.pledge,
  summary: 'A branch set its guidance categories for practical deeds for a year (replacing the five defaults or an earlier set).',
  data: z.strictObject({
    bureauId: id,
    branchId: id,
    year,
    categories: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/).meta({ examples: ['student-aid'] }))
      .min(1)
      .max(12),
  }),
});

export const YearClosed = defineEvent({
  type: 'pledgebook.pledge.year-closed.v1',
  topic: Topics.pledge,
  summary: 'A bureau closed a programme year: no new books for it; its open books are closed (each with pledge-closed).',
  data: z.strictObject({ bureauId: id, year }),
});

export const PLEDGE_CONTRACTS = [
  PledgeDrafted,
  PledgeSubmitted,
  PledgeRevised,
  PledgeWithdrawn,
  PledgePublished,
  ProgressRecorded,
  PledgeClosed,
  BureauRegistered,
  MemberAdded,
  MemberUpdated,
  MemberMoved,
  OrgUnitAdded,
  AppraisalOfficeAssigned,
  GuidanceCategoriesSet,
  YearClosed,
] as const;
