import type { RecordedEvent } from '@pledgebook/event-store';
import { recordedIntegrationEvent } from '@pledgebook/nest/consumed-facts';
import { GRADES, HALVES, materialFen, type Grade, type GrantEvent, type Half, type OpeningTotalsEvent, type StatisticsFact } from '@pledgebook/reward-domain';
import { deedItemsOf, eventName, num, str, type Data } from '../facts/fact-reader';
import { PREFIX } from '../streams';

const isGrade = (v: unknown): v is Grade => GRADES.some((g) => g === v);
const isHalf = (v: unknown): v is Half => HALVES.some((h) => h === v);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CHECK_COUNTS = ['items', 'done', 'onTrack', 'behind', 'notStarted'] as const;

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
    // The appraisal facts are read field by field here (the hot path of a rebuild); their
    // contracts validated them when they were taken in, and a field that does not fit skips the fact.
    case 'monthly-check-recorded': {
      const [groupId, month, branchId] = [str(data.groupId), str(data.month), str(data.branchId)];
      const [items, done, onTrack, behind, notStarted] = CHECK_COUNTS.map((k) => num(data[k]));
      if (!groupId || !month || !MONTH.test(month) || items === undefined || done === undefined || onTrack === undefined || behind === undefined || notStarted === undefined) return undefined;
      return { kind: 'check', bureauId, groupId, ...(branchId ? { branchId } : {}), month, items, done, onTrack, behind, notStarted };
    }
    case 'result-finalized': {
      const [memberId, year, half, grade] = [str(data.memberId), num(data.year), data.half, data.grade];
      if (!memberId || year === undefined || !isHalf(half) || !isGrade(grade)) return undefined;
      return { kind: 'result', bureauId, year, half, memberId, grade };
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
