import type { ReadModelStore } from '@pledgebook/read-model';

/** Every document matching a filter, page by page (lists that must be whole: progress, booklets). */
export async function all<T extends { _id: string }>(views: ReadModelStore, collection: string, filter: Record<string, unknown>): Promise<T[]> {
  const found: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await views.collection<T & { [k: string]: unknown }>(collection).find(filter, { limit: 500, ...(cursor ? { cursor } : {}) });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}
