// The gateway's bureau tree and outside subscriptions, keyed for TanStack Query.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { Page } from '../../api/views';
import { usePaged } from '../../ui/usePaged';
import type { Attempt, BureauTree, Parked, Subscription } from './types';

export function useBureauTree() {
  return useQuery({
    queryKey: ['system', 'bureau-tree'],
    queryFn: async () => (await apiGet<BureauTree>('/api/v1/bureau-tree')).data,
  });
}

export function useSubscriptions() {
  return usePaged<Subscription>(['system', 'subscriptions'], async (cursor) => (await apiGet<Page<Subscription>>('/api/v1/subscriptions', { query: { limit: 50, cursor } })).data);
}

export function useSubscription(id: string) {
  return useQuery({
    queryKey: ['system', 'subscription', id],
    queryFn: async () => (await apiGet<Subscription>('/api/v1/subscriptions/{id}', { path: { id } })).data,
  });
}

export function useAttempts(id: string) {
  return usePaged<Attempt>(['system', 'attempts', id], async (cursor) => (await apiGet<Page<Attempt>>('/api/v1/subscriptions/{id}/attempts', { path: { id }, query: { limit: 50, cursor } })).data);
}

export function useParked(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['system', 'parked', id],
    enabled,
    queryFn: async () => (await apiGet<{ items: Parked[] }>('/api/v1/subscriptions/{id}/parked', { path: { id } })).data.items,
  });
}
