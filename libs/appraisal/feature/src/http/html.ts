/** Escapes text for HTML. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** 2026-06-30 → 2026年6月30日 */
export const chineseDate = (iso?: string) => (iso ? `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '—');

/** Page styles shared by the printable pages (A4, Simplified Chinese typography). */
export const PRINT_STYLE = `
@page { size: A4; margin: 20mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; font-size: 12pt; line-height: 1.7; color: #111; margin: 0; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.3em; margin: 0 0 4mm; }
h2 { font-size: 14pt; border-bottom: 1.5pt solid #b00; margin: 6mm 0 2mm; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
p.lead { text-align: center; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.75pt solid #444; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #f3f3f3; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
p.foot { margin-top: 8mm; text-align: right; }
@media screen { body { max-width: 210mm; margin: 10mm auto; padding: 0 10mm; } }
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${PRINT_STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
