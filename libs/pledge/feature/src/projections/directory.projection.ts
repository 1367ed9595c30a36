import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection } from '@pledgebook/read-model';
import type { DirectoryEvent, Member } from '@pledgebook/pledge-domain';

export const BUREAUS = 'bureaus';
export const ORG_UNITS = 'org-units';
export const MEMBERS = 'members';

export interface BureauView { _id: string; name: string; level?: string; parentBureauId?: string; [k: string]: unknown }
export interface OrgUnitView { _id: string; bureauId: string; orgUnitId: string; type: string; name: string; parentId?: string; [k: string]: unknown }
export type MemberView = Member & { _id: string; bureauId: string; [k: string]: unknown };

/**
 * Bureaus choose their own directory keys (`branch-1`, `wang`), so org units and members are
 * keyed by bureau and id together (ADR 0019).
 */
export const scopedId = (bureauId: string, id: string) => `${bureauId}/${id}`;

/** Directory views: bureaus, org units and members (with their group history). */
export const directoryProjection: Projection = {
  name: 'directory',
  // v2: documents keyed by bureau and id (v1 keyed members and org units by id alone).
  version: 2,
  collections: [BUREAUS, ORG_UNITS, MEMBERS],
  filter: { streamPrefixes: ['directory-'] },
  async apply(event: RecordedEvent, ctx) {
    const bureauId = event.stream.slice('directory-'.length);
    const e = { type: event.type, data: event.data } as DirectoryEvent;
    const guard = { stream: event.stream, revision: event.revision };
    switch (e.type) {
      case 'BureauRegistered':
        await ctx.collection<BureauView>(BUREAUS).replace({ _id: bureauId, name: e.data.name, level: e.data.level, parentBureauId: e.data.parentBureauId }, guard);
        return;
      case 'OrgUnitAdded':
        await ctx.collection<OrgUnitView>(ORG_UNITS).replace({ _id: scopedId(bureauId, e.data.orgUnitId), bureauId, orgUnitId: e.data.orgUnitId, type: e.data.type, name: e.data.name, parentId: e.data.parentId }, guard);
        return;
      case 'MemberAdded': {
        const { memberId, joinedOn, ...rest } = e.data;
        await ctx.collection<MemberView>(MEMBERS).replace({ _id: scopedId(bureauId, memberId), bureauId, memberId, ...rest, groups: [{ groupId: rest.groupId, branchId: rest.branchId, from: joinedOn }] }, guard);
        return;
      }
      case 'MemberUpdated': {
        const { memberId, ...changes } = e.data;
        await ctx.collection(MEMBERS).update(scopedId(bureauId, memberId), { $set: changes }, { guard: { stream: `${event.stream}.${memberId}`, revision: event.revision } });
        return;
      }
      case 'MemberMoved':
        await ctx.collection(MEMBERS).update(
          scopedId(bureauId, e.data.memberId),
          { $set: { groupId: e.data.toGroupId, branchId: e.data.branchId }, $push: { groups: { groupId: e.data.toGroupId, branchId: e.data.branchId, from: e.data.effectiveOn } } },
          { guard: { stream: `${event.stream}.${e.data.memberId}`, revision: event.revision } },
        );
        return;
      default:
        return;
    }
  },
};
