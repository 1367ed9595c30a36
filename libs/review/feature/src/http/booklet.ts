import type { ReviewItem } from '@pledgebook/review-domain';

export interface BookletBook {
  pledgeId: string;
  pledgerType: 'individual' | 'paired' | 'collective';
  /** Who pledges: the member's name, the pair's names, or the unit's name. */
  pledgerName: string;
  items: ReviewItem[];
  /** Who approved it: the branch meeting, or the leading party group. */
  approvedBy?: 'branch' | 'leading-group';
  approvedAt?: string;
  publishedAt?: string;
}

const TYPE_LABEL = { individual: '个人承诺', paired: '结对承诺', collective: '集体承诺' } as const;
const KIND_LABEL = { common: '共性承诺', position: '岗位承诺', deed: '为民办实事' } as const;
const AREA_LABEL: Record<string, string> = { 'theory-study': '理论学习', 'work-style': '工作作风', discipline: '遵规守纪', ethics: '道德品行' };
const QUARTER = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const day = (iso?: string) => (iso ? `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '—');

const STYLE = `
@page { size: A4; margin: 22mm 20mm 20mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif CJK TC", "Songti SC", "SimSun", serif; font-size: 12pt; line-height: 1.8; color: #111; margin: 0; }
header.cover { text-align: center; margin: 0 0 10mm; }
header.cover h1 { font-size: 22pt; letter-spacing: 0.4em; margin: 0 0 4mm; font-weight: 700; }
header.cover p { margin: 0; font-size: 13pt; }
section.book { break-inside: avoid-page; margin-bottom: 10mm; }
section.book + section.book { break-before: page; }
h2 { font-size: 15pt; border-bottom: 1.5pt solid #b00; padding-bottom: 1mm; margin: 0 0 3mm; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.75pt solid #444; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { background: #f3f3f3; font-weight: 700; white-space: nowrap; }
td.no { width: 9mm; text-align: center; }
td.kind { width: 28mm; }
td.due { width: 22mm; }
p.dates { text-align: right; margin: 3mm 0 0; }
p.empty { text-align: center; margin-top: 30mm; }
@media screen { body { max-width: 210mm; margin: 10mm auto; padding: 0 10mm; } }
`;

/** The member's published pledge books for a year, as one printable page (A4, Chinese typography). */
export function renderBooklet(member: { name: string }, year: number, books: readonly BookletBook[], bureauName?: string): string {
  const sections = books.map((book) => {
    const rows = book.items
      .map((item) => {
        const kind = item.kind === 'common' && item.area ? `${KIND_LABEL.common}·${AREA_LABEL[item.area] ?? item.area}` : KIND_LABEL[item.kind];
        const beneficiary = item.beneficiary ? `<br>帮扶对象：${escape(item.beneficiary.name)}` : '';
        return `<tr><td class="no">${item.no}</td><td class="kind">${escape(kind)}</td><td>${escape(item.text)}${beneficiary}</td><td>${escape(item.target)}</td><td class="due">${item.dueQuarter ? QUARTER[item.dueQuarter] : '全年'}</td></tr>`;
      })
      .join('\n');
    return `<section class="book">
<h2>${TYPE_LABEL[book.pledgerType]}　${escape(book.pledgerName)}</h2>
<table>
<thead><tr><th>序号</th><th>类别</th><th>承诺内容</th><th>目标</th><th>完成时限</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="dates">${book.approvedBy === 'leading-group' ? '党组' : '支部'}审议通过：${day(book.approvedAt)}　　公开承诺：${day(book.publishedAt)}</p>
</section>`;
  });
  return `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>${escape(member.name)} ${year}年度承诺书</title>
<style>${STYLE}</style>
</head>
<body>
<header class="cover"><h1>${year}年度承诺书</h1><p>${bureauName ? `${escape(bureauName)}　` : ''}${escape(member.name)}</p></header>
${sections.length ? sections.join('\n') : '<p class="empty">本年度尚无公开的承诺。</p>'}
</body>
</html>
`;
}
