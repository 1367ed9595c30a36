import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection } from '@pledgebook/read-model';
import { FACT_RECORDED, sourceEventOf, type RecordedFact } from '../integration/pledge-facts';
import { pledgeFact } from '../integration/pledge-events';
import { FACTS_STREAM_PREFIX } from '../streams';
import { BUREAUS, MEMBERS, ORG_UNITS, PLEDGE_STARTS, scopedId } from './views';

/**
 * The directory copy (bureaus, org units, members) and the books started, from the facts this
 * service recorded in its own streams: deleting the views database rebuilds them whole.
 */
export const pledgeFactsProjection: Projection = {
  name: 'pledge-facts',
  version: 1,
  collections: [MEMBERS, ORG_UNITS, BUREAUS, PLEDGE_STARTS],
  filter: { streamPrefixes: [FACTS_STREAM_PREFIX] },
  async apply(event: RecordedEvent, ctx) {
    if (event.type !== FACT_RECORDED) return;
    const fact = pledgeFact(sourceEventOf(event.data as RecordedFact));
    const guard = { stream: event.stream, revision: event.revision };
    switch (fact.kind) {
      case 'member':
        await ctx.collection(MEMBERS).update(scopedId(fact.bureauId, fact.memberId), { $set: { bureauId: fact.bureauId, memberId: fact.memberId, ...fact.set } }, { upsert: true, guard });
        return;
      case 'org-unit':
        await ctx.collection(ORG_UNITS).update(scopedId(fact.bureauId, fact.orgUnitId), { $set: { bureauId: fact.bureauId, orgUnitId: fact.orgUnitId, ...fact.set } }, { upsert: true, guard });
        return;
      case 'bureau':
        await ctx.collection(BUREAUS).update(fact.bureauId, { $set: fact.set }, { upsert: true, guard });
        return;
      case 'drafted':
        await ctx.collection(PLEDGE_STARTS).replace({ _id: fact.data.pledgeId, ...fact.data }, guard);
        return;
      default:
        return;
    }
  },
};
