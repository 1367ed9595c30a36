import { Topics } from '@pledgebook/contracts';
import { newId } from '@pledgebook/util';
import { BusFacts } from './bus-facts';

/**
 * Publishes pledge-service integration events to the bus the appraisal service reads, as the
 * pledge service would: the directory, the appraisal office, published books and their records.
 */
export class PledgeFacts extends BusFacts {
  constructor(bureauId: string) {
    super(bureauId, { service: 'pledge-service', topic: Topics.pledge, actorId: 'admin', streamId: () => `directory-${bureauId}`, hash: 'a'.repeat(64) });
  }

  /** One pledge-service event, by its name (`member-added` for `pledgebook.pledge.member-added.v1`). */
  protected override add(name: string, key: string, subject: string, data: Record<string, unknown>): this {
    return super.add(`pledgebook.pledge.${name}.v1`, key, subject, data);
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
}
