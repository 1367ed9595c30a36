import { GRADE_LABELS } from '../shared/grades';
import type { SchemeContent } from '../scheme/types';
import { NEVER_PUBLISHED_EVENT_TYPES, type AppraisalDomainEvent } from './domain-events';
import { APPRAISAL_INTEGRATION_TYPES as T, type AppraisalIntegrationEvent, type SchemePublishedV1 } from './integration-events';

const round = (year: number, half: string) => `rounds/${year}-${half}`;

function publicScheme(content: SchemeContent): Omit<SchemePublishedV1, 'bureauId' | 'year' | 'version' | 'publishedAt'> {
  return {
    title: content.title,
    totalPoints: content.totalPoints,
    criteria: content.criteria.map((c) => ({ id: c.id, label: c.label, maxPoints: c.maxPoints, source: c.source, ...(c.source === 'computed' ? { formula: c.formula } : { kind: c.kind }) })),
    bonuses: content.bonuses.map(({ id, label, cap }) => ({ id, label, cap })),
    deductions: content.deductions.map(({ id, label, cap }) => ({ id, label, cap })),
    vetoes: content.vetoes.map(({ id, label }) => ({ id, label })),
    bands: content.bands.map((b) => ({ grade: b.grade, label: GRADE_LABELS[b.grade], minPoints: b.minPoints })),
    ...(content.topGradeQuota ? { topGradeQuota: { maxPercent: content.topGradeQuota.maxPercent } } : {}),
  };
}

/**
 * What goes on `pledgebook.appraisal.v1` for a stored event, or undefined for events that stay
 * inside the service. Each mapping copies named fields only, so nothing is published by accident:
 * no talk notes, no objection text, no objector, no single ballot, no member behind by name.
 */
export function toIntegrationEvent(event: AppraisalDomainEvent): AppraisalIntegrationEvent | undefined {
  if (NEVER_PUBLISHED_EVENT_TYPES.has(event.type)) return undefined;
  switch (event.type) {
    case 'SchemePublished': {
      const { bureauId, year, version, content, publishedAt } = event.data;
      return { type: T.schemePublished, subject: `schemes/${year}/v${version}`, data: { bureauId, year, version, ...publicScheme(content), publishedAt } };
    }
    case 'MonthlyCheckRecorded':
    case 'MonthlyCheckCorrected': {
      const { bureauId, branchId, groupId, month, members, items, counts, at } = event.data;
      const data = { bureauId, branchId, groupId, month, members, items, counts: { ...counts }, correction: event.type === 'MonthlyCheckCorrected', recordedAt: at };
      return { type: T.monthlyCheckRecorded, subject: `monthly-checks/${groupId}/${month}`, data };
    }
    case 'QuarterlyDispatchHeld': {
      const { bureauId, branchId, year, quarter, meeting, summary, membersBehind, leftOut, talksDue, at } = event.data;
      return {
        type: T.quarterlyDispatchHeld,
        subject: `dispatches/${branchId}/${year}-Q${quarter}`,
        data: {
          bureauId,
          branchId,
          year,
          quarter,
          meetingDate: meeting.date,
          attendees: meeting.attendees.length,
          members: summary.members,
          items: summary.items,
          counts: { ...summary.statusCounts },
          checksExpected: summary.checks.expected,
          checksHeld: summary.checks.held,
          membersBehind: membersBehind.length,
          leftOut: leftOut.length,
          talksScheduled: talksDue.length,
          heldAt: at,
        },
      };
    }
    case 'RoundOpened': {
      const { bureauId, year, half, schemeVersion, subjects, at } = event.data;
      return { type: T.roundOpened, subject: round(year, half), data: { bureauId, year, half, schemeVersion, subjects: subjects.length, openedAt: at } };
    }
    case 'ResultsPutOnNotice': {
      const { bureauId, year, half, schemeVersion, renewal, notice, results, at } = event.data;
      const posted = results.map((r) => ({ memberId: r.memberId, points: r.points, grade: r.grade, gradeLabel: GRADE_LABELS[r.grade] }));
      return { type: T.resultsOnNotice, subject: round(year, half), data: { bureauId, year, half, schemeVersion, renewal, notice: { ...notice }, results: posted, postedAt: at } };
    }
    case 'ResultFinalized': {
      const { bureauId, year, half, memberId, partyStatus, points, grade, schemeVersion, finalizedAt } = event.data;
      return {
        type: T.resultFinalized,
        subject: `${round(year, half)}/members/${memberId}`,
        data: { bureauId, year, half, memberId, partyStatus, points, grade, gradeLabel: GRADE_LABELS[grade], schemeVersion, finalizedAt },
      };
    }
    case 'RoundFinalized': {
      const { bureauId, year, half, schemeVersion, subjects, gradeCounts, finalizedAt } = event.data;
      return { type: T.roundFinalized, subject: round(year, half), data: { bureauId, year, half, schemeVersion, subjects, gradeCounts: { ...gradeCounts }, finalizedAt } };
    }
    default:
      return undefined;
  }
}
