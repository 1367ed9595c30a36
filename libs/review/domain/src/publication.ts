import { conflict, forbidden } from '@pledgebook/util';
import type { Reviewer } from './types';

/**
 * Publications of approved pledge books for a year, as acts: a branch's by its secretary
 * (`review-publications-<bureau>.<branch>.<year>`), and those of books outside any branch by the
 * leading party group (`review-leadership-publications-<bureau>.<year>`). Each act publishes the
 * approved books not published before, so a book is published once.
 */
export interface PublicationState {
  acts: number;
  published: string[];
}

/** Who publishes: a branch (its secretary) or the leading party group. */
export type Publisher = { body: 'branch'; branchId: string } | { body: 'leading-group' };

export type PublicationEvent = {
  type: 'PledgesPublished';
  data: {
    publicationId: string;
    bureauId: string;
    /** The branch whose act this is; absent on the leading party group's acts. */
    branchId?: string;
    year: number;
    pledgeIds: string[];
    publishedBy: string;
    /** The role the act was done in (absent on acts recorded before it existed: a branch secretary's). */
    role?: 'branch-secretary' | 'leading-group';
    publishedAt: string;
  };
};

export interface PublishApproved {
  type: 'PublishApproved';
  reviewer: Reviewer;
  publicationId: string;
  bureauId: string;
  publisher: Publisher;
  year: number;
  /** Approved pledges of the publisher and year, each confirmed on its review stream by the handler. */
  approved: string[];
  at: string;
}

export const initialPublicationState = (): PublicationState => ({ acts: 0, published: [] });

export function evolvePublication(state: PublicationState, event: PublicationEvent): PublicationState {
  return { acts: state.acts + 1, published: [...state.published, ...event.data.pledgeIds] };
}

export function decidePublication(command: PublishApproved, state: PublicationState): PublicationEvent[] {
  const { publisher, reviewer } = command;
  if (publisher.body === 'leading-group') {
    if (!reviewer.roles.includes('leading-group')) throw forbidden('not_the_leading_group', 'the leading party group publishes the pledges outside any branch');
  } else if (!reviewer.roles.includes('branch-secretary') || reviewer.branchId !== publisher.branchId) {
    throw forbidden('not_the_branch_secretary', `only the secretary of branch ${publisher.branchId} publishes its pledges`);
  }
  const already = new Set(state.published);
  const pledgeIds = [...new Set(command.approved)].filter((id) => !already.has(id)).sort();
  if (pledgeIds.length === 0) {
    const where = publisher.body === 'branch' ? 'in this branch' : 'outside a branch';
    throw conflict('nothing_to_publish', `no approved pledge of ${command.year} ${where} is waiting to be published`, { published: state.published.length });
  }
  const { publicationId, bureauId, year, at } = command;
  const role = publisher.body === 'branch' ? 'branch-secretary' : 'leading-group';
  const branch = publisher.body === 'branch' ? { branchId: publisher.branchId } : {};
  return [{ type: 'PledgesPublished', data: { publicationId, bureauId, ...branch, year, pledgeIds, publishedBy: reviewer.memberId, role, publishedAt: at } }];
}

/** Review deadlines of a bureau (`review-settings-<bureau>`), days per stage. */
export interface Deadlines {
  groupDays: number;
  branchDays: number;
}
export const DEFAULT_DEADLINES: Deadlines = { groupDays: 7, branchDays: 14 };
export type DeadlinesEvent = { type: 'DeadlinesSet'; data: Deadlines & { by: string; at: string } };

export function decideDeadlines(command: { reviewer: Reviewer; deadlines: Deadlines; at: string }): DeadlinesEvent[] {
  if (!command.reviewer.roles.includes('bureau-admin')) throw forbidden('not_a_bureau_admin', 'a bureau admin sets review deadlines');
  return [{ type: 'DeadlinesSet', data: { ...command.deadlines, by: command.reviewer.memberId, at: command.at } }];
}

/** Whether a review waiting at `stage` since `since` is past its deadline at `now`. */
export function isOverdue(stage: 'group' | 'branch', since: string, deadlines: Deadlines, now: Date): boolean {
  const days = stage === 'group' ? deadlines.groupDays : deadlines.branchDays;
  return now.getTime() - Date.parse(since) > days * 86_400_000;
}
