// The appraisal service's reads, keyed for TanStack Query; writes go through apiPost/apiPut on the pages.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import { useUser } from '../../auth/useSession';
import type { Objection, Results, Round, RoundSummary, Scheme, SchemeSummary } from './types';

export const BASE = '/api/v1/appraisals/bureaus/{bureauId}' as const;

export function useSchemes(year: number) {
  const { bureauId } = useUser();
  return useQuery({
    queryKey: ['appraisal', 'schemes', bureauId, year],
    queryFn: async () => (await apiGet<{ items: SchemeSummary[] }>(`${BASE}/schemes/{year}/versions`, { path: { bureauId, year: String(year) } })).data.items,
  });
}

export function useScheme(year: number, version: number) {
  const { bureauId } = useUser();
  return useQuery({
    queryKey: ['appraisal', 'scheme', bureauId, year, version],
    queryFn: async () => {
      const { data, etag } = await apiGet<Scheme>(`${BASE}/schemes/{year}/versions/{version}`, { path: { bureauId, year: String(year), version: String(version) } });
      return { ...data, etag };
    },
  });
}

export function useRounds(year: number) {
  const { bureauId } = useUser();
  return useQuery({
    queryKey: ['appraisal', 'rounds', bureauId, year],
    queryFn: async () => (await apiGet<{ items: RoundSummary[] }>(`${BASE}/rounds`, { path: { bureauId }, query: { year } })).data.items,
  });
}

export function useRound(year: number, half: string) {
  const { bureauId } = useUser();
  return useQuery({
    queryKey: ['appraisal', 'round', bureauId, year, half],
    queryFn: async () => {
      const { data, etag } = await apiGet<Round>(`${BASE}/rounds/{year}/{half}`, { path: { bureauId, year: String(year), half } });
      return { ...data, etag };
    },
  });
}

export function useResults(year: number, half: string, enabled = true) {
  const { bureauId } = useUser();
  return useQuery({
    queryKey: ['appraisal', 'results', bureauId, year, half],
    enabled,
    queryFn: async () => (await apiGet<Results>(`${BASE}/rounds/{year}/{half}/results`, { path: { bureauId, year: String(year), half } })).data,
  });
}

export function useObjections(year: number, half: string, enabled: boolean) {
  const { bureauId } = useUser();
  return useQuery({
    queryKey: ['appraisal', 'objections', bureauId, year, half],
    enabled,
    queryFn: async () => (await apiGet<{ items: Objection[] }>(`${BASE}/rounds/{year}/{half}/objections`, { path: { bureauId, year: String(year), half } })).data.items,
  });
}
