import type { Page } from '@pledgebook/read-model';

/** A view document as the API returns it: the storage key `_id` is the store's, not the client's. */
export function withoutStorageId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _key, ...rest } = doc;
  return rest;
}

export function withoutStorageIds<T extends { _id: string }>(page: Page<T>): Page<Omit<T, '_id'>> {
  return { items: page.items.map(withoutStorageId), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
