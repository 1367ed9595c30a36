// The statistics reads (the reward service keeps them where the data is, ADR 0060), and the
// exports as files through the typed client with the session's token.
import { useQuery } from '@tanstack/react-query';
import { apiGet, client } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { fileNameOf } from '../../export/csv';
import type { RollUp, TableName, Tables } from './figures';

export function useStatistics(bureauId: string, year: number | undefined) {
  return useQuery({
    queryKey: ['stats', 'tables', bureauId, year ?? 'all'],
    queryFn: async () => (await apiGet<Tables>('/api/v1/statistics/bureaus/{bureauId}', { path: { bureauId }, query: { year } })).data,
  });
}

export function useRollUp(bureauId: string, year: number | undefined) {
  return useQuery({
    queryKey: ['stats', 'roll-up', bureauId, year ?? 'all'],
    queryFn: async () => (await apiGet<RollUp>('/api/v1/statistics/bureaus/{bureauId}/roll-up', { path: { bureauId }, query: { year } })).data,
  });
}

/** One table as CSV, or every table as an Excel workbook, as the service writes them (the bureau's name and the as-of time in the header). */
export async function exportFile(bureauId: string, format: 'csv' | 'xlsx', table: TableName, year: number | undefined): Promise<{ blob: Blob; fileName: string }> {
  const { data, error, response } = await client.GET('/api/v1/statistics/bureaus/{bureauId}/export', {
    params: { path: { bureauId }, query: { format, ...(format === 'csv' ? { table } : {}), ...(year ? { year } : {}) } } as never,
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw new ApiProblem({ status: response.status, title: response.statusText, ...(error && typeof error === 'object' ? (error as object) : {}) });
  return { blob: data as Blob, fileName: fileNameOf(response.headers.get('content-disposition'), `statistics-${bureauId}.${format}`) };
}
