import type { Figures } from '@pledgebook/reward-domain';
import { Workbook } from 'exceljs';

/** One table of the statistics as exported: its rows, each with a label for its scope. */
export interface ExportTable {
  name: string;
  title: string;
  scopeHeader: string;
  rows: Array<{ scope: string } & Figures>;
}

export interface ExportHeader {
  bureauName: string;
  asOf: string;
  /** The period: a year, or since the start. */
  period: string;
}

const COLUMNS: Array<[string, (f: Figures) => string | number | null]> = [
  ['公开承诺书', (f) => f.booksPublished],
  ['审核中', (f) => f.booksInReview],
  ['实事承诺(件)', (f) => f.deedsPledged],
  ['已兑现(件)', (f) => f.deedsDone],
  ['兑现率', (f) => f.fulfilmentRate],
  ['帮扶人数', (f) => f.peopleAided],
  ['捐款捐物(元)', (f) => f.amountFen / 100],
  ['志愿服务(小时)', (f) => f.volunteerHours],
  ['履诺记录', (f) => f.records],
  ['月度检查(次)', (f) => f.checksRecorded],
  ['应检查(次)', (f) => f.checksExpected],
  ['检查率', (f) => f.checkCompliance],
  ['按期完成率', (f) => f.onTrackRate],
  ['优秀', (f) => f.grades.excellent],
  ['合格', (f) => f.grades.qualified],
  ['基本合格', (f) => f.grades['basically-qualified']],
  ['不合格', (f) => f.grades.unqualified],
  ['奖励(项)', (f) => f.grants],
  ['奖励金额(元)', (f) => f.grantsAmountFen / 100],
  ['含系统前数据', (f) => (f.withOpeningTotals ? '是' : '')],
];

const headerLines = (h: ExportHeader, table: ExportTable) => [
  ['机关', h.bureauName],
  ['数据截至', h.asOf],
  ['期间', h.period],
  ['表', table.title],
];

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right). */
export function tableCsv(header: ExportHeader, table: ExportTable): string {
  const lines = [...headerLines(header, table), [], [table.scopeHeader, ...COLUMNS.map(([label]) => label)], ...table.rows.map((r) => [r.scope, ...COLUMNS.map(([, pick]) => pick(r))])];
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Every table as a sheet of one workbook (exceljs), each headed by the bureau, the as-of time and the period. */
export async function tablesWorkbook(header: ExportHeader, tables: readonly ExportTable[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Pledgebook';
  workbook.created = new Date(header.asOf);
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title.slice(0, 31));
    for (const line of headerLines(header, table)) sheet.addRow(line).getCell(1).font = { bold: true };
    sheet.addRow([]);
    const head = sheet.addRow([table.scopeHeader, ...COLUMNS.map(([label]) => label)]);
    head.font = { bold: true };
    for (const r of table.rows) sheet.addRow([r.scope, ...COLUMNS.map(([, pick]) => pick(r))]);
    sheet.getColumn(1).width = 24;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
