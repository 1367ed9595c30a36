import type { EventContract, JsonSchema } from './json-schema';
import { Topics } from './topics';

const id = { type: 'string', minLength: 1, maxLength: 200 };
const isoDate = { type: 'string', format: 'date' };
const isoTime = { type: 'string', format: 'date-time' };

export const pledgerSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'memberIds'],
  properties: {
    type: { enum: ['individual', 'collective', 'paired'] },
    memberIds: { type: 'array', items: id },
    orgUnitId: id,
  },
  additionalProperties: false,
};

export const pledgeItemSchema: JsonSchema = {
  type: 'object',
  required: ['no', 'kind', 'text', 'target'],
  properties: {
    no: { type: 'integer', minimum: 1 },
    kind: { enum: ['common', 'position', 'deed'] },
    area: { enum: ['theory-study', 'work-style', 'discipline', 'ethics'] },
    text: { type: 'string', minLength: 1, maxLength: 1000 },
    target: { type: 'string', minLength: 1, maxLength: 500 },
    category: { type: 'string', minLength: 1, maxLength: 60 },
    beneficiary: {
      type: 'object',
      required: ['type', 'name'],
      properties: { type: { enum: ['school', 'village', 'family', 'person', 'community', 'other'] }, name: { type: 'string' }, arrangedByBranch: { type: 'boolean' } },
      additionalProperties: false,
    },
    dueQuarter: { enum: [1, 2, 3, 4] },
    benchmark: { type: 'boolean' },
  },
  additionalProperties: false,
};

const pledgeRef = { pledgeId: id };
const year = { type: 'integer', minimum: 2000, maximum: 2200 };
const obj = (required: string[], properties: Record<string, unknown>): JsonSchema => ({ type: 'object', required, properties, additionalProperties: false });

/** Who pledges, for which year, where: every book event that opens or reopens it carries these. */
const book = {
  ...pledgeRef,
  bureauId: id,
  year,
  pledger: pledgerSchema,
  branchId: id,
  groupId: id,
};

/** Events the pledge service publishes on pledgebook.pledge.v1. */
export const PLEDGE_CONTRACTS: readonly EventContract[] = [
  {
    type: 'pledgebook.pledge.pledge-drafted.v1',
    topic: Topics.pledge,
    summary: 'A pledge book was started (who pledges, for which year, where; the items follow on submission).',
    dataSchema: obj(['pledgeId', 'bureauId', 'year', 'pledger'], book),
  },
  {
    type: 'pledgebook.pledge.pledge-submitted.v1',
    topic: Topics.pledge,
    summary: 'A pledge book was submitted for review (its full content; each resubmission opens a new round).',
    dataSchema: obj(['pledgeId', 'bureauId', 'year', 'round', 'pledger', 'items'], {
      ...book,
      round: { type: 'integer', minimum: 1 },
      items: { type: 'array', minItems: 1, items: pledgeItemSchema },
    }),
  },
  {
    type: 'pledgebook.pledge.pledge-revised.v1',
    topic: Topics.pledge,
    summary: 'The pledger revised the items of a draft or returned pledge book.',
    dataSchema: obj(['pledgeId', 'items'], { ...pledgeRef, items: { type: 'array', minItems: 1, items: pledgeItemSchema } }),
  },
  {
    type: 'pledgebook.pledge.pledge-withdrawn.v1',
    topic: Topics.pledge,
    summary: 'The pledger withdrew a pledge book before approval.',
    dataSchema: obj(['pledgeId', 'reason'], { ...pledgeRef, reason: { type: 'string' } }),
  },
  {
    type: 'pledgebook.pledge.pledge-published.v1',
    topic: Topics.pledge,
    summary: 'The pledge service recorded a pledge book as published (after the review service’s publication act).',
    dataSchema: obj(['pledgeId', 'publicationId', 'publishedAt'], { ...pledgeRef, publicationId: id, publishedAt: isoTime }),
  },
  {
    type: 'pledgebook.pledge.progress-recorded.v1',
    topic: Topics.pledge,
    summary:
      'A fulfilment record on a published pledge (a correction names the record it corrects and replaces it; records naming the same beneficiaryRef are one beneficiary).',
    dataSchema: obj(['pledgeId', 'recordId', 'itemNo', 'recordedOn', 'narrative', 'evidence', 'recordedBy'], {
      ...pledgeRef,
      recordId: id,
      itemNo: { type: 'integer', minimum: 1 },
      recordedOn: isoDate,
      narrative: { type: 'string' },
      evidence: { type: 'array', items: { type: 'string' } },
      peopleAided: { type: 'integer', minimum: 0 },
      amountFen: { type: 'integer', minimum: 0 },
      volunteerHours: { type: 'number', minimum: 0 },
      corrects: id,
      recordedBy: id,
      beneficiaryRef: { type: 'string', minLength: 1, maxLength: 100 },
    }),
  },
  {
    type: 'pledgebook.pledge.pledge-closed.v1',
    topic: Topics.pledge,
    summary: 'The pledge book was closed at year end.',
    dataSchema: obj(['pledgeId', 'year'], { ...pledgeRef, year: { type: 'integer' } }),
  },
  {
    type: 'pledgebook.pledge.bureau-registered.v1',
    topic: Topics.pledge,
    summary: 'A bureau joined Pledgebook, under its parent authority if it has one (whose auditors may read it).',
    dataSchema: obj(['bureauId', 'name'], { bureauId: id, name: { type: 'string' }, level: { enum: ['province', 'city', 'district', 'county'] }, parentBureauId: id }),
  },
  {
    type: 'pledgebook.pledge.member-added.v1',
    topic: Topics.pledge,
    summary: 'A member (party member or non-party staff) joined the bureau’s directory.',
    dataSchema: obj(['memberId', 'bureauId', 'name', 'partyStatus', 'roles', 'joinedOn'], {
      memberId: id,
      bureauId: id,
      name: { type: 'string' },
      partyStatus: { enum: ['full', 'probationary', 'non-party'] },
      branchId: id,
      groupId: id,
      departmentId: id,
      roles: { type: 'array', items: { type: 'string' } },
      joinedOn: isoDate,
    }),
  },
  {
    type: 'pledgebook.pledge.member-updated.v1',
    topic: Topics.pledge,
    summary: 'Some of a member’s details changed (only the changed fields are present).',
    dataSchema: obj(['memberId', 'bureauId'], {
      memberId: id,
      bureauId: id,
      name: { type: 'string' },
      partyStatus: { enum: ['full', 'probationary', 'non-party'] },
      departmentId: id,
      roles: { type: 'array', items: { type: 'string' } },
    }),
  },
  {
    type: 'pledgebook.pledge.member-moved.v1',
    topic: Topics.pledge,
    summary: 'A member moved to another party group, from a given date.',
    dataSchema: obj(['memberId', 'bureauId', 'toGroupId', 'effectiveOn'], { memberId: id, bureauId: id, fromGroupId: id, toGroupId: id, branchId: id, effectiveOn: isoDate }),
  },
  {
    type: 'pledgebook.pledge.org-unit-added.v1',
    topic: Topics.pledge,
    summary: 'An org unit was added to a bureau.',
    dataSchema: obj(['orgUnitId', 'bureauId', 'type', 'name'], { orgUnitId: id, bureauId: id, type: { type: 'string' }, name: { type: 'string' }, parentId: id }),
  },
  {
    type: 'pledgebook.pledge.appraisal-office-assigned.v1',
    topic: Topics.pledge,
    summary: 'The appraisal office’s staff for a year, whole: each assignment replaces the one before for that year (the directory is its one source).',
    dataSchema: obj(['bureauId', 'year', 'staff'], {
      bureauId: id,
      year,
      staff: { type: 'array', minItems: 1, items: obj(['memberId', 'duty'], { memberId: id, duty: { type: 'string', minLength: 1, maxLength: 200 } }) },
    }),
  },
  {
    type: 'pledgebook.pledge.guidance-categories-set.v1',
    topic: Topics.pledge,
    summary: 'A branch set its guidance categories for practical deeds for a year (replacing the five defaults or an earlier set).',
    dataSchema: obj(['bureauId', 'branchId', 'year', 'categories'], {
      bureauId: id,
      branchId: id,
      year,
      categories: { type: 'array', minItems: 1, maxItems: 12, items: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,59}$' } },
    }),
  },
  {
    type: 'pledgebook.pledge.year-closed.v1',
    topic: Topics.pledge,
    summary: 'A bureau closed a programme year: no new books for it; its open books are closed (each with pledge-closed).',
    dataSchema: obj(['bureauId', 'year'], { bureauId: id, year }),
  },
];

/** The roles a review decision is taken in (absent on decisions published before it was carried). */
const decidedByRole = (roles: string[]) => ({ enum: roles });

/**
 * Decisions the review service publishes on pledgebook.review.v1; the pledge service records
 * them in the pledge's own stream, as done by the role named. Agreed here, implemented by the
 * review service.
 */
export const REVIEW_CONTRACTS: readonly EventContract[] = [
  {
    type: 'pledgebook.review.pledge-approved.v1',
    topic: Topics.review,
    summary:
      'The deciding body approved every item of a pledge book in a review round: the branch meeting (recorded by its secretary), or the leading party group for books outside a branch and a secretary’s own book.',
    dataSchema: obj(['pledgeId', 'reviewId', 'round', 'decidedBy', 'decidedAt'], {
      ...pledgeRef,
      reviewId: id,
      round: { type: 'integer', minimum: 1 },
      decidedBy: id,
      decidedByRole: decidedByRole(['branch-secretary', 'leading-group']),
      decidedAt: isoTime,
      meetingDate: isoDate,
    }),
  },
  {
    type: 'pledgebook.review.pledge-returned.v1',
    topic: Topics.review,
    summary: 'The party group (its leader) or the deciding body returned a pledge book with a verdict per item.',
    dataSchema: obj(['pledgeId', 'reviewId', 'round', 'stage', 'verdicts', 'decidedBy', 'decidedAt'], {
      ...pledgeRef,
      reviewId: id,
      round: { type: 'integer', minimum: 1 },
      stage: { enum: ['group', 'branch'] },
      verdicts: {
        type: 'array',
        minItems: 1,
        items: obj(['itemNo', 'verdict'], { itemNo: { type: 'integer', minimum: 1 }, verdict: { enum: ['approved', 'revise'] }, reason: { type: 'string', maxLength: 1000 } }),
      },
      decidedBy: id,
      decidedByRole: decidedByRole(['group-leader', 'branch-secretary', 'leading-group']),
      decidedAt: isoTime,
    }),
  },
  {
    type: 'pledgebook.review.pledges-published.v1',
    topic: Topics.review,
    summary: 'A branch secretary published the branch’s approved pledge books for a year, as one act.',
    dataSchema: obj(['publicationId', 'branchId', 'year', 'pledgeIds', 'publishedBy', 'publishedAt'], {
      publicationId: id,
      branchId: id,
      year: { type: 'integer' },
      pledgeIds: { type: 'array', minItems: 1, items: id },
      publishedBy: id,
      publishedAt: isoTime,
    }),
  },
  {
    type: 'pledgebook.review.leadership-pledges-published.v1',
    topic: Topics.review,
    summary:
      'The leading party group published the approved pledge books outside any branch (the leadership team’s, departments’, mass organisations’, staff outside a branch) for a year, as one act.',
    dataSchema: obj(['publicationId', 'bureauId', 'year', 'pledgeIds', 'publishedBy', 'publishedAt'], {
      publicationId: id,
      bureauId: id,
      year,
      pledgeIds: { type: 'array', minItems: 1, items: id },
      publishedBy: id,
      publishedAt: isoTime,
    }),
  },
];
