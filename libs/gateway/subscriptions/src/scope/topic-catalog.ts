import type { EventContract } from '@pledgebook/contracts';
import { invalid } from '@pledgebook/util';

/** The topics outside systems may subscribe to, and the event types on each (from the contract catalog). */
export class TopicCatalog {
  private readonly types = new Map<string, Set<string>>();

  constructor(contracts: readonly EventContract[]) {
    for (const c of contracts) this.types.set(c.topic, (this.types.get(c.topic) ?? new Set()).add(c.type));
  }

  topics(): string[] {
    return [...this.types.keys()].sort();
  }

  /** Unknown topic or types → 422 naming them. */
  check(topic: string, types: readonly string[] | undefined): void {
    const known = this.types.get(topic);
    if (!known) throw invalid('unknown_topic', `no topic ${topic}; topics: ${this.topics().join(', ')}`, { field: 'topic' });
    const unknown = (types ?? []).filter((t) => !known.has(t));
    if (unknown.length > 0) throw invalid('unknown_types', `not on ${topic}: ${unknown.join(', ')}`, { field: 'types', unknown });
  }
}
