import type { BureauScope } from '../model/subscription';

export interface BureauNode {
  bureauId: string;
  parentBureauId?: string;
}

export type Relation = 'within' | 'outside' | 'unknown';

/** The bureau hierarchy as the gateway learned it from `bureau-registered` events. */
export class BureauTree {
  private readonly parents = new Map<string, string | undefined>();

  constructor(nodes: readonly BureauNode[] = []) {
    for (const node of nodes) this.parents.set(node.bureauId, node.parentBureauId);
  }

  knows(bureauId: string): boolean {
    return this.parents.has(bureauId);
  }

  get size(): number {
    return this.parents.size;
  }

  /**
   * Whether `bureauId` is `ancestorId` or lies under it. `unknown` when the chain of parents
   * reaches a bureau the gateway has not learned yet.
   */
  relation(bureauId: string, ancestorId: string): Relation {
    const seen = new Set<string>();
    for (let current: string | undefined = bureauId; current !== undefined; ) {
      if (current === ancestorId) return 'within';
      if (seen.has(current)) return 'outside';
      seen.add(current);
      if (!this.parents.has(current)) return 'unknown';
      current = this.parents.get(current);
    }
    return 'outside';
  }

  /** `bureauId` and every bureau known under it. */
  subtree(bureauId: string): string[] {
    return [bureauId, ...[...this.parents.keys()].filter((b) => b !== bureauId && this.relation(b, bureauId) === 'within')];
  }
}

export type ScopeDecision = 'in' | 'out' | 'wait';

/**
 * Whether an event of `bureauId` belongs to the scope. An event of a bureau the gateway has not
 * learned yet (its registration may still be on its way) waits while it is younger than `graceMs`,
 * and is outside the scope after that: a subscriber never receives what it cannot be shown to be
 * entitled to.
 */
export function scopeDecision(bureauId: string | undefined, scope: BureauScope, tree: BureauTree, eventTimeMs: number, nowMs: number, graceMs: number): ScopeDecision {
  if (!bureauId) return 'out';
  if (bureauId === scope.bureauId) return 'in';
  if (!scope.includeDescendants) return 'out';
  const relation = tree.relation(bureauId, scope.bureauId);
  if (relation === 'within') return 'in';
  if (relation === 'outside') return 'out';
  return nowMs - eventTimeMs < graceMs ? 'wait' : 'out';
}
