import { z } from 'zod';
import { defineEvent } from './define-event';
import { Topics } from './topics';

// What the reward service publishes on pledgebook.reward.v1: decisions and amounts where the
// contract needs them, members by id (no names, no nomination reasons, no meeting minutes).

const id = z.string().min(1).max(200);
const year = z.number().int().min(2000).max(2200);
const time = z.iso.datetime();
const date = z.iso.date();
const fen = z.number().int().min(0).max(1_000_000_000);
const catalogueId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/);
const title = z.string().min(1).max(200);

export const REWARD_GROUNDS = ['fulfilment', 'distinctive-activity', 'selection', 'research'] as const;
export const REWARD_BASIS_TYPES = ['result', 'activity', 'selection', 'research-work'] as const;
export const SPIRITUAL_REWARDS = ['commendation', 'certificate', 'honour-title'] as const;

export const SelectionDecided = defineEvent({
  type: 'pledgebook.reward.selection-decided.v1',
  topic: Topics.reward,
  summary: 'The leading group decided a selection of outstanding members (評先選優) at a recorded meeting: the honour, the quota and who was selected.',
  data: z.strictObject({
    bureauId: id,
    selectionId: id,
    year,
    honourId: catalogueId.meta({ examples: ['outstanding-member'] }),
    title,
    quota: z.number().int().min(1).max(1000),
    meetingDate: date,
    selected: z.array(id).min(1).max(1000),
    decidedAt: time,
  }),
});

export const SelectionObjectionUpheld = defineEvent({
  type: 'pledgebook.reward.selection-objection-upheld.v1',
  topic: Topics.reward,
  summary:
    'While a decided selection was on notice, the leading group upheld an objection to a selected member: the member is no longer selected, and `selected` lists who remains (the objection, its objector and the reason stay in the reward service).',
  data: z.strictObject({
    bureauId: id,
    selectionId: id,
    year,
    memberId: id,
    selected: z.array(id).max(1000),
    upheldAt: time,
  }),
});

export const RewardGranted = defineEvent({
  type: 'pledgebook.reward.reward-granted.v1',
  topic: Topics.reward,
  summary: 'A member or a unit was granted a reward on a ground (fulfilment, distinctive activity, selection, research) and its basis (a result, an activity, a selection, a rated work).',
  data: z.strictObject({
    bureauId: id,
    grantId: id,
    year,
    recipient: z.strictObject({ type: z.enum(['member', 'unit']), id }),
    ground: z.enum(REWARD_GROUNDS),
    basis: z.strictObject({ type: z.enum(REWARD_BASIS_TYPES), id: z.string().min(1).max(300) }),
    title,
    spiritual: z.array(z.enum(SPIRITUAL_REWARDS)).max(3),
    material: z.strictObject({ kind: z.enum(['money', 'goods']), amountFen: fen }).optional(),
    grantedAt: time,
  }),
});

export const RewardRevoked = defineEvent({
  type: 'pledgebook.reward.reward-revoked.v1',
  topic: Topics.reward,
  summary: 'A grant was revoked (the reason stays in the reward service); figures drop it.',
  data: z.strictObject({ bureauId: id, grantId: id, year, revokedAt: time }),
});

export const ResearchWorkRated = defineEvent({
  type: 'pledgebook.reward.research-work-rated.v1',
  topic: Topics.reward,
  summary:
    'A statistical information, analysis or research work was rated under the bureau’s research reward scheme: its level, amount and each author’s share; with the scheme’s appraisal bonus on, the points each author may get as an appraisal bonus criterion.',
  data: z.strictObject({
    bureauId: id,
    workId: id,
    year,
    categoryId: catalogueId.meta({ examples: ['adopted-information'] }),
    levelId: catalogueId.meta({ examples: ['provincial'] }),
    amountFen: fen,
    authors: z.array(z.strictObject({ memberId: id, shareFen: fen })).min(1).max(10),
    appraisalBonusPoints: z.number().min(0).max(100).optional(),
    ratedAt: time,
  }),
});

/** Events the reward service publishes on pledgebook.reward.v1. */
export const REWARD_CONTRACTS = [SelectionDecided, SelectionObjectionUpheld, RewardGranted, RewardRevoked, ResearchWorkRated] as const;
