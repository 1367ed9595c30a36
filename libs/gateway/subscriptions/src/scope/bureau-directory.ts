import type { ReadModelStore } from '@pledgebook/read-model';
import type { BureauScope } from '../model/subscription';
import { BureauTree, scopeDecision, type ScopeDecision } from './bureau-tree';

/** The gateway's view of the bureaus (built from the `bureau-registered` facts it recorded). */
export const BUREAUS = 'bureaus';

export interface BureauDocument {
  _id: string;
  bureauId: string;
  name: string;
  parentBureauId?: string;
  [key: string]: unknown;
}

export interface BureauSource {
  /** The hierarchy, at most `maxAgeMs` old. */
  tree(maxAgeMs?: number): Promise<BureauTree>;
}

/** Reads the bureau view, cached for a second; a caller that met an unknown bureau asks for a fresher one. */
export class BureauDirectory implements BureauSource {
  private cached?: { tree: BureauTree; at: number };
  private loading?: Promise<BureauTree>;

  constructor(
    private readonly views: ReadModelStore,
    private readonly now: () => number = Date.now,
  ) {}

  async tree(maxAgeMs = 1_000): Promise<BureauTree> {
    if (this.cached && this.now() - this.cached.at <= maxAgeMs) return this.cached.tree;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<BureauTree> {
    const at = this.now();
    const nodes: BureauDocument[] = [];
    const bureaus = this.views.collection<BureauDocument>(BUREAUS);
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await bureaus.find({}, { limit: 1_000, ...(cursor ? { cursor } : {}) });
      nodes.push(...page.items);
      cursor = page.nextCursor;
    }
    const tree = new BureauTree(nodes);
    this.cached = { tree, at };
    return tree;
  }
}

/** The scope decision for an event; when its bureau is not in the cached tree, asks again with a fresher one. */
export async function decideScope(bureaus: BureauSource, event: { bureauid?: string; time: number }, scope: BureauScope, nowMs: number, graceMs: number): Promise<ScopeDecision> {
  const decide = (tree: BureauTree) => scopeDecision(event.bureauid, scope, tree, event.time, nowMs, graceMs);
  const first = decide(await bureaus.tree());
  return first === 'wait' ? decide(await bureaus.tree(200)) : first;
}
