import type { Filter, ReadModelStore, ViewDocument } from '@pledgebook/read-model';

/** Every document matching a filter, page by page (lists and figures are never cut short). */
export async function all<T extends ViewDocument>(views: ReadModelStore, collection: string, filter: Filter, sort?: Record<string, 1 | -1>): Promise<T[]> {
  const found: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await views.collection<T>(collection).find(filter, { limit: 500, ...(sort ? { sort } : {}), ...(cursor ? { cursor } : {}) });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}
