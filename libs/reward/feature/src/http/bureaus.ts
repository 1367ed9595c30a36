import { Inject, Injectable } from '@nestjs/common';
import { READ_MODELS, requireBureau, type BureauHierarchy, type Principal } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { BUREAUS, type BureauView } from '../projections/views';
import { all } from '../projections/all';

/** The bureau hierarchy as the service learned it from bureau-registered events. */
@Injectable()
export class Bureaus implements BureauHierarchy {
  constructor(@Inject(READ_MODELS) private readonly views: ReadModelStore) {}

  async get(bureauId: string): Promise<BureauView | undefined> {
    return this.views.collection<BureauView>(BUREAUS).findById(bureauId);
  }

  /** The bureau's parent authorities, nearest first. */
  async ancestorsOf(bureauId: string): Promise<string[]> {
    const chain: string[] = [];
    for (let id: string | undefined = bureauId; id && chain.length < 10; ) {
      const parent: string | undefined = (await this.get(id))?.parentBureauId;
      if (!parent || chain.includes(parent)) break;
      chain.push(parent);
      id = parent;
    }
    return chain;
  }

  /** The whole hierarchy, read once (roll-ups walk it in memory). */
  async hierarchy(): Promise<Hierarchy> {
    return new Hierarchy(await all<BureauView>(this.views, BUREAUS, {}));
  }

  /** A record read by id stays in its bureau, but for a parent authority's auditor (as `@BureauAccess` does for a path or query). */
  async requireReadable(principal: Principal, bureauId: string, what: string): Promise<void> {
    const ancestors = principal.bureauId === bureauId ? [] : await this.ancestorsOf(bureauId);
    requireBureau(principal, bureauId, what, { write: false, ancestorsOf: () => ancestors });
  }
}

/** Bureaus and their parents, in memory. */
export class Hierarchy {
  private readonly children = new Map<string, string[]>();
  private readonly names = new Map<string, string>();

  constructor(bureaus: readonly BureauView[]) {
    for (const b of [...bureaus].sort((x, y) => (x.bureauId < y.bureauId ? -1 : 1))) {
      this.names.set(b.bureauId, b.name);
      if (b.parentBureauId) this.children.set(b.parentBureauId, [...(this.children.get(b.parentBureauId) ?? []), b.bureauId]);
    }
  }

  name = (bureauId: string) => this.names.get(bureauId) ?? bureauId;
  childrenOf = (bureauId: string) => this.children.get(bureauId) ?? [];

  /** The bureau and every bureau under it (a cycle in the data is walked once). */
  subtreeOf(bureauId: string): string[] {
    const found = [bureauId];
    for (let i = 0; i < found.length; i++) for (const child of this.childrenOf(found[i]!)) if (!found.includes(child)) found.push(child);
    return found;
  }
}
