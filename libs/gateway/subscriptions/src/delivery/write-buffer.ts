import type { AttemptDocument, CursorDocument } from '../model/subscription';
import type { SubscriptionStore } from '../store/subscription-store';

/**
 * Collects the delivery worker's writes (the latest cursor of each subscription, every attempt,
 * resolved parked deliveries) and commits them together every `intervalMs`: one transaction for
 * many deliveries. A cursor is only ever queued after its events were delivered or parked, so a
 * crash loses progress (events go out again), never an event.
 */
export class WriteBuffer {
  private cursors = new Map<string, CursorDocument>();
  private attempts: AttemptDocument[] = [];
  private parkedDeleted: string[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: SubscriptionStore,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  cursor(doc: CursorDocument): void {
    this.cursors.set(doc._id, doc);
    this.schedule();
  }

  attempt(doc: AttemptDocument): void {
    this.attempts.push(doc);
    this.schedule();
  }

  parkedResolved(id: string): void {
    this.parkedDeleted.push(id);
    this.schedule();
  }

  /** Commits what is queued now (and waits for any commit under way). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const writes = { cursors: [...this.cursors.values()], attempts: this.attempts, parkedDeleted: this.parkedDeleted };
    this.cursors = new Map();
    this.attempts = [];
    this.parkedDeleted = [];
    this.flushing = this.flushing.then(() =>
      this.store.commit(writes).catch((error: unknown) => {
        // Not lost: requeued (the newer cursor of a subscription wins) and tried with the next flush.
        for (const c of writes.cursors) if (!this.cursors.has(c._id)) this.cursors.set(c._id, c);
        this.attempts.unshift(...writes.attempts);
        this.parkedDeleted.unshift(...writes.parkedDeleted);
        this.schedule();
        this.onError(error);
      }),
    );
    return this.flushing;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }
}
