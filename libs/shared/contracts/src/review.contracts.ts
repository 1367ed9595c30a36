import { z } from 'zod';
import { defineEvent } from './define-event';
import { id, isoDate, isoTime, year } from './shapes';
import { Topics } from './topics';

// Decisions the review service publishes on pledgebook.review.v1; the pledge service records them
// in the pledge's own stream, as done by the role named (absent on decisions published before the
// role was carried).

const round = z.number().int().min(1);

export const PledgeApproved = defineEvent({
  type: 'pledgebook.review.pledge-approved.v1',
  topic: Topics.review,
  summary:
    'The deciding body approved every item of a pledge book in a review round: the branch meeting (recorded by its secretary), or the leading party group for books outside a branch and a secretary’s own book.',
  data: z.strictObject({
    pledgeId: id,
    reviewId: id,
    round,
    decidedBy: id,
    decidedByRole: z.enum(['branch-secretary', 'leading-group']).optional(),
    decidedAt: isoTime,
    meetingDate: isoDate.optional(),
  }),
});

export const PledgeReturned = defineEvent({
  type: 'pledgebook.review.pledge-returned.v1',
  topic: Topics.review,
  summary: 'The party group (its leader) or the deciding body returned a pledge book with a verdict per item.',
  data: z.strictObject({
    pledgeId: id,
    reviewId: id,
    round,
    stage: z.enum(['group', 'branch']),
    verdicts: z.array(z.strictObject({ itemNo: z.number().int().min(1), verdict: z.enum(['approved', 'revise']), reason: z.string().max(1000).optional() })).min(1),
    decidedBy: id,
    decidedByRole: z.enum(['group-leader', 'branch-secretary', 'leading-group']).optional(),
    decidedAt: isoTime,
  }),
});

export const PledgesPublished = defineEvent({
  type: 'pledgebook.review.pledges-published.v1',
  topic: Topics.review,
  summary: 'A branch secretary published the branch’s approved pledge books for a year, as one act.',
  data: z.strictObject({ publicationId: id, branchId: id, year: z.number().int(), pledgeIds: z.array(id).min(1), publishedBy: id, publishedAt: isoTime }),
});

export const LeadershipPledgesPublished = defineEvent({
  type: 'pledgebook.review.leadership-pledges-published.v1',
  topic: Topics.review,
  summary:
    'The leading party group published the approved pledge books outside any branch (the leadership team’s, departments’, mass organisations’, staff outside a branch) for a year, as one act.',
  data: z.strictObject({ publicationId: id, bureauId: id, year, pledgeIds: z.array(id).min(1), publishedBy: id, publishedAt: isoTime }),
});

export const REVIEW_CONTRACTS = [PledgeApproved, PledgeReturned, PledgesPublished, LeadershipPledgesPublished] as const;
