import { yieldToEventLoop } from '@pledgebook/util';
import type { ReadAllResult, ReadAllOptions, SubscribeAllOptions, Subscription, SubscriptionHandler } from './types';

export interface PollingSource {
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /** A token taken before a read; a change after it makes `waitForChange` return at once. */
  changeToken(): number;
  /** Resolves when new events may be there (or after a fallback delay), or when aborted. */
  waitForChange(signal: AbortSignal, since: number): Promise<void>;
}

/**
 * Catch-up then live: reads bounded batches after the checkpoint until it is at the head,
 * then sleeps until the source signals a change. The handler sees each batch once, in order.
 * Between catch-up batches the event loop runs whatever else is waiting.
 */
export function pollingSubscription(
  source: PollingSource,
  options: SubscribeAllOptions,
  handler: SubscriptionHandler,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const abort = new AbortController();
  let checkpoint = options.fromCheckpoint;

  const loop = async () => {
    while (!abort.signal.aborted) {
      const token = source.changeToken();
      const { events, lastPosition } = await source.readAll({ after: checkpoint, maxCount: batchSize, filter: options.filter });
      if (abort.signal.aborted) return;
      if (events.length > 0 && lastPosition !== undefined) {
        await handler(events, lastPosition);
      }
      if (lastPosition !== undefined) checkpoint = lastPosition;
      if (events.length < batchSize) await source.waitForChange(abort.signal, token);
      // Catching up, the next batch is read at once: the process's other work gets its turn first.
      else await yieldToEventLoop();
    }
  };

  const done = loop();
  done.catch(() => abort.abort());
  return {
    done,
    async stop() {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}
