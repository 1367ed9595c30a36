import type { SchemeEvent } from '@pledgebook/appraisal-domain';
import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import { aggregateOf, STREAM_PREFIXES } from '../streams';
import { SCHEMES, type SchemeView } from './names';

/** Each scheme version's lifecycle, for the list of a year's versions. */
export const schemesProjection: Projection = {
  name: 'appraisal-schemes',
  version: 1,
  collections: [SCHEMES],
  filter: { streamPrefixes: [STREAM_PREFIXES.scheme] },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const id = aggregateOf(event.stream)!.aggregateId;
    const guard = { stream: event.stream, revision: event.revision };
    const e = { type: event.type, data: event.data } as SchemeEvent;
    const schemes = ctx.collection<SchemeView>(SCHEMES);
    const at = event.recordedAt;
    switch (e.type) {
      case 'SchemeDrafted': {
        const { bureauId, year, version, content, basedOnVersion } = e.data;
        await schemes.replace({ _id: id, bureauId, year, version, status: 'draft', title: content.title, ...(basedOnVersion !== undefined ? { basedOnVersion } : {}), updatedAt: at }, guard);
        return;
      }
      case 'SchemeRevised':
        await schemes.update(id, { $set: { title: e.data.content.title, updatedAt: at } }, { guard });
        return;
      case 'SchemeSubmitted':
        await schemes.update(id, { $set: { status: 'submitted', updatedAt: at } }, { guard });
        return;
      case 'SchemeReturned':
        await schemes.update(id, { $set: { status: 'draft', returnedFor: e.data.reason, updatedAt: at } }, { guard });
        return;
      case 'SchemeApproved':
        await schemes.update(id, { $set: { status: 'approved', approvedBy: e.data.by, updatedAt: at } }, { guard });
        return;
      case 'SchemePublished':
        await schemes.update(id, { $set: { status: 'published', publishedAt: e.data.publishedAt, updatedAt: at } }, { guard });
        return;
    }
  },
};
