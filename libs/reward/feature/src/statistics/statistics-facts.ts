import type { RecordedEvent } from '@pledgebook/event-store';
import { recordedIntegrationEvent } from '@pledgebook/nest';
import { materialFen, type GrantEvent, type OpeningTotalsEvent, type StatisticsFact } from '@pledgebook/reward-domain';
import { deedItemsOf, eventName, monthlyCheckRecorded, num, resultFinalized, str, type Data } from '../facts/fact-reader';
import { PREFIX } from '../streams';

const placed = (branchId?: string, groupId?: string) => ({ ...(branchId ? { branchId } : {}), ...(groupId ? { groupId } : {}) });

/** A recorded pledge or appraisal event as a statistics fact (none for events the figures do not use). */
function fromIntegrationEvent(bureauId: string, type: string, data: Data): StatisticsFact | undefined {
  const pledgeId = str(data.pledgeId) ?? '';
  switch (eventName(type)) {
    case 'org-unit-added':
      return { kind: 'unit', bureauId, orgUnitId: String(data.orgUnitId), type: String(data.type), ...(str(data.parentId) ? { parentId: str(data.parentId) } : {}) };
    case 'member-added':
      return { kind: 'member', bureauId, memberId: String(data.memberId), ...placed(str(data.branchId), str(data.groupId)) };
    case 'member-moved':
      return { kind: 'member', bureauId, memberId: String(data.memberId), ...placed(str(data.branchId), str(data.toGroupId)) };
    case 'pledge-submitted':
      return { kind: 'book-submitted', bureauId, pledgeId, year: num(data.year) ?? 0, ...placed(str(data.branchId), str(data.groupId)), deedItems: deedItemsOf(data.items) };
    case 'pledge-revised':
      return { kind: 'book-revised', pledgeId, deedItems: deedItemsOf(data.items) };
    case 'pledge-published':
      return { kind: 'book-published', pledgeId };
    case 'pledge-withdrawn':
      return { kind: 'book-withdrawn', pledgeId };
    case 'pledge-closed':
      return { kind: 'book-closed', pledgeId };
    case 'progress-recorded': {
      const [peopleAided, amountFen, volunteerHours, beneficiaryRef, corrects] = [num(data.peopleAided), num(data.amountFen), num(data.volunteerHours), str(data.beneficiaryRef), str(data.corrects)];
      return {
        kind: 'progress',
        pledgeId,
        record: {
          recordId: String(data.recordId),
          itemNo: num(data.itemNo) ?? 0,
          recordedOn: String(data.recordedOn),
          ...(peopleAided !== undefined ? { peopleAided } : {}),
          ...(amountFen !== undefined ? { amountFen } : {}),
          ...(volunteerHours !== undefined ? { volunteerHours } : {}),
          ...(beneficiaryRef !== undefined ? { beneficiaryRef } : {}),
          ...(corrects !== undefined ? { corrects } : {}),
        },
      };
    }
    case 'monthly-check-recorded': {
      const c = monthlyCheckRecorded(data);
      return { kind: 'check', bureauId, groupId: c.groupId, ...(c.branchId ? { branchId: c.branchId } : {}), month: c.month, items: c.items, done: c.done, onTrack: c.onTrack, behind: c.behind, notStarted: c.notStarted };
    }
    case 'result-finalized': {
      const r = resultFinalized(data);
      return { kind: 'result', bureauId, year: r.year, half: r.half, memberId: r.memberId, grade: r.grade };
    }
    default:
      return undefined;
  }
}

/** The statistics fact an event of the reward service's store carries, if any. */
export function statisticsFactOf(event: RecordedEvent): StatisticsFact | undefined {
  const fact = recordedIntegrationEvent(event);
  if (fact) return fromIntegrationEvent(fact.bureauId, fact.sourceType, fact.data);
  if (event.stream.startsWith(PREFIX.grant)) {
    const e = { type: event.type, data: event.data } as GrantEvent;
    if (e.type === 'RewardGranted') return { kind: 'grant', bureauId: e.data.bureauId, grantId: e.data.grantId, year: e.data.year, recipient: e.data.recipient, amountFen: materialFen(e.data) };
    return { kind: 'grant-revoked', bureauId: e.data.bureauId, grantId: e.data.grantId, year: e.data.year };
  }
  if (event.stream.startsWith(PREFIX.opening)) {
    const e = { type: event.type, data: event.data } as OpeningTotalsEvent;
    return { kind: 'opening', bureauId: e.data.bureauId, year: e.data.year, figures: e.data.figures };
  }
  return undefined;
}

/** Every stream the statistics read. */
export const STATISTICS_STREAM_PREFIXES = [PREFIX.facts, PREFIX.grant, PREFIX.opening];
