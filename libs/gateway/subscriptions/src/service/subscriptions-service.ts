import type { MessageBus } from '@pledgebook/message-bus';
import { forbidden, invalid, newId, notFound } from '@pledgebook/util';
import { subscriptionView, type BureauScope, type Owner, type SubscriptionDocument, type WebhookTarget } from '../model/subscription';
import { checkReached, decodeCursor, encodeCursor } from '../reading/cursor';
import { readFeed, type FeedPage } from '../reading/feed';
import { earliest, latest, positionAt } from '../reading/topic-stream';
import type { TopicWatcher } from '../reading/topic-watcher';
import { canManage, checkScope, listFilter, ownerFor, type Caller, type SubscriberAccounts } from '../scope/access';
import type { BureauSource } from '../scope/bureau-directory';
import type { TopicCatalog } from '../scope/topic-catalog';
import type { SubscriptionStore } from '../store/subscription-store';
import { newSecret } from '../webhooks/signing';
import { checkBatch, checkTarget, type TargetPolicy } from '../webhooks/target-rules';

export interface CreateSubscription {
  owner?: Owner;
  topic: string;
  types?: string[];
  bureauScope: { bureauId: string; includeDescendants?: boolean };
  target?: WebhookTarget;
}

export interface ServiceDeps {
  store: SubscriptionStore;
  bus: MessageBus;
  bureaus: BureauSource;
  watcher: TopicWatcher;
  catalog: TopicCatalog;
  policy: TargetPolicy;
  hierarchyGraceMs: number;
  /** The accounts an admin may give a subscription to; absent where the gateway keeps no accounts (an OIDC issuer's). */
  subscribers?: SubscriberAccounts;
}

const DAY_SECONDS = 86_400;

/** The subscription use cases, framework-free: each checks who may, then reads or writes the store. */
export class SubscriptionsService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Checks everything before writing anything; the secret is returned here and never again. */
  async create(caller: Caller, input: CreateSubscription) {
    const { catalog, bureaus, policy, store, bus } = this.deps;
    catalog.check(input.topic, input.types);
    const tree = await bureaus.tree(200);
    const owner = ownerFor(caller, input.owner, tree);
    const bureauScope: BureauScope = { bureauId: input.bureauScope.bureauId, includeDescendants: input.bureauScope.includeDescendants ?? false };
    checkScope(caller, bureauScope, tree, owner);
    if (input.owner && this.deps.subscribers && !(await this.deps.subscribers.isSubscriber(owner))) {
      throw invalid('unknown_subscriber', `${owner.subscriberId} is not a subscriber account of ${owner.bureauId}`, { field: 'owner/subscriberId' });
    }
    const target: WebhookTarget | undefined = input.target
      ? { ...checkTarget(input.target.url, policy), ...(input.target.batch ? { batch: { maxEvents: checkBatch(input.target.batch.maxEvents) } } : {}) }
      : undefined;
    const now = new Date().toISOString();
    const subscriptionId = newId();
    const secret = target ? newSecret() : undefined;
    const doc: SubscriptionDocument = {
      _id: subscriptionId,
      subscriptionId,
      owner,
      topic: input.topic,
      ...(input.types && input.types.length > 0 ? { types: [...new Set(input.types)] } : {}),
      bureauScope,
      ...(target ? { target } : {}),
      secrets: secret ? [{ secretId: newId(), secret, createdAt: now }] : [],
      status: 'active',
      version: 1,
      createdAt: now,
      createdBy: { subject: caller.subject, bureauId: caller.bureauId },
    };
    // Delivery starts with what is published from now on; a replay goes back.
    await store.create(doc, await latest(bus, input.topic), now);
    return { ...subscriptionView(doc), ...(secret ? { secret } : {}) };
  }

  async list(caller: Caller, limit: number, cursor?: string) {
    const filter = listFilter(caller, await this.deps.bureaus.tree());
    if (!filter) throw forbidden('role_required', 'list subscriptions: needs one of the roles: subscriber, bureau-admin, system-admin');
    const page = await this.deps.store.list(filter, limit, cursor);
    return { items: page.items.map(subscriptionView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async get(caller: Caller, id: string) {
    return subscriptionView(await this.visible(caller, id));
  }

  async remove(caller: Caller, id: string): Promise<void> {
    await this.visible(caller, id);
    await this.deps.store.delete(id);
  }

  async pause(caller: Caller, id: string) {
    await this.visible(caller, id);
    const at = new Date().toISOString();
    return this.changed(id, (doc) => (doc.status === 'paused' ? doc : { ...doc, status: 'paused', pausedReason: `paused by ${caller.subject}`, pausedAt: at }));
  }

  /** Delivery continues from where it stopped; parked deliveries stay parked until redelivered. */
  async resume(caller: Caller, id: string) {
    await this.visible(caller, id);
    return this.changed(id, (doc) => {
      if (doc.status === 'active') return doc;
      const { pausedReason: _r, pausedAt: _a, ...rest } = doc;
      return { ...rest, status: 'active' } as SubscriptionDocument;
    });
  }

  /** A new secret signs from now on; the old ones sign too until the overlap ends (both signatures are sent). */
  async rotateSecret(caller: Caller, id: string, overlapSeconds = DAY_SECONDS) {
    const current = await this.visible(caller, id);
    if (!current.target) throw forbidden('no_webhook', 'this subscription has no webhook target: a feed needs no secret');
    const now = Date.now();
    const until = new Date(now + overlapSeconds * 1000).toISOString();
    const secret = newSecret();
    const secretId = newId();
    await this.changed(id, (doc) => ({
      ...doc,
      secrets: [
        { secretId, secret, createdAt: new Date(now).toISOString() },
        ...doc.secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now).map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < until ? s.expiresAt : until })),
      ],
    }));
    return { secretId, secret, previousSecretsSignUntil: until };
  }

  async attempts(caller: Caller, id: string, limit: number, cursor?: string) {
    await this.visible(caller, id);
    const page = await this.deps.store.attempts(id, limit, cursor);
    return {
      items: page.items.map(({ _id, subscriptionId: _s, ...attempt }) => attempt),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  async parked(caller: Caller, id: string) {
    await this.visible(caller, id);
    return { items: (await this.deps.store.parked(id)).map(({ _id, subscriptionId: _s, event: _e, ...p }) => p) };
  }

  /** Sends parked deliveries again (the named ones, or all), before anything newer; resumes a paused subscription. */
  async redeliver(caller: Caller, id: string, parkedIds?: string[]) {
    const doc = await this.visible(caller, id);
    if (!doc.target) throw forbidden('no_webhook', 'this subscription has no webhook target to redeliver to');
    const parked = await this.deps.store.parked(id);
    if (parkedIds) {
      // Every id named must be parked here: an unknown one changes nothing (no redelivery, no resume).
      const known = new Set(parked.map((p) => p.parkedId));
      const unknown = parkedIds.findIndex((parkedId) => !known.has(parkedId));
      if (unknown >= 0) throw invalid('unknown_parked', `no parked delivery ${parkedIds[unknown]} on subscription ${id}`, { field: `parkedIds/${unknown}` });
    }
    const named = parkedIds && new Set(parkedIds);
    const chosen = named ? parked.filter((p) => named.has(p.parkedId)) : parked;
    const requested = await this.deps.store.requestRedelivery(id, chosen, { requestId: newId(), requestedAt: new Date().toISOString() });
    return { requested, status: 'active' as const };
  }

  /** Delivery continues from a position (a feed cursor, or an attempt's position) or from a time; receivers deduplicate by id. */
  async replay(caller: Caller, id: string, from: { position?: string; time?: string }) {
    const doc = await this.visible(caller, id);
    if (!doc.target) throw forbidden('no_webhook', 'this subscription has no webhook target; a feed is read again from any cursor');
    const positions =
      from.position !== undefined
        ? checkReached(decodeCursor(from.position, doc.topic, 'position'), await latest(this.deps.bus, doc.topic), 'position')
        : await positionAt(this.deps.bus, doc.topic, new Date(from.time!));
    const requestedAt = new Date().toISOString();
    const changed = await this.changed(id, (d) => ({ ...d, replay: { requestId: newId(), positions, requestedAt } }));
    return { position: encodeCursor(doc.topic, positions), status: changed.status };
  }

  /** A page of the subscription's events: from a cursor, from a time, or from the earliest retained. */
  async feed(caller: Caller, id: string, query: { cursor?: string; since?: string; limit: number; waitMs: number }, signal?: AbortSignal): Promise<FeedPage> {
    const doc = await this.visible(caller, id);
    const { bus } = this.deps;
    const from =
      query.cursor !== undefined ? checkReached(decodeCursor(query.cursor, doc.topic), await latest(bus, doc.topic)) : query.since !== undefined ? await positionAt(bus, doc.topic, new Date(query.since)) : await earliest(bus, doc.topic);
    return readFeed(
      { bus, watcher: this.deps.watcher, bureaus: this.deps.bureaus, hierarchyGraceMs: this.deps.hierarchyGraceMs },
      { topic: doc.topic, ...(doc.types ? { types: doc.types } : {}), bureauScope: doc.bureauScope, from, limit: query.limit, waitMs: query.waitMs },
      signal,
    );
  }

  private async visible(caller: Caller, id: string): Promise<SubscriptionDocument> {
    const doc = await this.deps.store.get(id);
    if (!doc) throw notFound('subscription', id);
    if (!canManage(caller, doc, await this.deps.bureaus.tree())) throw forbidden('not_your_subscription', `subscription ${id}: not yours to see`);
    return doc;
  }

  private async changed(id: string, fn: (doc: SubscriptionDocument) => SubscriptionDocument) {
    const doc = await this.deps.store.change(id, fn);
    if (!doc) throw notFound('subscription', id);
    return subscriptionView(doc);
  }
}
