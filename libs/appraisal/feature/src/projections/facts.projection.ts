import type { RecordedEvent } from '@pledgebook/event-store';
import { recordedIntegrationEvent } from '@pledgebook/nest';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import { FACTS_STREAM_PREFIX } from '../streams';
import { BOOKS, BUREAUS, MEMBERS, OFFICES, ORG_UNITS, scopedId, type BookView, type BureauView, type FulfilmentView, type MemberView } from './facts.views';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The directory, the published books and their fulfilment records as the appraisal service sees
 * them, folded from the pledge service's events it recorded in its own facts streams.
 */
export const factsProjection: Projection = {
  name: 'appraisal-facts',
  version: 1,
  collections: [MEMBERS, ORG_UNITS, BUREAUS, BOOKS, OFFICES],
  filter: { streamPrefixes: [FACTS_STREAM_PREFIX] },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const fact = recordedIntegrationEvent(event);
    if (!fact) return;
    const guard = { stream: event.stream, revision: event.revision };
    const name = fact.sourceType.replace(/^pledgebook\.pledge\./, '').replace(/\.v\d+$/, '');
    const data = fact.data as Data;
    const bureauId = fact.bureauId;
    switch (name) {
      case 'bureau-registered': {
        const current = await ctx.collection<BureauView>(BUREAUS).findById(bureauId);
        await ctx.collection<BureauView>(BUREAUS).replace({ _id: bureauId, name: String(data.name), ...(str(data.level) ? { level: str(data.level) } : {}), ...(str(data.parentBureauId) ? { parentBureauId: str(data.parentBureauId) } : {}), closedYears: current?.closedYears ?? [] }, guard);
        return;
      }
      case 'year-closed':
        await ctx.collection(BUREAUS).update(bureauId, { $addToSet: { closedYears: Number(data.year) } }, { upsert: true, guard });
        return;
      case 'org-unit-added':
        await ctx.collection(ORG_UNITS).replace({ _id: scopedId(bureauId, String(data.orgUnitId)), bureauId, orgUnitId: String(data.orgUnitId), type: String(data.type), name: String(data.name), ...(str(data.parentId) ? { parentId: str(data.parentId) } : {}) }, guard);
        return;
      case 'member-added': {
        const { memberId, joinedOn, bureauId: _b, ...rest } = data;
        const member: MemberView = { _id: scopedId(bureauId, String(memberId)), ...(rest as Pick<MemberView, 'name' | 'roles'>), bureauId, memberId: String(memberId), groups: [{ ...(str(rest.groupId) ? { groupId: str(rest.groupId) } : {}), ...(str(rest.branchId) ? { branchId: str(rest.branchId) } : {}), from: String(joinedOn) }] };
        await ctx.collection<MemberView>(MEMBERS).replace(member, guard);
        return;
      }
      case 'member-updated': {
        const { memberId, bureauId: _b, ...set } = data;
        await ctx.collection(MEMBERS).update(scopedId(bureauId, String(memberId)), { $set: set }, { guard });
        return;
      }
      case 'member-moved': {
        const period = { groupId: str(data.toGroupId), ...(str(data.branchId) ? { branchId: str(data.branchId) } : {}), from: String(data.effectiveOn) };
        await ctx.collection(MEMBERS).update(scopedId(bureauId, String(data.memberId)), { $set: { groupId: period.groupId, ...(period.branchId ? { branchId: period.branchId } : {}) }, $push: { groups: period } }, { guard });
        return;
      }
      case 'appraisal-office-assigned': {
        const year = Number(data.year);
        await ctx.collection(OFFICES).replace({ _id: `${bureauId}/${year}`, bureauId, year, staff: (data.staff as Array<{ memberId: string; duty: string }>) ?? [] }, guard);
        return;
      }
      case 'pledge-submitted': {
        const books = ctx.collection<BookView>(BOOKS);
        const current = await books.findById(String(data.pledgeId));
        const pledger = data.pledger as BookView['pledger'];
        await books.replace(
          {
            _id: String(data.pledgeId),
            pledgeId: String(data.pledgeId),
            bureauId,
            year: Number(data.year),
            pledger,
            memberIds: pledger.memberIds,
            ...(str(data.branchId) ? { branchId: str(data.branchId) } : {}),
            ...(str(data.groupId) ? { groupId: str(data.groupId) } : {}),
            items: data.items as BookView['items'],
            status: 'submitted',
            records: current?.records ?? [],
          },
          guard,
        );
        return;
      }
      case 'pledge-revised':
        await ctx.collection(BOOKS).update(String(data.pledgeId), { $set: { items: data.items } }, { guard });
        return;
      case 'pledge-published':
        await ctx.collection(BOOKS).update(String(data.pledgeId), { $set: { status: 'published', publishedAt: String(data.publishedAt), publishedEventId: fact.sourceEventId } }, { guard });
        return;
      case 'pledge-withdrawn':
        await ctx.collection(BOOKS).update(String(data.pledgeId), { $set: { status: 'withdrawn' } }, { guard });
        return;
      case 'pledge-closed':
        await ctx.collection(BOOKS).update(String(data.pledgeId), { $set: { status: 'closed' } }, { guard });
        return;
      case 'progress-recorded': {
        const record: FulfilmentView = {
          recordId: String(data.recordId),
          eventId: fact.sourceEventId,
          itemNo: Number(data.itemNo),
          recordedOn: String(data.recordedOn),
          ...(typeof data.peopleAided === 'number' ? { peopleAided: data.peopleAided } : {}),
          ...(typeof data.amountFen === 'number' ? { amountFen: data.amountFen } : {}),
          ...(typeof data.volunteerHours === 'number' ? { volunteerHours: data.volunteerHours } : {}),
          ...(str(data.corrects) ? { corrects: str(data.corrects) } : {}),
        };
        await ctx.collection(BOOKS).update(String(data.pledgeId), { $push: { records: record } }, { guard });
        return;
      }
      default:
        return;
    }
  },
};
