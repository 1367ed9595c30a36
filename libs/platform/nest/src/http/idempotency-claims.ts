import type { ReadModelStore } from '@pledgebook/read-model';

const COLLECTION = '_idempotency';

/** A finished request's response, kept for replays. */
export interface StoredResponse {
  _id: string;
  requestHash: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  storedAt: string;
  [key: string]: unknown;
}

/** A request in progress: its handler holds the key until `until` (epoch ms). */
interface PendingClaim {
  _id: string;
  requestHash: string;
  pending: true;
  owner: string;
  until: number;
  [key: string]: unknown;
}

type Entry = StoredResponse | PendingClaim;
const isPending = (entry: Entry): entry is PendingClaim => entry.pending === true;

export type ClaimOutcome = { outcome: 'claimed' } | { outcome: 'done'; stored: StoredResponse } | { outcome: 'busy' } | { outcome: 'reused' };

/**
 * Idempotency keys in the service's read-model store, shared by all its API replicas. A key is
 * claimed in a store transaction (SQLite serialises writers; MongoDB aborts one of two
 * conflicting transactions), so of two replicas receiving the same key only one runs the
 * write; the other waits for the stored response. A claim is renewed while its request runs,
 * so the claim of a process that died expires within seconds and a retry can run.
 */
export class IdempotencyClaims {
  constructor(
    private readonly views: ReadModelStore,
    /** How long a claim holds unless its holder renews it: a process that died frees its keys this fast. */
    private readonly claimMs = 6_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(id: string, requestHash: string, owner: string): Promise<ClaimOutcome> {
    try {
      return await this.views.transaction(async (tx) => {
        const entries = tx.collection<Entry>(COLLECTION);
        const current = await entries.findById(id);
        if (current && current.requestHash !== requestHash) return { outcome: 'reused' } as const;
        if (current && !isPending(current)) return { outcome: 'done', stored: current } as const;
        if (current && isPending(current) && current.owner !== owner && current.until > this.now()) return { outcome: 'busy' } as const;
        await entries.replace({ _id: id, requestHash, pending: true, owner, until: this.now() + this.claimMs });
        return { outcome: 'claimed' } as const;
      });
    } catch {
      // Another replica's claim won the race (MongoDB write conflict): look again shortly.
      return { outcome: 'busy' };
    }
  }

  /** Renews the claim while its request runs (every third of its lifetime); call the result when done. */
  keep(id: string, owner: string): () => void {
    const timer = setInterval(() => {
      void this.views
        .transaction(async (tx) => {
          const entries = tx.collection<Entry>(COLLECTION);
          const current = await entries.findById(id);
          if (current && isPending(current) && current.owner === owner) await entries.replace({ ...current, until: this.now() + this.claimMs });
        })
        .catch(() => undefined);
    }, Math.floor(this.claimMs / 3));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Replaces the claim with the response. */
  async complete(response: StoredResponse): Promise<void> {
    await this.views.transaction((tx) => tx.collection<Entry>(COLLECTION).replace(response));
  }

  /** Gives a claim up (the request failed), if it is still ours. */
  async release(id: string, owner: string): Promise<void> {
    await this.views.transaction(async (tx) => {
      const entries = tx.collection<Entry>(COLLECTION);
      const current = await entries.findById(id);
      if (current && isPending(current) && current.owner === owner) await entries.delete(id);
    });
  }
}
