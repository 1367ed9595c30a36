import { GRADE_LABELS, type RoundEvent } from '@pledgebook/appraisal-domain';
import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import { aggregateOf, STREAM_PREFIXES } from '../streams';
import { ROUND_RESULTS, ROUNDS, type ResultView, type RoundView } from './names';

const resultId = (roundId: string, memberId: string) => `${roundId}/${memberId}`;

/**
 * Rounds with their state and notices, and one result per subject (points and grade once on
 * notice). Counts of objections only: who objected and why stay in the round's stream.
 */
export const roundsProjection: Projection = {
  name: 'appraisal-rounds',
  version: 1,
  collections: [ROUNDS, ROUND_RESULTS],
  filter: { streamPrefixes: [STREAM_PREFIXES.round] },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const id = aggregateOf(event.stream)!.aggregateId;
    const guard = { stream: event.stream, revision: event.revision };
    const e = { type: event.type, data: event.data } as RoundEvent;
    const rounds = ctx.collection<RoundView>(ROUNDS);
    const results = ctx.collection<ResultView>(ROUND_RESULTS);
    // Result documents change with several events of one stream: guarded per document, they apply each event once.
    const setResult = (memberId: string, set: Partial<ResultView>) => results.update(resultId(id, memberId), { $set: set }, { guard });
    switch (e.type) {
      case 'RoundOpened': {
        const { bureauId, year, half, schemeVersion, subjects, at } = e.data;
        await rounds.replace({ _id: id, bureauId, year, half, schemeVersion, status: 'scoring', subjects: subjects.length, openedAt: at, notices: [], openObjections: 0, rescoring: 0 }, guard);
        for (const s of subjects) {
          await results.replace(
            { _id: resultId(id, s.memberId), roundId: id, bureauId, year, half, memberId: s.memberId, partyStatus: s.partyStatus, ...(s.branchId ? { branchId: s.branchId } : {}), ...(s.groupId ? { groupId: s.groupId } : {}), status: 'scoring' },
            guard,
          );
        }
        return;
      }
      case 'ComputedScoresRecorded':
        await rounds.update(id, { $set: { computedAt: e.data.at } }, { guard });
        return;
      case 'ResultsPutOnNotice': {
        const { notice, results: posted, renewal } = e.data;
        const round = await rounds.findById(id);
        const endsOn = [round?.noticeEndsOn ?? '', notice.endsOn].sort().at(-1)!;
        for (const r of posted) {
          const before = await results.findById(resultId(id, r.memberId));
          await setResult(r.memberId, { status: 'on-notice', points: r.points, grade: r.grade, gradeLabel: GRADE_LABELS[r.grade], gradeReason: r.gradeReason, notice, noticeNo: (before?.noticeNo ?? 0) + 1 });
        }
        const rescoring = await results.count({ roundId: id, status: 'rescoring' });
        await rounds.update(id, { $set: { status: 'on-notice', noticeEndsOn: endsOn, rescoring }, $push: { notices: { noticeId: event.id, ...notice, members: posted.length, renewal } } }, { guard });
        return;
      }
      case 'ObjectionRaised':
        await rounds.update(id, { $inc: { openObjections: 1 } }, { guard });
        return;
      case 'ObjectionDismissed':
        await rounds.update(id, { $inc: { openObjections: -1 } }, { guard });
        return;
      case 'ObjectionUpheld':
        await setResult(e.data.memberId, { status: 'rescoring' });
        await rounds.update(id, { $inc: { openObjections: -1 }, $set: { rescoring: await results.count({ roundId: id, status: 'rescoring' }) } }, { guard });
        return;
      case 'ResultFinalized':
        await setResult(e.data.memberId, { status: 'final', points: e.data.points, grade: e.data.grade, gradeLabel: GRADE_LABELS[e.data.grade], finalizedAt: e.data.finalizedAt });
        return;
      case 'RoundFinalized':
        await rounds.update(id, { $set: { status: 'final', finalizedAt: e.data.finalizedAt, gradeCounts: e.data.gradeCounts } }, { guard });
        return;
      default:
        return;
    }
  },
};
