import { Inject, Injectable } from '@nestjs/common';
import { READ_MODELS, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import type { Reviewer } from '@pledgebook/review-domain';
import { MEMBERS, scopedId, type MemberView } from '../projections/views';

/** The caller as a reviewer: roles from the token, place in the party organisation from the directory. */
@Injectable()
export class Reviewers {
  constructor(@Inject(READ_MODELS) private readonly views: ReadModelStore) {}

  async of(principal: Principal): Promise<Reviewer & { name?: string }> {
    const placed = await this.views.collection<MemberView>(MEMBERS).findById(scopedId(principal.bureauId, principal.subject));
    return {
      memberId: principal.subject,
      roles: principal.roles,
      ...(placed?.groupId ? { groupId: placed.groupId } : {}),
      ...(placed?.branchId ? { branchId: placed.branchId } : {}),
      ...(placed?.name ? { name: placed.name } : {}),
    };
  }
}
