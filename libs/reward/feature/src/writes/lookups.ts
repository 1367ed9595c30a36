import { Inject, Injectable } from '@nestjs/common';
import { READ_MODELS } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { currentPolicy, currentScheme, initialGrantState, initialResearchWorkState, initialSelectionState, type Basis, type FinalResult, type GrantFacts, type Recipient } from '@pledgebook/reward-domain';
import { all } from '../projections/all';
import { MEMBERS, ORG_UNITS, RESULTS, scopedId, type MemberView, type OrgUnitView, type ResultView } from '../projections/views';
import { STAT_ROLLUPS, type RollupDoc } from '../statistics/statistics.views';
import { grantStream, policyStream, researchSchemeStream, researchWorkStream, selectionStream } from '../streams';
import { RewardWrites } from './reward-writes';

/** What commands need to know besides their own stream: the directory, results, policies, other records. */
@Injectable()
export class RewardLookups {
  constructor(
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    private readonly writes: RewardWrites,
  ) {}

  /** A member, with their branch taken from their group when the directory names only the group. */
  async member(bureauId: string, memberId: string): Promise<MemberView | undefined> {
    const member = await this.views.collection<MemberView>(MEMBERS).findById(scopedId(bureauId, memberId));
    if (!member || member.branchId || !member.groupId) return member;
    const group = await this.unit(bureauId, member.groupId);
    return group?.parentId ? { ...member, branchId: group.parentId } : member;
  }

  unit(bureauId: string, orgUnitId: string): Promise<OrgUnitView | undefined> {
    return this.views.collection<OrgUnitView>(ORG_UNITS).findById(scopedId(bureauId, orgUnitId));
  }

  /** The bureau's final results (every year: the consecutive rule looks back). */
  async results(bureauId: string, memberId?: string): Promise<FinalResult[]> {
    const found = await all<ResultView>(this.views, RESULTS, { bureauId, ...(memberId ? { memberId } : {}) });
    return found.map(({ memberId: m, roundId, year, half, grade }) => ({ memberId: m, roundId, year, half, grade }));
  }

  async policy(bureauId: string, year: number) {
    return currentPolicy((await this.writes.policies.load(policyStream(bureauId, year))).state);
  }

  async scheme(bureauId: string, year: number) {
    return currentScheme((await this.writes.schemes.load(researchSchemeStream(bureauId, year))).state);
  }

  /** Years in which the system holds the bureau's pledge books. */
  async systemYears(bureauId: string): Promise<number[]> {
    const rollups = await all<RollupDoc>(this.views, STAT_ROLLUPS, { bureauId });
    return rollups.filter((r) => r.books.length > 0).map((r) => r.year);
  }

  /** Whether a grant's recipient is known and its basis exists and concerns the recipient. */
  async grantFacts(bureauId: string, recipient: Recipient, basis: Basis): Promise<GrantFacts> {
    const recipientKnown = recipient.type === 'member' ? !!(await this.member(bureauId, recipient.id)) : !!(await this.unit(bureauId, recipient.id));
    const isMember = (id: string) => recipient.type === 'member' && recipient.id === id;
    switch (basis.type) {
      case 'activity':
        return { recipientKnown, basis: { found: true, concernsRecipient: true } };
      case 'result': {
        const [roundId, memberId] = [basis.id.slice(0, basis.id.lastIndexOf('/')), basis.id.slice(basis.id.lastIndexOf('/') + 1)];
        const found = (await this.views.collection<ResultView>(RESULTS).findOne({ bureauId, memberId, roundId })) !== undefined;
        return { recipientKnown, basis: { found, concernsRecipient: isMember(memberId) } };
      }
      case 'selection': {
        const { state } = await this.writes.selections.load(selectionStream(basis.id), { initialState: () => initialSelectionState(basis.id) });
        const found = state.bureauId === bureauId && state.status === 'announced';
        return { recipientKnown, basis: { found, concernsRecipient: found && recipient.type === 'member' && !!state.decision?.selected.includes(recipient.id) } };
      }
      case 'research-work': {
        const { state } = await this.writes.works.load(researchWorkStream(basis.id), { initialState: () => initialResearchWorkState(basis.id) });
        const found = state.bureauId === bureauId && state.status === 'rated';
        return { recipientKnown, basis: { found, concernsRecipient: found && recipient.type === 'member' && state.authors.includes(recipient.id) } };
      }
    }
  }

  /** A grant's state by id within a bureau. */
  async grant(bureauId: string, grantId: string) {
    return this.writes.grants.load(grantStream(bureauId, grantId), { initialState: () => initialGrantState(grantId) });
  }
}
