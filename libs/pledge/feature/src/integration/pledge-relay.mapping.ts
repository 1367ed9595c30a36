import {
  AppraisalOfficeAssigned,
  BureauRegistered,
  GuidanceCategoriesSet,
  MemberAdded,
  MemberMoved,
  MemberUpdated,
  OrgUnitAdded,
  PledgeClosed,
  PledgeDrafted,
  PledgePublished,
  PledgeRevised,
  PledgeSubmitted,
  PledgeWithdrawn,
  ProgressRecorded,
  YearClosed,
  type EventData,
  type EventDefinition,
} from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { integrationMessage, type IntegrationMessage } from '@pledgebook/message-bus';
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

function message<D extends EventDefinition>(event: RecordedEvent, key: string, definition: D, subject: string, data: EventData<D>): IntegrationMessage {
  return integrationMessage(event, definition, { service: SERVICE, key, subject, data });
}

/** Drops undefined fields: the schema allows a field to be absent, not present as undefined. */
const defined = <T extends object>(data: T): T => JSON.parse(JSON.stringify(data)) as T;

function mapPledge(event: RecordedEvent, e: PledgeEvent): IntegrationMessage[] {
  const id = e.data.pledgeId;
  const subject = `pledges/${id}`;
  switch (e.type) {
    case 'PledgeDrafted': {
      const { items: _items, ...data } = e.data;
      return [message(event, id, PledgeDrafted, subject, data)];
    }
    case 'PledgeSubmitted':
      // The submission carries the full book, so reviewers need nothing else.
      return [message(event, id, PledgeSubmitted, subject, e.data)];
    case 'PledgeRevised':
      return [message(event, id, PledgeRevised, subject, { pledgeId: id, items: e.data.items })];
    case 'PledgeWithdrawn':
      return [message(event, id, PledgeWithdrawn, subject, { pledgeId: id, reason: e.data.reason })];
    case 'PledgePublished':
      return [message(event, id, PledgePublished, subject, { pledgeId: id, publicationId: e.data.publicationId, publishedAt: e.data.publishedAt })];
    case 'ProgressRecorded': {
      const { pledgeId, recordId, itemNo, recordedOn, narrative, evidence, peopleAided, amountFen, volunteerHours, corrects, recordedBy, beneficiaryRef } = e.data;
      const data = { pledgeId, recordId, itemNo, recordedOn, narrative, evidence, peopleAided, amountFen, volunteerHours, corrects, recordedBy, beneficiaryRef };
      return [message(event, id, ProgressRecorded, subject, defined(data))];
    }
    case 'PledgeClosed':
      return [message(event, id, PledgeClosed, subject, { pledgeId: id, year: e.data.year })];
    default:
      return [];
  }
}

function mapDirectory(event: RecordedEvent, e: DirectoryEvent, bureauId: string): IntegrationMessage[] {
  const clean = <T extends object>(data: T) => defined({ bureauId, ...data });
  switch (e.type) {
    case 'BureauRegistered':
      return [message(event, e.data.bureauId, BureauRegistered, `bureaus/${e.data.bureauId}`, defined(e.data))];
    case 'MemberAdded':
      return [message(event, e.data.memberId, MemberAdded, `members/${e.data.memberId}`, clean(e.data))];
    case 'MemberUpdated':
      return [message(event, e.data.memberId, MemberUpdated, `members/${e.data.memberId}`, clean(e.data))];
    case 'MemberMoved':
      return [message(event, e.data.memberId, MemberMoved, `members/${e.data.memberId}`, clean(e.data))];
    case 'OrgUnitAdded':
      return [
        message(event, e.data.orgUnitId, OrgUnitAdded, `org-units/${e.data.orgUnitId}`, clean(e.data)),
      ];
    // The year's settings, keyed by the bureau so each bureau's settings keep their order.
    case 'AppraisalOfficeAssigned':
      return [
        message(event, bureauId, AppraisalOfficeAssigned, `bureaus/${bureauId}/appraisal-office/${e.data.year}`, {
          bureauId,
          year: e.data.year,
          staff: e.data.staff.map(({ memberId, duty }) => ({ memberId, duty })),
        }),
      ];
    case 'GuidanceCategoriesSet':
      return [
        message(event, bureauId, GuidanceCategoriesSet, `org-units/${e.data.branchId}/guidance-categories/${e.data.year}`, {
          bureauId,
          branchId: e.data.branchId,
          year: e.data.year,
          categories: [...e.data.categories],
        }),
      ];
    case 'YearClosed':
      return [message(event, bureauId, YearClosed, `bureaus/${bureauId}/years/${e.data.year}`, { bureauId, year: e.data.year })];
    default:
      return [];
  }
}
