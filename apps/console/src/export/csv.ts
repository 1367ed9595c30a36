// A table as CSV for spreadsheet programs: UTF-8 with a byte-order mark (Excel reads Chinese
// then), CRLF line ends, fields quoted where RFC 4180 asks, and cells that a spreadsheet would
// run as a formula (=, +, -, @, tab, CR at the start) kept as text.

export interface CsvColumn<T> {
  title: string;
  value(row: T): string | number | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers as they are, text guarded against formulas and quoted when it must be. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Heading lines (the bureau, the as-of time), the column titles, then one line per row. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[], heading: readonly string[] = []): string {
  const lines = [...heading.map((line) => csvCell(line)), columns.map((c) => csvCell(c.title)).join(','), ...rows.map((row) => columns.map((c) => csvCell(c.value(row))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Offers text or bytes as a download named `fileName`. */
export function saveFile(content: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The file name a Content-Disposition header gives (`filename*=UTF-8''…` first), else `fallback`. */
export function fileNameOf(disposition: string | null | undefined, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      /* a malformed name: try the plain one */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name && !/[\\/]/.test(name) ? name : fallback;
}
