import type { ReadModelStore, ReadModelTransaction } from './types';

/**
 * Applies an integration event to read models exactly once: the inbox mark and the writes
 * commit in one transaction, so a redelivered event (same id) changes nothing.
 * Returns false when the event had already been handled.
 */
export function applyOnce(
  store: ReadModelStore,
  consumer: string,
  eventId: string,
  apply: (tx: ReadModelTransaction) => Promise<void>,
): Promise<boolean> {
  return store.transaction(async (tx) => {
    if (!(await tx.markHandled(consumer, eventId))) return false;
    await apply(tx);
    return true;
  });
}
