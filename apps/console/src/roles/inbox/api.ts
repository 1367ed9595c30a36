import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiPut, type BodyOf } from '../../api/client';
import { useUser } from '../../auth/useSession';
import type { InboxPage, ReminderSettings, ReminderSettingsBody } from './reminders';

/** Every reminder query starts with this key: marking read refreshes the list and the header's count at once. */
export const REMINDERS_KEY = 'reminders';
/** How often the header asks for the unread count (a reminder may arrive at any time). */
export const UNREAD_REFRESH_MS = 60_000;

/** Machine (subscriber) accounts have no inbox: the gateway answers them 403. */
export function useHasInbox(): boolean {
  const user = useUser();
  return user.roles.length === 0 || user.roles.some((r) => r !== 'subscriber');
}

export async function loadInbox(query: { cursor?: string; unread?: boolean; limit?: number }): Promise<InboxPage> {
  return (await apiGet<InboxPage>('/api/v1/me/reminders', { query: { limit: query.limit ?? 20, cursor: query.cursor, unread: query.unread ? 'true' : undefined } })).data;
}

/** The count still unread, for the header; refreshed periodically and after marking read. */
export function useUnreadCount() {
  const user = useUser();
  const enabled = useHasInbox();
  return useQuery({
    queryKey: [REMINDERS_KEY, user.bureauId, user.memberId, 'unread'],
    queryFn: async () => (await loadInbox({ limit: 1, unread: true })).unread,
    enabled,
    refetchInterval: UNREAD_REFRESH_MS,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: BodyOf<'/api/v1/me/reminders/read', 'post'>) => (await apiPost<{ read: number; unread: number }>('/api/v1/me/reminders/read', body)).data,
    onSettled: () => queryClient.invalidateQueries({ queryKey: [REMINDERS_KEY] }),
  });
}

export function useReminderSettings() {
  const user = useUser();
  return useQuery({
    queryKey: ['reminder-settings', user.bureauId, user.memberId],
    queryFn: async () => (await apiGet<ReminderSettings>('/api/v1/me/reminder-settings')).data,
    enabled: useHasInbox(),
  });
}

export function useSaveReminderSettings() {
  const queryClient = useQueryClient();
  const user = useUser();
  return useMutation({
    mutationFn: async (body: ReminderSettingsBody) => (await apiPut<ReminderSettings>('/api/v1/me/reminder-settings', body)).data,
    onSuccess: (saved) => queryClient.setQueryData(['reminder-settings', user.bureauId, user.memberId], saved),
  });
}
