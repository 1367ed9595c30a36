import type { MessageBus } from '@pledgebook/message-bus';
import { newId, sleep } from '@pledgebook/util';
import type { AttemptDocument, CursorDocument, ParkedDocument, SubscriptionDocument } from '../model/subscription';
import { busEntries, eventOf, type EntryReader } from '../reading/topic-entry';
import { latest, TopicStream } from '../reading/topic-stream';
import type { TopicWatcher } from '../reading/topic-watcher';
import { decideScope, type BureauSource } from '../scope/bureau-directory';
import { scopeDecision, type ScopeDecision } from '../scope/bureau-tree';
import type { SubscriptionStore } from '../store/subscription-store';
import { signingSecrets, type WebhookSigner } from '../webhooks/signing';
import type { SendResult } from '../webhooks/webhook-sender';
import { batchLimit, parkedItem, positionOf, webhookMessage, type Delivery, type DeliveryItem } from './delivery';
import { afterFailure, type RetrySchedule } from './retry-schedule';
import type { SchedulerClock } from './scheduler-clock';
import type { WriteBuffer } from './write-buffer';

export interface RunnerDeps {
  bus: MessageBus;
  /** Where the runners read the topic (the worker gives them pages they share); the bus itself when absent. */
  entries?: EntryReader;
  store: SubscriptionStore;
  writes: WriteBuffer;
  watcher: TopicWatcher;
  bureaus: BureauSource;
  sender: { send(url: string, headers: Record<string, string>, body: string | Uint8Array, contentType?: string): Promise<SendResult> };
  signer: WebhookSigner;
  clock: SchedulerClock;
  schedule: RetrySchedule;
  hierarchyGraceMs: number;
  random?: () => number;
  log(level: 'warn' | 'error', message: string): void;
}

/**
 * Delivers one subscription's events in the topic's merged order, one request at a time — one
 * event each, or a batch of the next events in scope for a target with `batch`: parked
 * deliveries marked for redelivery first (they come before the cursor), then the stream from the
 * cursor. A failed delivery holds the subscription until it succeeds or its retries run out; it
 * is kept and sent again as it was (the same events, the same `webhook-id`).
 */
export class SubscriptionRunner {
  private cursor?: CursorDocument;
  private stream?: TopicStream;
  /** The delivery being attempted: its stream events are taken from the stream, but the cursor moves only when it is done. */
  private pending?: Delivery;
  private redeliveries: ParkedDocument[] = [];
  private seenRedelivery?: string;
  private readonly stopping = new AbortController();
  private wake = new AbortController();
  private readonly entries: EntryReader;
  readonly done: Promise<void>;

  constructor(
    private sub: SubscriptionDocument,
    private readonly deps: RunnerDeps,
  ) {
    this.entries = deps.entries ?? busEntries(deps.bus);
    this.done = this.run();
  }

  get subscriptionId(): string {
    return this.sub.subscriptionId;
  }

  /** A newer copy of the subscription (the worker's refresh); an older one than ours is ignored. */
  update(sub: SubscriptionDocument): void {
    if (sub.version <= this.sub.version) return;
    this.sub = sub;
    this.wake.abort();
    this.wake = new AbortController();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake.abort();
    await this.done;
  }

  private get signal(): AbortSignal {
    return AbortSignal.any([this.stopping.signal, this.wake.signal]);
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopping.signal.aborted; ) {
      try {
        await this.step();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.deps.log('warn', `subscription ${this.sub.subscriptionId}: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(Math.min(10_000, 250 * 2 ** failures), this.stopping.signal);
      }
    }
  }

  private async step(): Promise<void> {
    const { bus, store, writes, watcher, clock } = this.deps;
    const sub = this.sub;
    if (!this.cursor || !this.stream) {
      this.cursor = (await store.cursor(sub.subscriptionId)) ?? { _id: sub.subscriptionId, positions: await latest(bus, sub.topic), updatedAt: new Date().toISOString() };
      this.stream = new TopicStream(this.entries, sub.topic, this.cursor.positions);
    }
    if (sub.replay && sub.replay.requestId !== this.cursor.appliedReplay) {
      this.stream = new TopicStream(this.entries, sub.topic, sub.replay.positions);
      this.pending = undefined;
      this.setCursor({ positions: sub.replay.positions, appliedReplay: sub.replay.requestId, retry: undefined });
      await writes.flush();
      return;
    }
    if (sub.redeliver && sub.redeliver.requestId !== this.seenRedelivery) {
      this.redeliveries = await store.parked(sub.subscriptionId, true);
      this.seenRedelivery = sub.redeliver.requestId;
    }
    if (sub.status !== 'active' || !sub.target) return sleep(1_000, this.signal);
    const generation = watcher.generation(sub.topic);
    const delivery = await this.next(sub);
    if (delivery === 'wait') return sleep(200, this.signal);
    if (delivery === 'again') return;
    if (!delivery) return watcher.wait(sub.topic, generation, 1_000, this.signal);
    const first = delivery.items[0]!;
    const retry = this.cursor.retry?.eventId === first.id ? this.cursor.retry : undefined;
    if (retry && retry.nextAttemptAt > clock.now()) return clock.waitUntil(retry.nextAttemptAt, 1_000, this.signal);
    await this.attempt(sub, delivery);
  }

  /**
   * The next delivery: the one under way, else parked ones to redeliver, else the stream's next
   * events in scope; `wait` while the next event's bureau is not known yet.
   */
  private async next(sub: SubscriptionDocument): Promise<Delivery | 'wait' | 'again' | undefined> {
    const max = batchLimit(sub);
    if (this.redeliveries.length > 0) {
      // Redeliveries go first: a stream delivery under way is put back, to be collected again after them.
      if (this.pending?.kind === 'stream') {
        this.stream = new TopicStream(this.entries, sub.topic, this.pending.start);
        this.pending = undefined;
      }
      const position = this.stream!.position();
      this.pending ??= { kind: 'parked', items: this.redeliveries.slice(0, max).map(parkedItem), start: position, end: position };
    }
    if (this.pending) return this.pending;
    const stream = this.stream!;
    const wanted = sub.types && sub.types.length > 0 ? sub.types : undefined;
    const { bureaus, hierarchyGraceMs: grace } = this.deps;
    const tree = await bureaus.tree();
    const items: DeliveryItem[] = [];
    let start = stream.position();
    let caughtUp = false;
    for (let scanned = 0; items.length < max && scanned < 1_000 + max; scanned++) {
      const entry = await stream.peek();
      if (!entry) {
        caughtUp = true;
        break;
      }
      // Decided on one copy of the tree; only an unknown bureau asks for a fresher one.
      let decision: ScopeDecision = wanted && !wanted.includes(entry.type) ? 'out' : scopeDecision(entry.bureauid, sub.bureauScope, tree, entry.time, Date.now(), grace);
      if (decision === 'wait') decision = await decideScope(bureaus, entry, sub.bureauScope, Date.now(), grace);
      if (decision === 'wait') {
        if (items.length > 0) break;
        return 'wait';
      }
      const before = stream.position();
      stream.take();
      if (decision === 'in') items.push({ id: entry.id, type: entry.type, body: entry.body, before });
      else if (items.length === 0) {
        // Passed over before anything to deliver: the cursor moves past it now.
        start = stream.position();
        this.setCursor({ positions: start });
      }
    }
    if (items.length === 0) return caughtUp ? undefined : 'again';
    this.pending = { kind: 'stream', items, start, end: stream.position() };
    return this.pending;
  }

  private async attempt(sub: SubscriptionDocument, delivery: Delivery): Promise<void> {
    const { sender, signer, writes, clock, store } = this.deps;
    const message = webhookMessage(sub, delivery);
    const headers = { ...signer.headers(signingSecrets(sub.secrets, Date.now()), message.id, message.body, new Date()), 'pledgebook-subscription-id': sub.subscriptionId };
    const attemptedAt = new Date().toISOString();
    const result = await sender.send(sub.target!.url, headers, message.body, message.contentType);
    const first = delivery.items[0]!;
    const last = delivery.items[delivery.items.length - 1]!;
    const previous = this.cursor!.retry?.eventId === first.id ? this.cursor!.retry : undefined;
    const attemptId = newId();
    const attempt: AttemptDocument = {
      _id: attemptId,
      attemptId,
      subscriptionId: sub.subscriptionId,
      eventId: first.id,
      eventType: first.type,
      position: positionOf(sub.topic, first),
      attempt: (previous?.attempts ?? 0) + 1,
      attemptedAt,
      ...(result.status !== undefined ? { status: result.status } : {}),
      latencyMs: result.latencyMs,
      ...(result.error ? { error: result.error } : {}),
      outcome: result.ok ? 'delivered' : 'failed',
      redelivery: delivery.kind === 'parked',
      ...(sub.target?.batch ? { eventCount: delivery.items.length, lastEventId: last.id } : {}),
    };
    if (result.ok) {
      writes.attempt(attempt);
      this.pending = undefined;
      if (delivery.kind === 'parked') {
        const sent = new Set(delivery.items.map((item) => item.parked!._id));
        this.redeliveries = this.redeliveries.filter((p) => !sent.has(p._id));
        for (const item of delivery.items) writes.parkedResolved(item.parked!._id);
        this.setCursor({ retry: undefined });
      } else {
        this.setCursor({ positions: delivery.end, retry: undefined });
      }
      return;
    }
    if (result.status === 413 && delivery.items.length > 1) {
      // Too large for the receiver: the first half goes next, at once; the rest follows after it.
      writes.attempt(attempt);
      this.pending = this.firstHalf(sub, delivery);
      return;
    }
    const next = afterFailure(previous, first.id, clock.now(), this.deps.schedule, result, this.deps.random);
    if (next.kind === 'retry') {
      writes.attempt(attempt);
      this.setCursor({ retry: next.retry });
      await writes.flush();
      return;
    }
    // Retries ran out (or the receiver said 410 Gone): park its events, move on past them, pause the subscription.
    await writes.flush();
    const reason = `${next.reason}; last attempt: ${result.error ?? 'failed'}`;
    const parkedAt = new Date().toISOString();
    const lastError = result.error ?? 'failed';
    const parked: ParkedDocument[] = delivery.items.map((item, seq) =>
      item.parked
        ? { ...item.parked, redeliver: false, attempts: item.parked.attempts + attempt.attempt, lastError, parkedAt, seq }
        : {
            _id: `${sub.subscriptionId}/${item.id}`,
            parkedId: item.id,
            subscriptionId: sub.subscriptionId,
            eventId: item.id,
            eventType: item.type,
            event: eventOf(item.body),
            position: positionOf(sub.topic, item),
            parkedAt,
            seq,
            attempts: attempt.attempt,
            lastError,
            redeliver: false,
          },
    );
    this.pending = undefined;
    this.redeliveries = [];
    const cursor = this.nextCursor({ positions: delivery.end, retry: undefined });
    const paused = await store.park(parked, cursor, { ...attempt, outcome: 'parked' }, reason, parkedAt);
    this.cursor = cursor;
    if (paused) this.update(paused);
    this.deps.log('warn', `subscription ${sub.subscriptionId} paused: ${reason}`);
  }

  /** The first half of a delivery; a stream delivery's other half is read again after it. */
  private firstHalf(sub: SubscriptionDocument, delivery: Delivery): Delivery {
    const half = Math.ceil(delivery.items.length / 2);
    if (delivery.kind === 'parked') return { ...delivery, items: delivery.items.slice(0, half) };
    const end = delivery.items[half]!.before!;
    this.stream = new TopicStream(this.entries, sub.topic, end);
    return { ...delivery, items: delivery.items.slice(0, half), end: [...end] };
  }

  private nextCursor(change: Partial<Pick<CursorDocument, 'positions' | 'appliedReplay' | 'retry'>>): CursorDocument {
    const { retry: _r, ...current } = this.cursor!;
    const retry = 'retry' in change ? change.retry : this.cursor!.retry;
    const { retry: _c, ...rest } = change;
    return { ...current, ...rest, ...(retry ? { retry } : {}), updatedAt: new Date().toISOString() };
  }

  private setCursor(change: Partial<Pick<CursorDocument, 'positions' | 'appliedReplay' | 'retry'>>): void {
    this.cursor = this.nextCursor(change);
    this.deps.writes.cursor(this.cursor);
  }
}
