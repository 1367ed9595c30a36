import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import { RECORDED_TYPES } from './domain/facts';
import { factInput } from './fact-input';
import { bureauOfFactsStream, FACTS_STREAM_PREFIX } from './streams';

export const MEMBERS = 'reminder_members';
export const BOOKS = 'reminder_books';
export const REVIEWS = 'reminder_reviews';
export const TALKS = 'reminder_talks';
export const CHECKS = 'reminder_checks';
export const BUREAUS = 'reminder_bureaus';
export const DUE_FOUND = 'reminder_due_found';

export type MemberDoc = { _id: string; bureauId: string; memberId: string; roles: string[]; groupId?: string; branchId?: string };
export type BookDoc = { _id: string; bureauId: string; memberIds: string[] };
export type ReviewDoc = { _id: string; bureauId: string; pledgeId: string; round: number; stage: 'group' | 'branch'; since: string; groupId?: string; branchId?: string };
export type TalkDoc = { _id: string; bureauId: string; talkId: string; memberId: string; branchId: string; dueOn: string };
export type BureauDoc = { _id: string; bureauId: string; deadlines?: { groupDays: number; branchDays: number } };

/**
 * What the reminders need to know to find the people a fact concerns, and what may fall due:
 * the directory (roles, groups, branches), each book's pledgers, reviews waiting at a stage,
 * talks not yet held, checks recorded. Built from the facts streams only, so it rebuilds alone.
 */
export const reminderDirectoryProjection: Projection = {
  name: 'gateway-reminder-directory',
  version: 1,
  collections: [MEMBERS, BOOKS, REVIEWS, TALKS, CHECKS, BUREAUS, DUE_FOUND],
  filter: { streamPrefixes: [FACTS_STREAM_PREFIX] },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const bureauId = bureauOfFactsStream(event.stream);
    const input = factInput(event);
    if (!input) return;
    const bureaus = ctx.collection<BureauDoc>(BUREAUS);
    if (!(await bureaus.findById(bureauId))) await bureaus.replace({ _id: bureauId, bureauId });
    if (input.source === 'due') {
      await ctx.collection(DUE_FOUND).replace({ _id: `${bureauId}/${(event.data as { key: string }).key}`, bureauId });
      return;
    }
    if (input.source === 'bus') return applyBusFact(ctx, bureauId, input.type, input.data);
    const fact = input.fact;
    switch (fact.fact) {
      case 'review-stage': {
        const reviews = ctx.collection<ReviewDoc>(REVIEWS);
        const before = await reviews.findById(fact.pledgeId);
        const groupId = fact.groupId ?? before?.groupId;
        const branchId = fact.branchId ?? before?.branchId;
        await reviews.replace({ _id: fact.pledgeId, bureauId, pledgeId: fact.pledgeId, round: fact.round, stage: fact.stage, since: fact.since, ...(groupId ? { groupId } : {}), ...(branchId ? { branchId } : {}) });
        if (fact.pledgerIds) await ctx.collection<BookDoc>(BOOKS).replace({ _id: fact.pledgeId, bureauId, memberIds: fact.pledgerIds });
        return;
      }
      case 'review-ended': {
        const review = await ctx.collection<ReviewDoc>(REVIEWS).findById(fact.pledgeId);
        if (review && review.round <= fact.round) await ctx.collection(REVIEWS).delete(fact.pledgeId);
        return;
      }
      case 'review-deadlines':
        await bureaus.replace({ _id: bureauId, bureauId, deadlines: { groupDays: fact.groupDays, branchDays: fact.branchDays } });
        return;
      case 'talk-scheduled':
        await ctx.collection<TalkDoc>(TALKS).replace({ _id: `${bureauId}/${fact.talkId}`, bureauId, talkId: fact.talkId, memberId: fact.memberId, branchId: fact.branchId, dueOn: fact.dueOn });
        return;
      case 'talk-closed':
        await ctx.collection(TALKS).delete(`${bureauId}/${fact.talkId}`);
        return;
      default:
        return;
    }
  },
};

async function applyBusFact(ctx: ProjectionContext, bureauId: string, type: string, data: Record<string, unknown>): Promise<void> {
  const members = ctx.collection<MemberDoc>(MEMBERS);
  const memberId = String(data['memberId']);
  const key = `${bureauId}/${memberId}`;
  switch (type) {
    case RECORDED_TYPES.memberAdded:
      await members.replace({
        _id: key,
        bureauId,
        memberId,
        roles: (data['roles'] as string[]) ?? [],
        ...(data['groupId'] ? { groupId: String(data['groupId']) } : {}),
        ...(data['branchId'] ? { branchId: String(data['branchId']) } : {}),
      });
      return;
    case RECORDED_TYPES.memberUpdated:
      if (data['roles']) await members.update(key, { $set: { roles: data['roles'] } });
      return;
    case RECORDED_TYPES.memberMoved:
      await members.update(key, { $set: { groupId: data['toGroupId'], ...(data['branchId'] ? { branchId: data['branchId'] } : {}) } });
      return;
    case RECORDED_TYPES.pledgeDrafted: {
      const pledger = data['pledger'] as { memberIds?: string[] } | undefined;
      await ctx.collection<BookDoc>(BOOKS).replace({ _id: String(data['pledgeId']), bureauId, memberIds: pledger?.memberIds ?? [] });
      return;
    }
    case RECORDED_TYPES.monthlyCheckRecorded:
      await ctx.collection(CHECKS).replace({ _id: `${bureauId}/${String(data['groupId'])}/${String(data['month'])}`, bureauId, groupId: String(data['groupId']), month: String(data['month']) });
      return;
    default:
      return;
  }
}
