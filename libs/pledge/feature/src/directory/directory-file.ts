import { BadInput } from '@pledgebook/nest/problem';
import type { ImportRow } from '@pledgebook/pledge-domain';
import { csvEncodingOf, decodeCsv, type CsvEncoding } from './csv-encoding';
import { parseDirectoryCsv } from './directory-csv';
import { parseDirectoryWorkbook } from './directory-workbook';

export const CSV_MEDIA_TYPE = 'text/csv';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A directory file as its Content-Type names it. */
export type DirectoryFileType = { format: 'csv'; encoding?: CsvEncoding } | { format: 'xlsx' };

/** The file type a request's Content-Type names, or why the import does not take it (a 415). */
export function directoryFileType(contentType: string | undefined): DirectoryFileType | { unsupported: string } {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim());
  const type = mediaType.toLowerCase();
  if (type === XLSX_MEDIA_TYPE) return { format: 'xlsx' };
  if (type !== CSV_MEDIA_TYPE) return { unsupported: `send the file as ${CSV_MEDIA_TYPE} (UTF-8, GB18030 or GBK) or as an Excel workbook (${XLSX_MEDIA_TYPE})` };
  const charset = parameters.map((p) => /^charset\s*=\s*"?([^"]*)"?$/i.exec(p)?.[1]).find((c) => c !== undefined);
  if (charset === undefined) return { format: 'csv' };
  const encoding = csvEncodingOf(charset);
  return encoding ? { format: 'csv', encoding } : { unsupported: `charset ${charset} is not taken: send the CSV as UTF-8, GB18030 or GBK (or leave the charset out to have it detected)` };
}

/** The rows of a directory file (the raw body): a CSV decoded from its declared or detected encoding, or a workbook's first sheet. */
export async function readDirectoryFile(type: DirectoryFileType, bytes: unknown): Promise<ImportRow[]> {
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new BadInput([{ field: 'body', message: 'the file is empty' }]);
  if (type.format === 'xlsx') return parseDirectoryWorkbook(bytes);
  return parseDirectoryCsv(decodeCsv(bytes, type.encoding).text);
}
