import type { CloudEvent } from '@pledgebook/contracts';
import type { Pledger, ReviewCommand } from '@pledgebook/review-domain';

/**
 * v2: facts are recorded in this service's own streams (ADR 0019); a new group reads the topic
 * from its start once, so a deployment from before fills those streams.
 */
export const PLEDGE_CONSUMER_GROUP = 'review-service.pledges.v2';

/** A submission's content: what opens a review round (the pledgers' places are looked up here). */
export type Submitted = Omit<Extract<ReviewCommand, { type: 'OpenRound' }>, 'type' | 'at' | 'places'>;

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

/** Reads an event of pledgebook.pledge.v1 (already validated against its schema by the consumer runner). */
export function pledgeFact(event: CloudEvent): PledgeFact {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'pledgebook.pledge.pledge-submitted.v1':
      return { kind: 'submitted', data: data as unknown as Submitted };
    case 'pledgebook.pledge.pledge-withdrawn.v1':
      return { kind: 'withdrawn', pledgeId: String(data.pledgeId), reason: String(data.reason) };
    case 'pledgebook.pledge.pledge-closed.v1':
      return { kind: 'closed', pledgeId: String(data.pledgeId), year: Number(data.year) };
    case 'pledgebook.pledge.pledge-drafted.v1':
      return { kind: 'drafted', data: data as unknown as Extract<PledgeFact, { kind: 'drafted' }>['data'] };
    case 'pledgebook.pledge.member-added.v1':
    case 'pledgebook.pledge.member-updated.v1': {
      const { memberId, bureauId, ...set } = data;
      return { kind: 'member', memberId: String(memberId), bureauId: String(bureauId), set };
    }
    case 'pledgebook.pledge.member-moved.v1': {
      const { memberId, bureauId, toGroupId, branchId } = data;
      return { kind: 'member', memberId: String(memberId), bureauId: String(bureauId), set: { groupId: toGroupId, ...(branchId ? { branchId } : {}) } };
    }
    case 'pledgebook.pledge.bureau-registered.v1': {
      const { bureauId, ...set } = data;
      return { kind: 'bureau', bureauId: String(bureauId), set };
    }
    case 'pledgebook.pledge.org-unit-added.v1': {
      const { orgUnitId, bureauId, ...set } = data;
      return { kind: 'org-unit', orgUnitId: String(orgUnitId), bureauId: String(bureauId), set };
    }
    default:
      return { kind: 'ignored' };
  }
}
