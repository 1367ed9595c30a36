import {
  BureauRegistered,
  isEventOf,
  MemberAdded,
  MemberMoved,
  MemberUpdated,
  OrgUnitAdded,
  PledgeClosed,
  PledgeDrafted,
  PledgeSubmitted,
  PledgeWithdrawn,
  type CloudEvent,
} from '@pledgebook/contracts';
import type { Pledger, PledgerPlace, ReviewCommand } from '@pledgebook/review-domain';

/**
 * v2: facts are recorded in this service's own streams (ADR 0019); a new group reads the topic
 * from its start once, so a deployment from before fills those streams.
 */
export const PLEDGE_CONSUMER_GROUP = 'review-service.pledges.v2';

/** A submission's content: what opens a review round (the pledgers' places are looked up here). */
export type Submitted = Omit<Extract<ReviewCommand, { type: 'OpenRound' }>, 'type' | 'at' | 'places'> & { places?: PledgerPlace[] };

/** What an event from the pledge service means here. */
export type PledgeFact =
  | { kind: 'submitted'; data: Submitted }
  | { kind: 'withdrawn'; pledgeId: string; reason: string }
  | { kind: 'closed'; pledgeId: string; year: number }
  | { kind: 'drafted'; data: { pledgeId: string; bureauId: string; year: number; pledger: Pledger; branchId?: string; groupId?: string } }
  | { kind: 'member'; memberId: string; bureauId: string; set: Record<string, unknown> }
  | { kind: 'org-unit'; orgUnitId: string; bureauId: string; set: Record<string, unknown> }
  | { kind: 'bureau'; bureauId: string; set: Record<string, unknown> }
  | { kind: 'ignored' };

/** Reads an event of pledgebook.pledge.v1 (already validated against its contract by the consumer runner). */
export function pledgeFact(event: CloudEvent): PledgeFact {
  if (isEventOf(event, PledgeSubmitted)) return { kind: 'submitted', data: event.data };
  if (isEventOf(event, PledgeWithdrawn)) return { kind: 'withdrawn', pledgeId: event.data.pledgeId, reason: event.data.reason };
  if (isEventOf(event, PledgeClosed)) return { kind: 'closed', pledgeId: event.data.pledgeId, year: event.data.year };
  if (isEventOf(event, PledgeDrafted)) return { kind: 'drafted', data: event.data };
  if (isEventOf(event, MemberAdded) || isEventOf(event, MemberUpdated)) {
    const { memberId, bureauId, ...set } = event.data;
    return { kind: 'member', memberId, bureauId, set };
  }
  if (isEventOf(event, MemberMoved)) {
    const { memberId, bureauId, toGroupId, branchId } = event.data;
    return { kind: 'member', memberId, bureauId, set: { groupId: toGroupId, ...(branchId ? { branchId } : {}) } };
  }
  if (isEventOf(event, BureauRegistered)) {
    const { bureauId, ...set } = event.data;
    return { kind: 'bureau', bureauId, set };
  }
  if (isEventOf(event, OrgUnitAdded)) {
    const { orgUnitId, bureauId, ...set } = event.data;
    return { kind: 'org-unit', orgUnitId, bureauId, set };
  }
  return { kind: 'ignored' };
}
