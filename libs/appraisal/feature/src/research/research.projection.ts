import { localDate } from '@pledgebook/appraisal-domain';
import { parseEventData, ResearchWorkRated, RewardGranted, RewardRevoked } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { recordedIntegrationEvent } from '@pledgebook/nest';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import { scopedId } from '../projections/facts.views';
import { RESEARCH_STREAM_PREFIX } from '../streams';
import { RESEARCH_GRANTS, RESEARCH_WORKS, type ResearchGrantView, type ResearchWorkView } from './research.views';

/**
 * Rated research works and the grants of their shares as the appraisal service learned them from
 * the reward topic (recorded in its research streams). A grant's revocation may be folded before
 * or after its grant (they share a key, but a rebuild reads the bureau's stream as recorded):
 * both upsert the grant's document.
 */
export const researchProjection: Projection = {
  name: 'appraisal-research',
  version: 1,
  collections: [RESEARCH_WORKS, RESEARCH_GRANTS],
  filter: { streamPrefixes: [RESEARCH_STREAM_PREFIX] },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const fact = recordedIntegrationEvent(event);
    if (!fact) return;
    const guard = { stream: event.stream, revision: event.revision };
    const grants = ctx.collection<ResearchGrantView>(RESEARCH_GRANTS);
    switch (fact.sourceType) {
      case ResearchWorkRated.type: {
        const w = parseEventData(ResearchWorkRated, fact.data);
        const view: ResearchWorkView = {
          _id: scopedId(w.bureauId, w.workId),
          bureauId: w.bureauId,
          workId: w.workId,
          year: w.year,
          categoryId: w.categoryId,
          levelId: w.levelId,
          amountFen: w.amountFen,
          authors: w.authors.map((a) => ({ memberId: a.memberId, shareFen: a.shareFen })),
          ...(w.appraisalBonusPoints !== undefined ? { bonusPoints: w.appraisalBonusPoints } : {}),
          ratedAt: w.ratedAt,
          ratedOn: localDate(w.ratedAt),
          eventId: fact.sourceEventId,
        };
        await ctx.collection<ResearchWorkView>(RESEARCH_WORKS).replace(view, guard);
        return;
      }
      case RewardGranted.type: {
        const g = parseEventData(RewardGranted, fact.data);
        if (g.ground !== 'research' || g.basis.type !== 'research-work' || g.recipient.type !== 'member') return;
        await grants.update(scopedId(g.bureauId, g.grantId), { $set: { bureauId: g.bureauId, grantId: g.grantId, workId: g.basis.id, memberId: g.recipient.id } }, { upsert: true, guard });
        return;
      }
      case RewardRevoked.type: {
        const r = parseEventData(RewardRevoked, fact.data);
        await grants.update(scopedId(r.bureauId, r.grantId), { $set: { bureauId: r.bureauId, grantId: r.grantId, revoked: true } }, { upsert: true, guard });
        return;
      }
      default:
        return;
    }
  },
};
