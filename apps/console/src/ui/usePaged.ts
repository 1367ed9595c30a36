import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { Page } from '../api/views';

/** A cursor-paged list as one growing list with "load more" (`limit`/`cursor`/`nextCursor`). */
export function usePaged<T>(queryKey: QueryKey, load: (cursor?: string) => Promise<Page<T>>, enabled = true) {
  const query = useInfiniteQuery({
    queryKey,
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => load(pageParam),
    getNextPageParam: (last) => last.nextCursor,
  });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}
