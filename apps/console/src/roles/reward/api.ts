// The reward service's reads, keyed for TanStack Query; writes go through apiPost on the pages.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { Page } from '../../api/views';
import type { Grant, MemberRewards, Policy, Selection } from './types';

async function everyPage<T>(load: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let cursor: string | undefined, pages = 0; pages < 20; pages++) {
    const page = await load(cursor);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export function usePolicy(year: number) {
  return useQuery({
    queryKey: ['reward', 'policy', year],
    // A year without a policy is a 404: no honours to select for yet.
    queryFn: async () => {
      try {
        return (await apiGet<Policy>('/api/v1/rewards/policies/{year}', { path: { year: String(year) } })).data;
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useSelections(year: number) {
  return useQuery({
    queryKey: ['reward', 'selections', year],
    queryFn: () => everyPage(async (cursor) => (await apiGet<Page<Selection>>('/api/v1/rewards/selections', { query: { year, limit: 200, cursor } })).data),
  });
}

export function useSelection(selectionId: string) {
  return useQuery({
    queryKey: ['reward', 'selection', selectionId],
    queryFn: async () => {
      const { data, etag } = await apiGet<Selection>('/api/v1/rewards/selections/{selectionId}', { path: { selectionId } });
      return { ...data, etag };
    },
  });
}

export function useGrants(year: number, status?: string) {
  return useQuery({
    queryKey: ['reward', 'grants', year, status ?? ''],
    queryFn: () => everyPage(async (cursor) => (await apiGet<Page<Grant>>('/api/v1/rewards/grants', { query: { year, status, limit: 200, cursor } })).data),
  });
}

export function useMemberRewards(memberId: string, year: number) {
  return useQuery({
    queryKey: ['reward', 'member', memberId, year],
    queryFn: async () => (await apiGet<MemberRewards>('/api/v1/rewards/members/{memberId}', { path: { memberId }, query: { year } })).data,
  });
}
