import type { MessageBus } from '@pledgebook/message-bus';
import { newId, sleep } from '@pledgebook/util';
import type { AttemptDocument, CursorDocument, ParkedDocument, SubscriptionDocument } from '../model/subscription';
import { encodeCursor } from '../reading/cursor';
import { busEntries, eventOf, type EntryReader } from '../reading/topic-entry';
import { latest, TopicStream } from '../reading/topic-stream';
import type { TopicWatcher } from '../reading/topic-watcher';
import { decideScope, type BureauSource } from '../scope/bureau-directory';
import { scopeDecision, type ScopeDecision } from '../scope/bureau-tree';
import type { SubscriptionStore } from '../store/subscription-store';
import { signingSecrets, type WebhookSigner } from '../webhooks/signing';
import type { SendResult } from '../webhooks/webhook-sender';
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
  sender: { send(url: string, headers: Record<string, string>, body: string | Uint8Array): Promise<SendResult> };
  signer: WebhookSigner;
  clock: SchedulerClock;
  schedule: RetrySchedule;
  hierarchyGraceMs: number;
  random?: () => number;
  log(level: 'warn' | 'error', message: string): void;
}

/** One delivery: the event's id, type and body (its JSON as the bus holds it), and where it stands in the topic. */
type Item = { kind: 'stream' | 'parked'; id: string; type: string; body: Buffer; position: string; parked?: ParkedDocument };

/**
 * Delivers one subscription's events, one at a time, in the topic's merged order: parked
 * deliveries marked for redelivery first (they come before the cursor), then the stream from the
 * cursor. A failed delivery holds the subscription until it succeeds or its retries run out.
 */
export class SubscriptionRunner {
  private cursor?: CursorDocument;
  private stream?: TopicStream;
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
    const item = await this.next(sub);
    if (item === 'wait') return sleep(200, this.signal);
    if (item === 'again') return;
    if (!item) return watcher.wait(sub.topic, generation, 1_000, this.signal);
    const retry = this.cursor.retry?.eventId === item.id ? this.cursor.retry : undefined;
    if (retry && retry.nextAttemptAt > clock.now()) return clock.waitUntil(retry.nextAttemptAt, 1_000, this.signal);
    await this.attempt(sub, item);
  }

  /** The next delivery: a parked one to redeliver, else the stream's next event in scope; `wait` while its bureau is not known yet. */
  private async next(sub: SubscriptionDocument): Promise<Item | 'wait' | 'again' | undefined> {
    const parked = this.redeliveries[0];
    if (parked) return { kind: 'parked', id: parked.event.id, type: parked.event.type, body: Buffer.from(JSON.stringify(parked.event), 'utf8'), position: parked.position, parked };
    const stream = this.stream!;
    const wanted = sub.types && sub.types.length > 0 ? sub.types : undefined;
    const { bureaus, hierarchyGraceMs: grace } = this.deps;
    const tree = await bureaus.tree();
    for (let scanned = 0; scanned < 1_000; scanned++) {
      const entry = await stream.peek();
      if (!entry) return undefined;
      // Decided on one copy of the tree; only an unknown bureau asks for a fresher one.
      let decision: ScopeDecision = wanted && !wanted.includes(entry.type) ? 'out' : scopeDecision(entry.bureauid, sub.bureauScope, tree, entry.time, Date.now(), grace);
      if (decision === 'wait') decision = await decideScope(bureaus, entry, sub.bureauScope, Date.now(), grace);
      if (decision === 'wait') return 'wait';
      if (decision === 'in') return { kind: 'stream', id: entry.id, type: entry.type, body: entry.body, position: encodeCursor(sub.topic, stream.position()) };
      stream.take();
      this.setCursor({ positions: stream.position() });
    }
    return 'again';
  }

  private async attempt(sub: SubscriptionDocument, item: Item): Promise<void> {
    const { sender, signer, writes, clock, store } = this.deps;
    const headers = { ...signer.headers(signingSecrets(sub.secrets, Date.now()), item.id, item.body, new Date()), 'pledgebook-subscription-id': sub.subscriptionId };
    const attemptedAt = new Date().toISOString();
    const result = await sender.send(sub.target!.url, headers, item.body);
    const previous = this.cursor!.retry?.eventId === item.id ? this.cursor!.retry : undefined;
    const attemptId = newId();
    const attempt: AttemptDocument = {
      _id: attemptId,
      attemptId,
      subscriptionId: sub.subscriptionId,
      eventId: item.id,
      eventType: item.type,
      position: item.position,
      attempt: (previous?.attempts ?? 0) + 1,
      attemptedAt,
      ...(result.status !== undefined ? { status: result.status } : {}),
      latencyMs: result.latencyMs,
      ...(result.error ? { error: result.error } : {}),
      outcome: result.ok ? 'delivered' : 'failed',
      redelivery: item.kind === 'parked',
    };
    if (result.ok) {
      writes.attempt(attempt);
      if (item.kind === 'parked') {
        this.redeliveries.shift();
        writes.parkedResolved(item.parked!._id);
        this.setCursor({ retry: undefined });
      } else {
        this.stream!.take();
        this.setCursor({ positions: this.stream!.position(), retry: undefined });
      }
      return;
    }
    const next = afterFailure(previous, item.id, clock.now(), this.deps.schedule, result, this.deps.random);
    if (next.kind === 'retry') {
      writes.attempt(attempt);
      this.setCursor({ retry: next.retry });
      await writes.flush();
      return;
    }
    // Retries ran out (or the receiver said 410 Gone): park it, move on past it, pause the subscription.
    await writes.flush();
    const reason = `${next.reason}; last attempt: ${result.error ?? 'failed'}`;
    const parkedAt = new Date().toISOString();
    const parkedDoc: ParkedDocument = item.parked
      ? { ...item.parked, redeliver: false, attempts: item.parked.attempts + attempt.attempt, lastError: result.error ?? 'failed', parkedAt }
      : {
          _id: `${sub.subscriptionId}/${item.id}`,
          parkedId: item.id,
          subscriptionId: sub.subscriptionId,
          eventId: item.id,
          eventType: item.type,
          event: eventOf(item.body),
          position: item.position,
          parkedAt,
          attempts: attempt.attempt,
          lastError: result.error ?? 'failed',
          redeliver: false,
        };
    if (item.kind === 'stream') this.stream!.take();
    this.redeliveries = [];
    const cursor = this.nextCursor({ positions: this.stream!.position(), retry: undefined });
    const paused = await store.park(parkedDoc, cursor, { ...attempt, outcome: 'parked' }, reason, parkedAt);
    this.cursor = cursor;
    if (paused) this.update(paused);
    this.deps.log('warn', `subscription ${sub.subscriptionId} paused: ${reason}`);
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
