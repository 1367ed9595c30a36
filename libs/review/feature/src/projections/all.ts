import { findAll, type ReadModelStore } from '@pledgebook/read-model';

/** Every document matching a filter, page by page (lists that must be whole: progress, booklets). */
export function all<T extends { _id: string }>(views: ReadModelStore, collection: string, filter: Record<string, unknown>): Promise<T[]> {
  return findAll(views.collection<T & { [k: string]: unknown }>(collection), filter);
}
