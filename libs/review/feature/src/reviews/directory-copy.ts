import { Inject, Injectable } from '@nestjs/common';
import { READ_MODELS } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import type { PledgerPlace, ReviewState } from '@pledgebook/review-domain';
import { all } from '../projections/all';
import { MEMBERS, scopedId, type MemberView } from '../projections/views';

/** A pledger the directory copy does not know yet: the consumer retries the submission until it does. */
export class PledgerNotYetKnown extends Error {
  constructor(bureauId: string, memberId: string) {
    super(`member ${memberId} of bureau ${bureauId} is not in the review service's directory copy yet`);
    this.name = 'PledgerNotYetKnown';
  }
}

/** What the reviews need from this service's copy of the directory (ADR 0019). */
@Injectable()
export class DirectoryCopy {
  constructor(@Inject(READ_MODELS) private readonly views: ReadModelStore) {}

  /** Each pledger's roles, group and branch, in the pledger's order. */
  async placesOf(bureauId: string, memberIds: readonly string[]): Promise<PledgerPlace[]> {
    const places: PledgerPlace[] = [];
    for (const memberId of memberIds) {
      const member = await this.views.collection<MemberView>(MEMBERS).findById(scopedId(bureauId, memberId));
      // The pledge service accepted the book, so the member exists: the copy is behind (another partition, a projection catching up).
      if (!member) throw new PledgerNotYetKnown(bureauId, memberId);
      places.push({ memberId, roles: member.roles ?? [], ...(member.groupId ? { groupId: member.groupId } : {}), ...(member.branchId ? { branchId: member.branchId } : {}) });
    }
    return places;
  }

  /** Who may attend the deciding body's meeting: the branch's members, or the leading party group's. */
  async bodyMembersOf(state: Pick<ReviewState, 'bureauId' | 'branchId' | 'decidingBody'>): Promise<string[]> {
    const filter = state.decidingBody === 'leading-group' ? { bureauId: state.bureauId, roles: 'leading-group' } : { bureauId: state.bureauId, branchId: state.branchId };
    return (await all<MemberView>(this.views, MEMBERS, filter)).map((m) => m.memberId);
  }
}
