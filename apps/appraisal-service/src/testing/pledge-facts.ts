import { dataSchemaUri, Topics, type CloudEvent } from '@pledgebook/contracts';
import { openMessageBus } from '@pledgebook/infrastructure';
import { newId } from '@pledgebook/util';
import { join } from 'node:path';

/**
 * Publishes pledge-service integration events to the bus the appraisal service reads, as the
 * pledge service would: the directory, the appraisal office, published books and their records.
 * The consumer validates each against its contract, as it does the real ones.
 */
export class PledgeFacts {
  private readonly events: Array<{ key: string; value: CloudEvent }> = [];

  constructor(readonly bureauId: string) {}

  private add(type: string, key: string, subject: string, data: Record<string, unknown>): this {
    const id = newId();
    this.events.push({
      key,
      value: {
        specversion: '1.0',
        id,
        source: `/bureaus/${this.bureauId}/pledge-service`,
        type: `pledgebook.pledge.${type}.v1`,
        subject,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        dataschema: dataSchemaUri(`pledgebook.pledge.${type}.v1`),
        data,
        bureauid: this.bureauId,
        actorid: 'admin',
        correlationid: newId(),
        causationid: id,
        streamid: `directory-${this.bureauId}`,
        streamrevision: this.events.length,
        hash: 'a'.repeat(64),
      },
    });
    return this;
  }

  bureau(name: string, parentBureauId?: string): this {
    return this.add('bureau-registered', this.bureauId, `bureaus/${this.bureauId}`, { bureauId: this.bureauId, name, level: 'city', ...(parentBureauId ? { parentBureauId } : {}) });
  }

  unit(orgUnitId: string, type: string, name: string, parentId?: string): this {
    return this.add('org-unit-added', orgUnitId, `org-units/${orgUnitId}`, { orgUnitId, bureauId: this.bureauId, type, name, ...(parentId ? { parentId } : {}) });
  }

  member(memberId: string, name: string, place: { groupId?: string; branchId?: string; partyStatus?: string; roles?: string[]; joinedOn: string }): this {
    const { groupId, branchId, partyStatus = 'full', roles = ['member'], joinedOn } = place;
    return this.add('member-added', memberId, `members/${memberId}`, { memberId, bureauId: this.bureauId, name, partyStatus, roles, joinedOn, ...(groupId ? { groupId } : {}), ...(branchId ? { branchId } : {}) });
  }

  office(year: number, staff: string[]): this {
    return this.add('appraisal-office-assigned', this.bureauId, `bureaus/${this.bureauId}/appraisal-office/${year}`, { bureauId: this.bureauId, year, staff: staff.map((memberId) => ({ memberId, duty: '考核' })) });
  }

  /** A book submitted and published (individual or paired), with its items. */
  book(pledgeId: string, year: number, memberIds: string[], place: { groupId: string; branchId: string }, items: Array<Record<string, unknown>>, publishedAt: string): this {
    const pledger = { type: memberIds.length > 1 ? 'paired' : 'individual', memberIds };
    this.add('pledge-submitted', pledgeId, `pledges/${pledgeId}`, { pledgeId, bureauId: this.bureauId, year, pledger, ...place, round: 1, items: items.map((item, i) => ({ no: i + 1, ...item })) });
    return this.add('pledge-published', pledgeId, `pledges/${pledgeId}`, { pledgeId, publicationId: newId(), publishedAt });
  }

  progress(pledgeId: string, itemNo: number, recordedOn: string, extra: Record<string, unknown> = {}): this {
    return this.add('progress-recorded', pledgeId, `pledges/${pledgeId}`, { pledgeId, recordId: newId(), itemNo, recordedOn, narrative: '走访帮扶', evidence: [], recordedBy: 'admin', ...extra });
  }

  async publish(dataDir: string): Promise<void> {
    const bus = await openMessageBus(`sqlite:${join(dataDir, 'bus.db')}`);
    try {
      await bus.publish(Topics.pledge, this.events.splice(0));
    } finally {
      await bus.close();
    }
  }
}
