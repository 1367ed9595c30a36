import type { MessageBus } from '@pledgebook/message-bus';
import { sleep } from '@pledgebook/util';

interface Watched {
  key?: string;
  generation: number;
  waiters: Set<() => void>;
  polling: boolean;
}

/** After a change the high marks are read again this soon, for this long: a file event can come before its commit shows. */
const SETTLE_MS = 10;
const SETTLE_WINDOW_MS = 200;

/**
 * Tells waiters when something is published to a topic: one poll of the topic's high marks per
 * topic, however many subscriptions and long-polling feed readers wait on it. Where the bus
 * signals changes (the embedded bus's file events) a poll follows each change at once, and the
 * interval is only the fallback.
 */
export class TopicWatcher {
  private readonly topics = new Map<string, Watched>();

  constructor(
    private readonly bus: MessageBus,
    private readonly pollMs = 50,
  ) {}

  generation(topic: string): number {
    return this.watched(topic).generation;
  }

  /** Resolves when the topic changed since `generation` (read it before reading the topic), after `maxMs`, or on abort. */
  wait(topic: string, generation: number, maxMs: number, signal?: AbortSignal): Promise<void> {
    const watched = this.watched(topic);
    if (watched.generation !== generation || maxMs <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        watched.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, maxMs);
      signal?.addEventListener('abort', done, { once: true });
      watched.waiters.add(done);
      if (!watched.polling) void this.poll(topic, watched);
    });
  }

  private watched(topic: string): Watched {
    let watched = this.topics.get(topic);
    if (!watched) {
      watched = { generation: 0, waiters: new Set(), polling: false };
      this.topics.set(topic, watched);
    }
    return watched;
  }

  private async poll(topic: string, watched: Watched): Promise<void> {
    watched.polling = true;
    try {
      const changes = this.bus.changes;
      let changedAt = Number.NEGATIVE_INFINITY;
      while (watched.waiters.size > 0) {
        const token = changes?.generation;
        const key = await this.bus
          .offsets(topic)
          .then((ranges) => ranges.map((r) => r.high).join(','))
          .catch(() => watched.key);
        // Compared with the last poll, however long ago: what arrived while nobody watched wakes the waiters too.
        if (key !== watched.key) {
          watched.key = key;
          watched.generation += 1;
          for (const wake of [...watched.waiters]) wake();
        }
        if (watched.waiters.size === 0) break;
        if (!changes) {
          await sleep(this.pollMs);
          continue;
        }
        const settling = performance.now() - changedAt < SETTLE_WINDOW_MS;
        await changes.wait(settling ? SETTLE_MS : this.pollMs, undefined, token);
        if (changes.generation !== token) changedAt = performance.now();
      }
    } finally {
      watched.polling = false;
    }
  }
}
