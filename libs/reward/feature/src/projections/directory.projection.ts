import type { RecordedEvent } from '@pledgebook/event-store';
import { recordedIntegrationEvent } from '@pledgebook/nest/consumed-facts';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import { eventName, resultFinalized, str, type Data } from '../facts/fact-reader';
import { PREFIX } from '../streams';
import { BUREAUS, MEMBERS, ORG_UNITS, RESULTS, scopedId, type BureauView, type MemberView, type OrgUnitView, type ResultView } from './views';

const GRADE_LABELS = { excellent: '优秀', qualified: '合格', 'basically-qualified': '基本合格', unqualified: '不合格' } as const;

/**
 * The directory (bureaus and their parents, org units, members and where they sit) and final
 * appraisal results, as the reward service learned them: folded from its facts streams.
 */
export const directoryProjection: Projection = {
  name: 'reward-directory',
  version: 1,
  collections: [BUREAUS, MEMBERS, ORG_UNITS, RESULTS],
  filter: { streamPrefixes: [PREFIX.facts] },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const fact = recordedIntegrationEvent(event);
    if (!fact) return;
    const data = fact.data as Data;
    const bureauId = fact.bureauId;
    switch (eventName(fact.sourceType)) {
      case 'bureau-registered': {
        const view: BureauView = { _id: bureauId, bureauId, name: String(data.name), ...(str(data.level) ? { level: str(data.level) } : {}), ...(str(data.parentBureauId) ? { parentBureauId: str(data.parentBureauId) } : {}) };
        await ctx.collection<BureauView>(BUREAUS).replace(view);
        return;
      }
      case 'org-unit-added': {
        const orgUnitId = String(data.orgUnitId);
        await ctx.collection<OrgUnitView>(ORG_UNITS).replace({ _id: scopedId(bureauId, orgUnitId), bureauId, orgUnitId, type: String(data.type), name: String(data.name), ...(str(data.parentId) ? { parentId: str(data.parentId) } : {}) });
        return;
      }
      case 'member-added': {
        const memberId = String(data.memberId);
        const optional = Object.fromEntries(['partyStatus', 'branchId', 'groupId', 'departmentId'].filter((k) => str(data[k])).map((k) => [k, str(data[k])]));
        await ctx.collection<MemberView>(MEMBERS).replace({ _id: scopedId(bureauId, memberId), bureauId, memberId, name: String(data.name), roles: (data.roles as string[]) ?? [], ...optional });
        return;
      }
      case 'member-updated': {
        const set = Object.fromEntries(['name', 'partyStatus', 'departmentId', 'roles'].filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
        await ctx.collection(MEMBERS).update(scopedId(bureauId, String(data.memberId)), { $set: set });
        return;
      }
      case 'member-moved': {
        const set = { groupId: String(data.toGroupId), ...(str(data.branchId) ? { branchId: str(data.branchId) } : {}) };
        await ctx.collection(MEMBERS).update(scopedId(bureauId, String(data.memberId)), { $set: set });
        return;
      }
      case 'result-finalized': {
        const r = resultFinalized(data);
        if (!r) return;
        const view: ResultView = { _id: `${scopedId(bureauId, r.memberId)}/${r.year}-${r.half}`, bureauId, memberId: r.memberId, roundId: r.roundId, year: r.year, half: r.half, grade: r.grade, gradeLabel: r.gradeLabel ?? GRADE_LABELS[r.grade], points: r.points, finalizedAt: r.finalizedAt };
        await ctx.collection<ResultView>(RESULTS).replace(view);
        return;
      }
      default:
        return;
    }
  },
};
