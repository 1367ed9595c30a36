import { sleep } from '@pledgebook/util';
import type { SubscriptionDocument } from '../model/subscription';
import { SharedPages } from '../reading/shared-pages';
import { busEntries } from '../reading/topic-entry';
import { SubscriptionRunner, type RunnerDeps } from './subscription-runner';

export interface WorkerOptions {
  /** How often the worker reads the subscriptions (new ones, changes, replays, redeliveries, deletions). */
  refreshMs: number;
  /** Attempts older than this are forgotten. */
  attemptRetentionMs: number;
}

/**
 * The webhook delivery worker: one runner per subscription with a target, started, updated and
 * stopped as the stored subscriptions change. Runs in one process at a time (the gateway's
 * subscription lease; process role `worker` or `all`).
 */
export class DeliveryWorker {
  private readonly runners = new Map<string, SubscriptionRunner>();
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  private lastPrune = 0;
  private readonly deps: RunnerDeps;

  constructor(
    deps: RunnerDeps,
    private readonly options: WorkerOptions,
  ) {
    // The runners share what they read: each page of a topic is read and parsed once for all of them.
    this.deps = { ...deps, entries: deps.entries ?? new SharedPages(busEntries(deps.bus)) };
  }

  start(): void {
    this.loop ??= this.refreshLoop();
  }

  /** The subscriptions being delivered now (for tests and metrics). */
  get running(): string[] {
    return [...this.runners.keys()];
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    this.runners.clear();
    await this.deps.writes.flush();
  }

  private async refreshLoop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.refresh(await this.deps.store.all());
        if (Date.now() - this.lastPrune > 60_000) {
          this.lastPrune = Date.now();
          await this.deps.store.pruneAttempts(new Date(Date.now() - this.options.attemptRetentionMs).toISOString());
        }
      } catch (error) {
        this.deps.log('error', `subscriptions could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(this.options.refreshMs, this.stopping.signal);
    }
  }

  private async refresh(subscriptions: readonly SubscriptionDocument[]): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const present = new Set<string>();
    for (const sub of subscriptions) {
      if (!sub.target) continue;
      present.add(sub.subscriptionId);
      const runner = this.runners.get(sub.subscriptionId);
      if (runner) runner.update(sub);
      else this.runners.set(sub.subscriptionId, new SubscriptionRunner(sub, this.deps));
    }
    for (const [id, runner] of this.runners) {
      if (present.has(id)) continue;
      this.runners.delete(id);
      await runner.stop();
    }
  }
}
