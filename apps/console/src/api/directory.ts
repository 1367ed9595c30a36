import { useQuery } from '@tanstack/react-query';
import { useUser } from '../auth/useSession';
import { apiGet } from './client';
import type { Member, OrgUnit, Page } from './views';

/** Every page of a directory list (bureaus are tens to hundreds of people). */
async function all<T>(load: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await load(cursor);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export function useMembers() {
  const { bureauId } = useUser();
  return useQuery({
    queryKey: ['members', bureauId],
    queryFn: () => all<Member>(async (cursor) => (await apiGet<Page<Member>>('/api/v1/bureaus/{bureauId}/members', { path: { bureauId }, query: { limit: 200, cursor } })).data),
    staleTime: 60_000,
  });
}

export function useOrgUnits() {
  const { bureauId } = useUser();
  return useQuery({
    queryKey: ['org-units', bureauId],
    queryFn: () => all<OrgUnit>(async (cursor) => (await apiGet<Page<OrgUnit>>('/api/v1/bureaus/{bureauId}/org-units', { path: { bureauId }, query: { limit: 200, cursor } })).data),
    staleTime: 60_000,
  });
}

/** Member id → name (ids stand in until the directory has loaded). */
export function useNames(): (memberId: string) => string {
  const members = useMembers();
  const units = useOrgUnits();
  const names = new Map<string, string>([...(units.data ?? []).map((u) => [u.orgUnitId, u.name] as const), ...(members.data ?? []).map((m) => [m.memberId, m.name] as const)]);
  return (id) => names.get(id) ?? id;
}

export function useMe() {
  const { bureauId, memberId } = useUser();
  return useQuery({
    queryKey: ['member', bureauId, memberId],
    queryFn: async () => (await apiGet<Member>('/api/v1/bureaus/{bureauId}/members/{memberId}', { path: { bureauId, memberId } })).data,
    staleTime: 60_000,
  });
}
