import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection } from '@pledgebook/read-model';
import { evolvePledge, initialPledgeState, type PledgeEvent } from '@pledgebook/pledge-domain';
import { totalsOf, type PledgeView } from './pledge-view';

export const PLEDGES = 'pledges';

/**
 * The pledge list, the branch board and "my pledges": one document per pledge, rewritten from
 * the folded state on each event (guarded by stream revision, so a replay changes nothing).
 */
export const pledgesProjection: Projection = {
  name: 'pledges',
  // v2: documents carry pledgeId (responses no longer expose the storage key).
  version: 2,
  collections: [PLEDGES],
  filter: { streamPrefixes: ['pledge-'] },
  async apply(event: RecordedEvent, ctx) {
    const pledges = ctx.collection<PledgeView>(PLEDGES);
    const pledgeId = event.stream.slice('pledge-'.length);
    const current = await pledges.findById(pledgeId);
    const base = current
      ? { ...initialPledgeState(), ...current, pledgeId, records: Object.fromEntries(current.records.map((r) => [r.recordId, r])) }
      : { ...initialPledgeState(), pledgeId };
    const state = evolvePledge(base, { type: event.type, data: event.data } as PledgeEvent);
    if (state.status === 'none') return;
    const records = Object.values(state.records);
    const view: PledgeView = {
      _id: pledgeId,
      pledgeId,
      bureauId: state.bureauId,
      year: state.year,
      status: state.status,
      pledger: state.pledger,
      memberIds: state.pledger.memberIds,
      ...(state.branchId ? { branchId: state.branchId } : {}),
      ...(state.groupId ? { groupId: state.groupId } : {}),
      items: state.items,
      round: state.round,
      ...(state.approval ? { approvedAt: state.approval.approvedAt } : current?.approvedAt ? { approvedAt: current.approvedAt } : {}),
      ...(state.publication ? { publishedAt: state.publication.publishedAt } : current?.publishedAt ? { publishedAt: current.publishedAt } : {}),
      records,
      totals: totalsOf(records),
      revision: event.revision,
      updatedAt: event.recordedAt,
    };
    await pledges.replace(view, { stream: event.stream, revision: event.revision });
  },
};
