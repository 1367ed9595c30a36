import type { CollectionReader, Filter, Sort, ViewDocument } from './types';

/** Every document matching a filter, read page by page (for answers that must be whole: boards, progress, booklets). */
export async function findAll<T extends ViewDocument>(collection: CollectionReader<T>, filter: Filter, options: { sort?: Sort; pageSize?: number } = {}): Promise<T[]> {
  const found: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await collection.find(filter, { ...(options.sort ? { sort: options.sort } : {}), limit: options.pageSize ?? 500, ...(cursor ? { cursor } : {}) });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}
