import { Inject, Injectable } from '@nestjs/common';
import { READ_MODELS, requireBureau, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { BUREAUS, type BureauView } from '../projections/views';

/** Bureau isolation with the hierarchy this service learns from the bus. */
@Injectable()
export class Bureaus {
  constructor(@Inject(READ_MODELS) private readonly views: ReadModelStore) {}

  /** The bureau's parent authorities, nearest first. */
  async ancestorsOf(bureauId: string): Promise<string[]> {
    const chain: string[] = [];
    for (let id: string | undefined = bureauId; id && chain.length < 10; ) {
      const parent: string | undefined = (await this.views.collection<BureauView>(BUREAUS).findById(id))?.parentBureauId;
      if (!parent || chain.includes(parent)) break;
      chain.push(parent);
      id = parent;
    }
    return chain;
  }

  async name(bureauId: string): Promise<string | undefined> {
    return (await this.views.collection<BureauView>(BUREAUS).findById(bureauId))?.name;
  }

  /** Reads stay in the bureau, except for a parent authority's auditor. */
  async requireReadable(principal: Principal, bureauId: string, what: string): Promise<void> {
    const ancestors = principal.bureauId === bureauId ? [] : await this.ancestorsOf(bureauId);
    requireBureau(principal, bureauId, what, { write: false, ancestorsOf: () => ancestors });
  }
}
