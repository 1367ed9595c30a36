import { Topics } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { cloudEventFrom, type IntegrationMessage } from '@pledgebook/message-bus';
import type { DirectoryEvent, PledgeEvent } from '@pledgebook/pledge-domain';

const SERVICE = 'pledge-service';

/**
 * Domain events → integration events on pledgebook.pledge.v1 (key: the pledge, member or org
 * unit id; the bureau for a year's settings).
 * Drafts go out without their items (branch progress counts them; the content goes out on
 * submission). Review decisions echoed back stay internal.
 */
export function mapPledgeServiceEvent(event: RecordedEvent): IntegrationMessage[] {
  if (event.stream.startsWith('pledge-')) return mapPledge(event, { type: event.type, data: event.data } as PledgeEvent);
  if (event.stream.startsWith('directory-')) return mapDirectory(event, { type: event.type, data: event.data } as DirectoryEvent, event.stream.slice('directory-'.length));
  return [];
}

function message(event: RecordedEvent, key: string, type: string, subject: string, data: unknown): IntegrationMessage {
  return { topic: Topics.pledge, key, value: cloudEventFrom(event, { service: SERVICE, type, subject, data }) };
}

function mapPledge(event: RecordedEvent, e: PledgeEvent): IntegrationMessage[] {
  const id = e.data.pledgeId;
  const subject = `pledges/${id}`;
  switch (e.type) {
    case 'PledgeDrafted': {
      const { items: _items, ...data } = e.data;
      return [message(event, id, 'pledgebook.pledge.pledge-drafted.v1', subject, data)];
    }
    case 'PledgeSubmitted':
      // The submission carries the full book, so reviewers need nothing else.
      return [message(event, id, 'pledgebook.pledge.pledge-submitted.v1', subject, e.data)];
    case 'PledgeRevised':
      return [message(event, id, 'pledgebook.pledge.pledge-revised.v1', subject, { pledgeId: id, items: e.data.items })];
    case 'PledgeWithdrawn':
      return [message(event, id, 'pledgebook.pledge.pledge-withdrawn.v1', subject, { pledgeId: id, reason: e.data.reason })];
    case 'PledgePublished':
      return [message(event, id, 'pledgebook.pledge.pledge-published.v1', subject, { pledgeId: id, publicationId: e.data.publicationId, publishedAt: e.data.publishedAt })];
    case 'ProgressRecorded': {
      const { pledgeId, recordId, itemNo, recordedOn, narrative, evidence, peopleAided, amountFen, volunteerHours, corrects, recordedBy, beneficiaryRef } = e.data;
      const data = { pledgeId, recordId, itemNo, recordedOn, narrative, evidence, peopleAided, amountFen, volunteerHours, corrects, recordedBy, beneficiaryRef };
      return [message(event, id, 'pledgebook.pledge.progress-recorded.v1', subject, JSON.parse(JSON.stringify(data)))];
    }
    case 'PledgeClosed':
      return [message(event, id, 'pledgebook.pledge.pledge-closed.v1', subject, { pledgeId: id, year: e.data.year })];
    default:
      return [];
  }
}

function mapDirectory(event: RecordedEvent, e: DirectoryEvent, bureauId: string): IntegrationMessage[] {
  const clean = (data: object) => JSON.parse(JSON.stringify({ bureauId, ...data }));
  switch (e.type) {
    case 'BureauRegistered':
      return [message(event, e.data.bureauId, 'pledgebook.pledge.bureau-registered.v1', `bureaus/${e.data.bureauId}`, JSON.parse(JSON.stringify(e.data)))];
    case 'MemberAdded':
      return [message(event, e.data.memberId, 'pledgebook.pledge.member-added.v1', `members/${e.data.memberId}`, clean(e.data))];
    case 'MemberUpdated':
      return [message(event, e.data.memberId, 'pledgebook.pledge.member-updated.v1', `members/${e.data.memberId}`, clean(e.data))];
    case 'MemberMoved':
      return [message(event, e.data.memberId, 'pledgebook.pledge.member-moved.v1', `members/${e.data.memberId}`, clean(e.data))];
    case 'OrgUnitAdded':
      return [
        message(event, e.data.orgUnitId, 'pledgebook.pledge.org-unit-added.v1', `org-units/${e.data.orgUnitId}`, JSON.parse(JSON.stringify({ bureauId, ...e.data }))),
      ];
    // The year's settings, keyed by the bureau so each bureau's settings keep their order.
    case 'AppraisalOfficeAssigned':
      return [
        message(event, bureauId, 'pledgebook.pledge.appraisal-office-assigned.v1', `bureaus/${bureauId}/appraisal-office/${e.data.year}`, {
          bureauId,
          year: e.data.year,
          staff: e.data.staff.map(({ memberId, duty }) => ({ memberId, duty })),
        }),
      ];
    case 'GuidanceCategoriesSet':
      return [
        message(event, bureauId, 'pledgebook.pledge.guidance-categories-set.v1', `org-units/${e.data.branchId}/guidance-categories/${e.data.year}`, {
          bureauId,
          branchId: e.data.branchId,
          year: e.data.year,
          categories: [...e.data.categories],
        }),
      ];
    case 'YearClosed':
      return [message(event, bureauId, 'pledgebook.pledge.year-closed.v1', `bureaus/${bureauId}/years/${e.data.year}`, { bureauId, year: e.data.year })];
    default:
      return [];
  }
}
