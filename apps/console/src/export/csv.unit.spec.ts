import { csvCell, fileNameOf, toCsv } from './csv';

describe('csvCell', () => {
  it('keeps plain text and numbers as they are', () => {
    expect(csvCell('王芳')).toBe('王芳');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell(' padded')).toBe('" padded"');
  });

  it('keeps a cell that a spreadsheet would run as a formula as text', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe('-2');
  });
});

describe('toCsv', () => {
  it('writes a byte-order mark, the heading lines, the titles and a CRLF line per row', () => {
    const csv = toCsv(
      [
        { title: '姓名', value: (r: { name: string; fen: number }) => r.name },
        { title: '金额（元）', value: (r: { name: string; fen: number }) => r.fen / 100 },
      ],
      [
        { name: '王芳', fen: 50000 },
        { name: '赵磊, 李明', fen: 1234 },
      ],
      ['威海市统计局', '截至 2026-03-05 14:30:00'],
    );
    expect(csv).toBe('\uFEFF威海市统计局\r\n截至 2026-03-05 14:30:00\r\n姓名,金额（元）\r\n王芳,500\r\n"赵磊, 李明",12.34\r\n');
  });

  it('writes only the titles for no rows', () => {
    expect(toCsv([{ title: 'a', value: () => 1 }], [])).toBe('\uFEFFa\r\n');
  });
});

describe('fileNameOf', () => {
  it('reads the encoded name first, then the plain one', () => {
    expect(fileNameOf(`attachment; filename="a.csv"; filename*=UTF-8''%E7%BB%9F%E8%AE%A1.csv`, 'x')).toBe('统计.csv');
    expect(fileNameOf('attachment; filename="statistics-weihai-2026-total.csv"', 'x')).toBe('statistics-weihai-2026-total.csv');
    expect(fileNameOf('attachment; filename=plain.xlsx', 'x')).toBe('plain.xlsx');
  });

  it('falls back without a header, or for a name with a path in it', () => {
    expect(fileNameOf(null, 'fallback.csv')).toBe('fallback.csv');
    expect(fileNameOf('attachment; filename="../../etc/passwd"', 'fallback.csv')).toBe('fallback.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", 'fallback.csv')).toBe('fallback.csv');
  });
});
