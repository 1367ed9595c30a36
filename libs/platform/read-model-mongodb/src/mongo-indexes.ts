import type { ClientSession } from 'mongodb';
import type { IndexSpec } from '@pledgebook/read-model';

/** What preparing collections needs of the database (a recording stand-in in the unit test). */
export interface CollectionCatalog {
  /** The index specs registered for a logical collection (the `_indexes` registry). */
  registeredSpecs(name: string): Promise<IndexSpec[]>;
  /** Whether a physical collection exists (a catalog read, outside any transaction). */
  exists(target: string): Promise<boolean>;
  /** Creates the collection and its indexes; with a session, inside that transaction. */
  create(target: string, specs: readonly IndexSpec[], session?: ClientSession): Promise<void>;
  /** Creates indexes on an existing collection (outside any transaction). */
  createIndexes(target: string, specs: readonly IndexSpec[]): Promise<void>;
}

/**
 * Makes sure a collection has its indexes before documents go in, without racing the write:
 * a collection that does not exist yet is created with its indexes inside the transaction of
 * its first write (MongoDB allows that for new collections), so the two commit together.
 * Creating them beside the open transaction instead took catalog locks the transaction
 * conflicted with, and every conflict was a wasted retry. Existing collections get their
 * indexes from `declare`, outside any transaction. What is known stays known: specs are read
 * once per name, and a collection prepared once is never looked up again.
 */
export class PreparedCollections {
  private readonly prepared = new Set<string>();
  private readonly specs = new Map<string, readonly IndexSpec[]>();

  constructor(private readonly catalog: CollectionCatalog) {}

  /** New specs for `name`, applied now to its existing collections (`targets`). */
  async declare(name: string, specs: readonly IndexSpec[], targets: readonly string[]): Promise<void> {
    this.specs.set(name, specs);
    for (const target of targets) {
      await this.catalog.createIndexes(target, specs);
      this.prepared.add(target);
    }
  }

  /**
   * Before the first write to `target` in a transaction. What it creates is only `pending`
   * until the transaction commits (`committed`): an aborted one created nothing.
   */
  async beforeWrite(name: string, target: string, session: ClientSession, pending: Set<string>): Promise<void> {
    if (this.prepared.has(target) || pending.has(target)) return;
    if (!(await this.catalog.exists(target))) await this.catalog.create(target, await this.specsOf(name), session);
    pending.add(target);
  }

  committed(pending: Iterable<string>): void {
    for (const target of pending) this.prepared.add(target);
  }

  forget(target: string): void {
    this.prepared.delete(target);
  }

  private async specsOf(name: string): Promise<readonly IndexSpec[]> {
    let specs = this.specs.get(name);
    if (!specs) {
      specs = await this.catalog.registeredSpecs(name);
      this.specs.set(name, specs);
    }
    return specs;
  }
}
