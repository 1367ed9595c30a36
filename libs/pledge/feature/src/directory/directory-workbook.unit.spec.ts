import { BadInput } from '@pledgebook/nest/problem';
import { DomainError, ImportRejected, IMPORT_COLUMNS } from '@pledgebook/pledge-domain';
import { Workbook } from 'exceljs';
import { parseDirectoryWorkbook } from './directory-workbook';

type Cells = unknown[];

/** A workbook as Excel would save it, built in memory. */
async function workbook(rows: Cells[], options: { otherSheet?: Cells[]; startRow?: number } = {}): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('名冊');
  rows.forEach((cells, i) => {
    const row = sheet.getRow((options.startRow ?? 1) + i);
    cells.forEach((value, c) => (row.getCell(c + 1).value = value as never));
    row.commit();
  });
  if (options.otherSheet) book.addWorksheet('說明').addRows(options.otherSheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const HEADER: string[] = [...IMPORT_COLUMNS];
const UNIT = ['unit', 'branch-1', '機關黨支部', 'party-branch', '', '', '', '', '', ''];
const MEMBER = ['member', 'wang', '王曉東', '', '', 'full', 'branch-1', '', '', 'member;group-leader'];

async function refusal(bytes: Buffer): Promise<unknown> {
  return parseDirectoryWorkbook(bytes).then(
    () => {
      throw new Error('expected the workbook to be refused');
    },
    (error: unknown) => error,
  );
}

describe('reading a directory workbook', () => {
  it('reads the first sheet with the CSV’s columns, skipping blank rows and keeping each row’s sheet number', async () => {
    const rows = await parseDirectoryWorkbook(await workbook([HEADER, UNIT, [], MEMBER], { startRow: 2, otherSheet: [['not this one']] }));
    expect(rows).toEqual([
      { line: 3, record: 'unit', key: 'branch-1', name: '機關黨支部', type: 'party-branch', parent: '', partyStatus: '', branch: '', group: '', department: '', roles: '' },
      { line: 5, record: 'member', key: 'wang', name: '王曉東', type: '', parent: '', partyStatus: 'full', branch: 'branch-1', group: '', department: '', roles: 'member;group-leader' },
    ]);
  });

  it('takes the columns in any order, ignores others, and reads numbers, rich text, links and formula results as text', async () => {
    const header = ['備註', ...[...HEADER].reverse()];
    const values: Record<string, unknown> = {
      備註: '新調入',
      record: { text: 'member', hyperlink: 'https://example.gov/m' },
      key: 1001,
      name: { richText: [{ text: ' 王' }, { text: '曉東 ', font: { bold: true } }] },
      partyStatus: { formula: 'LOWER("FULL")', result: 'full' },
      roles: 'member',
    };
    const rows = await parseDirectoryWorkbook(await workbook([header, header.map((column) => values[column] ?? null)]));
    expect(rows).toEqual([{ line: 2, record: 'member', key: '1001', name: '王曉東', type: '', parent: '', partyStatus: 'full', branch: '', group: '', department: '', roles: 'member' }]);
  });

  it('names the row and column of a cell that shows an error or a formula without a saved result', async () => {
    const broken: unknown[] = [...MEMBER];
    broken[2] = { error: '#N/A' };
    broken[6] = { formula: 'VLOOKUP(A3,其他!A:B,2,0)' };
    const error = await refusal(await workbook([HEADER, UNIT, broken]));
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).problems).toEqual([
      { line: 3, column: 'name', message: 'the cell shows the error #N/A' },
      { line: 3, column: 'branch', message: expect.stringContaining('formula without a saved result') },
    ]);
  });

  it('answers a missing column with 422 and a sheet without rows with 400, as the CSV does', async () => {
    expect(await refusal(await workbook([HEADER.filter((c) => c !== 'roles'), UNIT]))).toMatchObject({ code: 'missing_columns', kind: 'invalid', details: { missing: ['roles'] } });
    expect(await refusal(await workbook([HEADER]))).toBeInstanceOf(BadInput);
    expect(await refusal(await workbook([]))).toBeInstanceOf(BadInput);
  });

  it('refuses what is not a workbook with 422, never an unexplained failure', async () => {
    for (const bytes of [Buffer.from('record,key\nunit,x\n'), (await workbook([HEADER, UNIT])).subarray(0, 400), Buffer.from('PK\u0005\u0006' + '\0'.repeat(18), 'latin1')]) {
      const error = await refusal(bytes);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'unreadable_workbook', kind: 'invalid' });
    }
  });
});
