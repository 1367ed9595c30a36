import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import { EVENT_STORE, READ_MODELS, type Principal } from '@pledgebook/nest';
import { notFound, type PledgeState } from '@pledgebook/pledge-domain';
import type { ReadModelStore } from '@pledgebook/read-model';
import { DirectoryRepository } from '../directory/directory.repository';
import { canSeePledge, requireBureau, type Placement } from '../http/access';
import { MEMBERS, scopedId, type MemberView } from '../projections/directory.projection';
import { pledgeStream } from '../streams';
import { PledgeRepository } from './pledge.repository';

/** What a caller may read of a pledge book: its bureau (or a parent's auditor), and before publication its pledgers, unit and overseers. */
@Injectable()
export class ReadablePledges {
  constructor(
    private readonly pledges: PledgeRepository,
    private readonly directory: DirectoryRepository,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
  ) {}

  /** The caller's units, looked up only when a collective draft asks for them. */
  private async placementOf(principal: Principal, state: PledgeState): Promise<Placement | undefined> {
    if (state.pledger.type !== 'collective' || state.status === 'published' || state.status === 'closed') return undefined;
    return this.views.collection<MemberView>(MEMBERS).findById(scopedId(principal.bureauId, principal.subject));
  }

  /** Loads a pledge the principal may read: 404 when it does not exist (or is not theirs to know of). */
  async readable(pledgeId: string, principal: Principal, asOf?: string) {
    const loaded = await this.pledges.load(pledgeId, asOf);
    const exists = loaded.state.status !== 'none';
    if (!exists) {
      if (asOf && (await this.events.streamRevision(pledgeStream(pledgeId))) !== undefined) {
        const current = await this.pledges.load(pledgeId);
        requireBureau(principal, current.state.bureauId, `pledge ${pledgeId}`, { write: false, ancestorsOf: () => [] });
        throw notFound('pledge', `${pledgeId} as of ${asOf}`);
      }
      throw notFound('pledge', pledgeId);
    }
    const ancestors = await this.directory.ancestors(loaded.state.bureauId);
    requireBureau(principal, loaded.state.bureauId, `pledge ${pledgeId}`, { write: false, ancestorsOf: () => ancestors });
    if (!canSeePledge(principal, loaded.state, await this.placementOf(principal, loaded.state))) throw notFound('pledge', pledgeId);
    return loaded;
  }
}
