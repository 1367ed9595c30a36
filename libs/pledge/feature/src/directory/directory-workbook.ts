import { BadInput } from '@pledgebook/nest/problem';
import { IMPORT_COLUMNS, ImportRejected, invalid, requireImportColumns, type ImportProblem, type ImportRow } from '@pledgebook/pledge-domain';
import { Workbook, type CellValue, type Row } from 'exceljs';
import { checkWorkbookArchive, WORKBOOK_LIMITS } from './workbook-archive';

/**
 * Reads a directory from an Excel workbook (.xlsx): the first worksheet, its first non-empty row
 * the header with the CSV's column names, one row per unit or member. Rows keep their sheet row
 * numbers as `line`, so problems name the row and column as the CSV's name line and column.
 * A cell Excel shows as an error (#N/A, #REF!) or a formula without a saved result is a problem
 * of its row; the file is imported whole or not at all.
 */
export async function parseDirectoryWorkbook(bytes: Buffer, limits = WORKBOOK_LIMITS): Promise<ImportRow[]> {
  checkWorkbookArchive(bytes, limits);
  const workbook = new Workbook();
  try {
    // exceljs declares a Buffer type of its own; Node's Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  } catch (error) {
    throw invalid('unreadable_workbook', `the file is not a readable .xlsx workbook: ${error instanceof Error ? error.message : String(error)}`, { field: 'body' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('unreadable_workbook', 'the file is not a readable .xlsx workbook: it has no worksheet', { field: 'body' });

  const rows: { row: Row; number: number }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (row.hasValues) rows.push({ row, number });
  });
  const [header, ...data] = rows;
  if (!header || data.length === 0) throw new BadInput([{ field: 'body', message: 'the file has no rows' }]);
  const columns = new Map<string, number>();
  header.row.eachCell((cell, index) => {
    const name = cellText(cell.value);
    if (typeof name === 'string' && name.trim() && !columns.has(name.trim())) columns.set(name.trim(), index);
  });
  requireImportColumns([...columns.keys()]);

  const problems: ImportProblem[] = [];
  const parsed: ImportRow[] = [];
  for (const { row, number } of data) {
    const record = { line: number } as ImportRow;
    for (const column of IMPORT_COLUMNS) {
      const text = cellText(row.getCell(columns.get(column)!).value);
      if (typeof text === 'string') record[column] = text.trim();
      else {
        record[column] = '';
        problems.push({ line: number, column, message: text.problem });
      }
    }
    if (IMPORT_COLUMNS.some((column) => record[column] !== '')) parsed.push(record);
  }
  if (problems.length > 0) throw new ImportRejected(problems);
  if (parsed.length === 0) throw new BadInput([{ field: 'body', message: 'the file has no rows' }]);
  return parsed;
}

/** A cell as the text the CSV would hold, or why it has none. */
function cellText(value: CellValue): string | { problem: string } {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().endsWith('T00:00:00.000Z') ? value.toISOString().slice(0, 10) : value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return { problem: `the cell shows the error ${value.error}` };
  if ('formula' in value || 'sharedFormula' in value) {
    const { result } = value;
    return result === undefined ? { problem: 'a formula without a saved result (open and save the workbook in Excel)' } : cellText(result);
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue);
  return { problem: 'the cell holds no text or number' };
}
