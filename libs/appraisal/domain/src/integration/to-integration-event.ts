import { GRADE_LABELS, GRADES, type Grade } from '../shared/grades';
import type { SchemeContent } from '../scheme/types';
import { NEVER_PUBLISHED_EVENT_TYPES, type AppraisalDomainEvent } from './domain-events';
import { APPRAISAL_INTEGRATION_TYPES as T, type AppraisalIntegrationEvent, type IntegrationIds, type SchemePublishedV1 } from './integration-events';

const round = (year: number, half: string) => `rounds/${year}-${half}`;

function publicScheme(content: SchemeContent): Pick<SchemePublishedV1, 'criteria' | 'grades' | 'topGradeQuotaPercent' | 'veto'> {
  return {
    criteria: [
      ...content.criteria.map((c) => ({ criterionId: c.id, name: c.label, maxPoints: c.maxPoints, source: c.source })),
      ...content.bonuses.map((b) => ({ criterionId: b.id, name: b.label, maxPoints: b.cap, source: 'bonus' as const })),
      ...content.deductions.map((d) => ({ criterionId: d.id, name: d.label, maxPoints: d.cap, source: 'deduction' as const })),
    ],
    grades: content.bands.map((b) => ({ grade: b.grade, label: GRADE_LABELS[b.grade], minPoints: b.minPoints })),
    ...(content.topGradeQuota ? { topGradeQuotaPercent: content.topGradeQuota.maxPercent } : {}),
    veto: content.vetoes.length > 0,
  };
}

function byGrade(counts: Partial<Record<Grade, number>>): Record<Grade, number> {
  return Object.fromEntries(GRADES.map((g) => [g, counts[g] ?? 0])) as Record<Grade, number>;
}

/**
 * What goes on `pledgebook.appraisal.v1` for a stored event, or undefined for events that stay
 * inside the service. Each mapping copies named fields only, so nothing is published by accident:
 * no talk notes, no objection text, no objector, no single ballot, no member behind by name.
 */
export function toIntegrationEvent(event: AppraisalDomainEvent, ids: IntegrationIds): AppraisalIntegrationEvent | undefined {
  if (NEVER_PUBLISHED_EVENT_TYPES.has(event.type)) return undefined;
  switch (event.type) {
    case 'SchemePublished': {
      const { bureauId, year, version, content, publishedAt } = event.data;
      return { type: T.schemePublished, subject: `schemes/${year}/v${version}`, data: { bureauId, year, schemeId: ids.aggregateId, version, publishedAt, ...publicScheme(content) } };
    }
    case 'MonthlyCheckRecorded':
    case 'MonthlyCheckCorrected': {
      const { bureauId, branchId, groupId, month, members, items, counts, at } = event.data;
      const data = { bureauId, checkId: ids.aggregateId, groupId, branchId, month, members, items, done: counts.done, onTrack: counts['on-track'], behind: counts.behind, notStarted: counts['not-started'], recordedAt: at };
      return { type: T.monthlyCheckRecorded, subject: `monthly-checks/${groupId}/${month}`, data };
    }
    case 'QuarterlyDispatchHeld': {
      const { bureauId, branchId, year, quarter, meeting, summary, membersBehind, talksDue } = event.data;
      const data = { bureauId, dispatchId: ids.aggregateId, branchId, year, quarter, heldOn: meeting.date, members: summary.members, membersBehind: membersBehind.length, talksDue: talksDue.length };
      return { type: T.quarterlyDispatchHeld, subject: `dispatches/${branchId}/${year}-Q${quarter}`, data };
    }
    case 'RoundOpened': {
      const { bureauId, year, half, schemeVersion, subjects, at } = event.data;
      return { type: T.roundOpened, subject: round(year, half), data: { bureauId, roundId: ids.aggregateId, year, half, schemeVersion, subjects: subjects.length, openedAt: at } };
    }
    case 'ResultsPutOnNotice': {
      const { bureauId, year, half, notice, results } = event.data;
      const data = { bureauId, roundId: ids.aggregateId, noticeId: ids.eventId, year, half, members: results.length, startsOn: notice.startsOn, endsOn: notice.endsOn, workingDays: notice.workingDays };
      return { type: T.resultsOnNotice, subject: round(year, half), data };
    }
    case 'ResultFinalized': {
      const { bureauId, year, half, memberId, partyStatus, points, grade, schemeVersion, finalizedAt } = event.data;
      return {
        type: T.resultFinalized,
        subject: `${round(year, half)}/members/${memberId}`,
        data: { bureauId, roundId: ids.aggregateId, year, half, memberId, partyStatus, points, grade, gradeLabel: GRADE_LABELS[grade], schemeVersion, finalizedAt },
      };
    }
    case 'RoundFinalized': {
      const { bureauId, year, half, subjects, gradeCounts, finalizedAt } = event.data;
      return { type: T.roundFinalized, subject: round(year, half), data: { bureauId, roundId: ids.aggregateId, year, half, members: subjects, byGrade: byGrade(gradeCounts), finalizedAt } };
    }
    default:
      return undefined;
  }
}
