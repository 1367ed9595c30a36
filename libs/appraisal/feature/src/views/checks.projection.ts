import { yearOf, type MonthlyCheckEvent } from '@pledgebook/appraisal-domain';
import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import { aggregateOf, STREAM_PREFIXES } from '../streams';
import { MONTHLY_CHECKS, type CheckView } from './names';

/** Each monthly check as corrected, for the branch grid, the overdue list and a member's year (with the files named on her entry). */
export const checksProjection: Projection = {
  name: 'appraisal-checks',
  version: 2,
  collections: [MONTHLY_CHECKS],
  filter: { streamPrefixes: [STREAM_PREFIXES.check] },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const id = aggregateOf(event.stream)!.aggregateId;
    const guard = { stream: event.stream, revision: event.revision };
    const e = { type: event.type, data: event.data } as MonthlyCheckEvent;
    const checks = ctx.collection<CheckView>(MONTHLY_CHECKS);
    if (e.type === 'MonthlyCheckRecorded') {
      const { bureauId, branchId, groupId, month, entries, members, items, counts, by, at } = e.data;
      await checks.replace(
        {
          _id: id,
          bureauId,
          branchId,
          groupId,
          month,
          year: yearOf(month),
          members,
          items,
          counts,
          memberIds: entries.map((x) => x.memberId),
          entries: Object.fromEntries(entries.map((x) => [x.memberId, { note: x.note, items: x.items, ...(x.attachments?.length ? { attachments: x.attachments } : {}) }])),
          recordedBy: by,
          recordedAt: at,
          corrections: 0,
        },
        guard,
      );
      return;
    }
    const current = await checks.findById(id);
    if (!current) return;
    const entries = structuredClone(current.entries);
    for (const c of e.data.changes) {
      const item = entries[c.memberId]?.items.find((i) => i.pledgeId === c.pledgeId && i.itemNo === c.itemNo);
      if (!item) continue;
      item.status = c.status;
      if (c.note !== undefined) item.note = c.note;
    }
    await checks.replace({ ...current, entries, counts: e.data.counts, members: e.data.members, items: e.data.items, corrections: current.corrections + 1 }, guard);
  },
};
