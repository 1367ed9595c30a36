import type { Filter, ReadModelStore, Sort } from '@pledgebook/read-model';

/** Every document matching a filter, page by page (lists that must be whole: rosters, grids). */
export async function all<T extends { _id: string }>(views: ReadModelStore, collection: string, filter: Filter, sort?: Sort): Promise<T[]> {
  const found: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await views.collection<T & { [k: string]: unknown }>(collection).find(filter, { limit: 500, ...(sort ? { sort } : {}), ...(cursor ? { cursor } : {}) });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}
