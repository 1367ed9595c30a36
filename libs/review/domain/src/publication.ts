import { conflict, forbidden } from '@pledgebook/util';
import type { Reviewer } from './types';

/**
 * A branch's publications for a year (`review-publications-<bureau>.<branch>.<year>`): each act
 * publishes the approved pledges not published before, so a pledge is published once.
 */
export interface PublicationState {
  acts: number;
  published: string[];
}

export type PublicationEvent = {
  type: 'PledgesPublished';
  data: { publicationId: string; bureauId: string; branchId: string; year: number; pledgeIds: string[]; publishedBy: string; publishedAt: string };
};

export interface PublishApproved {
  type: 'PublishApproved';
  reviewer: Reviewer;
  publicationId: string;
  bureauId: string;
  branchId: string;
  year: number;
  /** Pledges of the branch and year whose review stream says approved (checked by the handler). */
  approved: string[];
  at: string;
}

export const initialPublicationState = (): PublicationState => ({ acts: 0, published: [] });

export function evolvePublication(state: PublicationState, event: PublicationEvent): PublicationState {
  return { acts: state.acts + 1, published: [...state.published, ...event.data.pledgeIds] };
}

export function decidePublication(command: PublishApproved, state: PublicationState): PublicationEvent[] {
  if (!command.reviewer.roles.includes('branch-secretary') || command.reviewer.branchId !== command.branchId) {
    throw forbidden('not_the_branch_secretary', `only the secretary of branch ${command.branchId} publishes its pledges`);
  }
  const already = new Set(state.published);
  const pledgeIds = [...new Set(command.approved)].filter((id) => !already.has(id)).sort();
  if (pledgeIds.length === 0) throw conflict('nothing_to_publish', `no approved pledge of ${command.year} in this branch is waiting to be published`, { published: state.published.length });
  const { publicationId, bureauId, branchId, year, reviewer, at } = command;
  return [{ type: 'PledgesPublished', data: { publicationId, bureauId, branchId, year, pledgeIds, publishedBy: reviewer.memberId, publishedAt: at } }];
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
