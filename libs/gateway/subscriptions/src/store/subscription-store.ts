import type { Filter, IndexSpec, Page, ReadModelStore } from '@pledgebook/read-model';
import { COLLECTIONS, type AttemptDocument, type CursorDocument, type ParkedDocument, type SubscriptionDocument, type SubscriptionRecord } from '../model/subscription';
import type { SealedSecret, SecretBox } from '../webhooks/secret-box';

/** A signing secret as the store holds it: sealed (ADR 0082), or in plain text in rows written before that. */
interface StoredSecret {
  secretId: string;
  createdAt: string;
  expiresAt?: string;
  sealed?: SealedSecret;
  secret?: string;
}

/** A subscription as stored: its secrets sealed. */
type StoredSubscription = SubscriptionRecord<StoredSecret>;

const place = (subscriptionId: string, secretId: string) => `subscription/${subscriptionId}/secret/${secretId}`;

export const SUBSCRIPTION_INDEXES: Readonly<Record<string, readonly IndexSpec[]>> = {
  [COLLECTIONS.subscriptions]: [{ fields: ['owner.bureauId', 'owner.subscriberId'] }],
  [COLLECTIONS.attempts]: [{ fields: ['subscriptionId', 'attemptedAt'] }, { fields: ['attemptedAt'] }],
  [COLLECTIONS.parked]: [{ fields: ['subscriptionId', 'redeliver'] }],
};

/** The pending writes of the delivery worker, committed together. */
export interface DeliveryWrites {
  cursors: CursorDocument[];
  attempts: AttemptDocument[];
  parkedDeleted: string[];
}

/**
 * Subscriptions and their delivery state in the gateway's document store (the read-model port:
 * SQLite or MongoDB), so API replicas and the one delivery worker share them. This is state, not
 * a view: it is not rebuilt from events.
 */
export class SubscriptionStore {
  constructor(
    private readonly views: ReadModelStore,
    private readonly box: SecretBox,
  ) {}

  async ensureIndexes(): Promise<void> {
    for (const [name, specs] of Object.entries(SUBSCRIPTION_INDEXES)) await this.views.ensureIndexes(name, specs);
  }

  /** A subscription with its secrets opened; a row with a plain-text secret, or one sealed under an older key, is sealed again. */
  async get(subscriptionId: string): Promise<SubscriptionDocument | undefined> {
    const stored = await this.views.collection<StoredSubscription>(COLLECTIONS.subscriptions).findById(subscriptionId);
    return stored ? this.opened(stored, true) : undefined;
  }

  /** A page of subscriptions, for views: their secrets are not opened (a list never shows one). */
  async list(filter: Filter, limit: number, cursor?: string): Promise<Page<SubscriptionDocument>> {
    const page = await this.views.collection<StoredSubscription>(COLLECTIONS.subscriptions).find(filter, { sort: { createdAt: 1 }, limit, ...(cursor ? { cursor } : {}) });
    return { ...page, items: page.items.map((doc) => ({ ...doc, secrets: doc.secrets.map(({ secretId, createdAt, expiresAt }) => ({ secretId, createdAt, ...(expiresAt ? { expiresAt } : {}), secret: '' })) })) };
  }

  /** Every subscription with its secrets opened (the worker's refresh, which so seals old rows soon after a start or a key change). */
  async all(): Promise<SubscriptionDocument[]> {
    const found: SubscriptionDocument[] = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await this.views.collection<StoredSubscription>(COLLECTIONS.subscriptions).find({}, { sort: { createdAt: 1 }, limit: 500, ...(cursor ? { cursor } : {}) });
      for (const stored of page.items) found.push(await this.opened(stored, true));
      cursor = page.nextCursor;
    }
    return found;
  }

  /** A new subscription and where its delivery starts, together. */
  async create(doc: SubscriptionDocument, positions: number[], now: string): Promise<void> {
    await this.views.transaction(async (tx) => {
      await tx.collection<StoredSubscription>(COLLECTIONS.subscriptions).replace(this.sealed(doc));
      await tx.collection<CursorDocument>(COLLECTIONS.cursors).replace({ _id: doc.subscriptionId, positions, updatedAt: now });
    });
  }

  /** Changes a subscription in a transaction (read, change, write); undefined when it is gone. */
  async change(subscriptionId: string, fn: (doc: SubscriptionDocument) => SubscriptionDocument | undefined): Promise<SubscriptionDocument | undefined> {
    return this.views.transaction(async (tx) => {
      const subs = tx.collection<StoredSubscription>(COLLECTIONS.subscriptions);
      const stored = await subs.findById(subscriptionId);
      if (!stored) return undefined;
      const current = await this.opened(stored, false);
      const next = fn(current);
      if (!next || next === current) return current;
      const written = { ...next, version: current.version + 1 };
      await subs.replace(this.sealed(written));
      return written;
    });
  }

  private sealed(doc: SubscriptionDocument): StoredSubscription {
    return {
      ...doc,
      secrets: doc.secrets.map(({ secretId, secret, createdAt, expiresAt }) => ({ secretId, createdAt, ...(expiresAt ? { expiresAt } : {}), sealed: this.box.seal(secret, place(doc.subscriptionId, secretId)) })),
    };
  }

  /**
   * Opens a stored row's secrets. With `migrate`, a row holding a secret in plain text or sealed
   * under an older key is written again sealed under the current key — only its secrets, and only
   * if they have not changed meanwhile (the row's version is kept: nothing about it changed).
   */
  private async opened(stored: StoredSubscription, migrate: boolean): Promise<SubscriptionDocument> {
    const doc: SubscriptionDocument = {
      ...stored,
      secrets: stored.secrets.map(({ secretId, createdAt, expiresAt, sealed, secret }) => ({
        secretId,
        createdAt,
        ...(expiresAt ? { expiresAt } : {}),
        secret: sealed ? this.box.open(sealed, place(stored.subscriptionId, secretId)) : (secret ?? ''),
      })),
    };
    if (migrate && stored.secrets.some((s) => this.box.stale(s))) {
      await this.views.transaction(async (tx) => {
        const subs = tx.collection<StoredSubscription>(COLLECTIONS.subscriptions);
        const now = await subs.findById(stored.subscriptionId);
        if (now && now.version === stored.version && JSON.stringify(now.secrets) === JSON.stringify(stored.secrets)) await subs.replace({ ...now, secrets: this.sealed(doc).secrets });
      });
    }
    return doc;
  }

  async delete(subscriptionId: string): Promise<void> {
    const parked = await this.parked(subscriptionId);
    await this.views.transaction(async (tx) => {
      await tx.collection(COLLECTIONS.subscriptions).delete(subscriptionId);
      await tx.collection(COLLECTIONS.cursors).delete(subscriptionId);
      for (const p of parked) await tx.collection(COLLECTIONS.parked).delete(p._id);
    });
  }

  cursor(subscriptionId: string): Promise<CursorDocument | undefined> {
    return this.views.collection<CursorDocument>(COLLECTIONS.cursors).findById(subscriptionId);
  }

  /** Newest first; within a millisecond, by attempt id (a UUIDv7: in the order the attempts were made). */
  attempts(subscriptionId: string, limit: number, cursor?: string): Promise<Page<AttemptDocument>> {
    return this.views.collection<AttemptDocument>(COLLECTIONS.attempts).find({ subscriptionId }, { sort: { attemptedAt: -1, attemptId: -1 }, limit, ...(cursor ? { cursor } : {}) });
  }

  async parked(subscriptionId: string, onlyRedeliver = false): Promise<ParkedDocument[]> {
    const found: ParkedDocument[] = [];
    const filter = { subscriptionId, ...(onlyRedeliver ? { redeliver: true } : {}) };
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await this.views.collection<ParkedDocument>(COLLECTIONS.parked).find(filter, { sort: { parkedAt: 1, seq: 1 }, limit: 500, ...(cursor ? { cursor } : {}) });
      found.push(...page.items);
      cursor = page.nextCursor;
    }
    return found;
  }

  /** Marks these parked deliveries (read with `parked`) for redelivery and asks the worker to send them (resuming the subscription). */
  async requestRedelivery(subscriptionId: string, parked: readonly ParkedDocument[], request: { requestId: string; requestedAt: string }): Promise<number> {
    await this.views.transaction(async (tx) => {
      for (const p of parked) await tx.collection<ParkedDocument>(COLLECTIONS.parked).update(p._id, { $set: { redeliver: true } });
      const subs = tx.collection<StoredSubscription>(COLLECTIONS.subscriptions);
      const sub = await subs.findById(subscriptionId);
      if (sub) {
        const { pausedReason: _r, pausedAt: _a, ...rest } = sub;
        await subs.replace({ ...rest, status: 'active', redeliver: request, version: sub.version + 1 } as StoredSubscription);
      }
    });
    return parked.length;
  }

  /**
   * The worker's batched writes: cursors, attempts and resolved parked deliveries. Losing the
   * last batch to a machine crash means those events go out again — which receivers deduplicate —
   * so the commit does not wait for the disk flush.
   */
  async commit(writes: DeliveryWrites): Promise<void> {
    if (writes.cursors.length + writes.attempts.length + writes.parkedDeleted.length === 0) return;
    await this.views.transaction(
      async (tx) => {
        for (const c of writes.cursors) await tx.collection<CursorDocument>(COLLECTIONS.cursors).replace(c);
        for (const a of writes.attempts) await tx.collection<AttemptDocument>(COLLECTIONS.attempts).replace(a);
        for (const id of writes.parkedDeleted) await tx.collection(COLLECTIONS.parked).delete(id);
      },
      { rebuildable: true },
    );
  }

  /** Gives a delivery up: parks its events (or updates the parked ones), moves the cursor and pauses the subscription — in one durable commit. */
  async park(parked: readonly ParkedDocument[], cursor: CursorDocument, attempt: AttemptDocument, reason: string, at: string): Promise<SubscriptionDocument | undefined> {
    const paused = await this.views.transaction(async (tx) => {
      for (const p of parked) await tx.collection<ParkedDocument>(COLLECTIONS.parked).replace(p);
      await tx.collection<CursorDocument>(COLLECTIONS.cursors).replace(cursor);
      await tx.collection<AttemptDocument>(COLLECTIONS.attempts).replace(attempt);
      const subs = tx.collection<StoredSubscription>(COLLECTIONS.subscriptions);
      const sub = await subs.findById(cursor._id);
      if (!sub) return undefined;
      const paused: StoredSubscription = { ...sub, status: 'paused', pausedReason: reason, pausedAt: at, version: sub.version + 1 };
      await subs.replace(paused);
      return paused;
    });
    return paused ? this.opened(paused, false) : undefined;
  }

  /** Attempts older than `before` (ISO time) are forgotten, a page at a time. Returns how many went. */
  async pruneAttempts(before: string, max = 500): Promise<number> {
    const page = await this.views.collection<AttemptDocument>(COLLECTIONS.attempts).find({ attemptedAt: { $lt: before } }, { sort: { attemptedAt: 1 }, limit: max });
    if (page.items.length === 0) return 0;
    await this.views.transaction(async (tx) => {
      for (const a of page.items) await tx.collection(COLLECTIONS.attempts).delete(a._id);
    }, { rebuildable: true });
    return page.items.length;
  }
}
