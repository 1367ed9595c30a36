// The research scheme's and works' reads (統計信息、分析調研獎勵), keyed for TanStack Query.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { Page } from '../../api/views';

export interface ResearchLevel {
  levelId: string;
  name: string;
  amountFen: number;
  bonusPoints?: number;
}
export interface ResearchCategory {
  categoryId: string;
  name: string;
  levels: ResearchLevel[];
}
export interface SchemeVersion {
  version: number;
  categories: ResearchCategory[];
  appraisalBonus: boolean;
  note?: string;
  setBy: string;
  setAt: string;
}
export interface ResearchWork {
  workId: string;
  status: 'submitted' | 'rated' | 'declined';
  year: number;
  title: string;
  categoryId: string;
  categoryName?: string;
  authors: string[];
  evidence: string[];
  summary?: string;
  submittedBy: string;
  submittedAt: string;
  rating?: { levelId: string; levelName: string; amountFen: number; shares: Array<{ memberId: string; shareFen: number }>; bonusPoints?: number; comment?: string; ratedBy: string; ratedAt: string };
  declined?: { reason: string; by: string; at: string };
  revision?: number;
}
export interface ResearchTotal {
  memberId: string;
  name: string;
  works: number;
  amountFen: number;
  bonusPoints?: number;
}

export function useScheme(year: number) {
  return useQuery({
    queryKey: ['reward', 'research-scheme', year],
    // A year without a scheme is a 404: nothing to submit against yet.
    queryFn: async () => {
      try {
        const { data, etag } = await apiGet<{ current?: SchemeVersion; versions: SchemeVersion[] }>('/api/v1/rewards/research/schemes/{year}', { path: { year: String(year) } });
        return { ...data, etag };
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useWorks(year: number) {
  return useQuery({
    queryKey: ['reward', 'research-works', year],
    queryFn: async () => (await apiGet<Page<ResearchWork>>('/api/v1/rewards/research/works', { query: { year, limit: 200 } })).data.items,
  });
}

export function useResearchTotals(year: number) {
  return useQuery({
    queryKey: ['reward', 'research-totals', year],
    queryFn: async () => (await apiGet<{ members: ResearchTotal[] }>('/api/v1/rewards/research/totals', { query: { year } })).data.members,
  });
}
