import { BadInput } from '@pledgebook/nest/problem';
import { IMPORT_COLUMNS, requireImportColumns, type ImportRow } from '@pledgebook/pledge-domain';
import { parse } from 'csv-parse/sync';

/** Parses a directory CSV (header row, comma-separated, already decoded) into rows with their line numbers. */
export function parseDirectoryCsv(text: string): ImportRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: false }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new BadInput([{ field: `line ${line ?? '?'}`, message: (error as Error).message }], 'the file is not valid CSV');
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  if (records.length === 0) throw new BadInput([{ field: 'body', message: 'the file has no rows' }]);
  requireImportColumns(header);
  return records.map(({ record, info }) => ({ line: info.lines, ...(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, record[c] ?? ''])) as Omit<ImportRow, 'line'>) }));
}
