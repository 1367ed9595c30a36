import type { GrantDetails, SelectionState } from '@pledgebook/reward-domain';

// Printable pages in the booklet's manner: A4, Chinese typography, nothing but HTML and CSS.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const day = (iso?: string) => (iso ? `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '—');
const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;
const SPIRITUAL_LABEL = { commendation: '通报表扬', certificate: '荣誉证书', 'honour-title': '荣誉称号' } as const;
const GROUND_LABEL = { fulfilment: '践诺考核优秀', 'distinctive-activity': '承诺活动有特色', selection: '评先选优', research: '统计信息、分析调研奖励' } as const;

const STYLE = `
@page { size: A4; margin: 22mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif CJK TC", "Songti SC", "SimSun", serif; font-size: 13pt; line-height: 1.9; color: #111; margin: 0; }
h1 { text-align: center; font-size: 24pt; letter-spacing: 0.5em; margin: 0 0 8mm; }
section.certificate { border: 3pt double #b00; padding: 18mm 16mm; min-height: 200mm; }
section.certificate p.body { text-indent: 2em; font-size: 15pt; }
p.sign { text-align: right; margin-top: 20mm; }
table { width: 100%; border-collapse: collapse; margin: 4mm 0; }
th, td { border: 0.75pt solid #444; padding: 1.5mm 2mm; text-align: left; }
th { background: #f3f3f3; }
p.meta { margin: 0; }
@media screen { body { max-width: 210mm; margin: 10mm auto; padding: 0 10mm; } }
`;

const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;

/** A grant's certificate (荣誉证书): recipient, title, ground, what was given, the bureau and date. */
export function renderCertificate(grant: GrantDetails, recipientName: string, bureauName?: string, revoked?: { reason: string; at: string }): string {
  const parts: string[] = grant.spiritual.map((f) => SPIRITUAL_LABEL[f]);
  if (grant.material?.kind === 'money') parts.push(`奖金${yuan(grant.material.amountFen)}`);
  if (grant.material?.kind === 'goods') parts.push(`奖品：${grant.material.goods}`);
  const body = `<section class="certificate">
<h1>荣誉证书</h1>
<p class="body">${escape(recipientName)}同志：</p>
<p class="body">在${grant.year}年度党员目标承诺活动中，因${escape(GROUND_LABEL[grant.ground])}，被授予“${escape(grant.title)}”${parts.length ? `（${escape(parts.join('、'))}）` : ''}，特发此证，以资鼓励。</p>
${revoked ? `<p class="body"><strong>此奖励已于${day(revoked.at)}撤销：${escape(revoked.reason)}</strong></p>` : ''}
<p class="sign">${bureauName ? escape(bureauName) : ''}<br>${day(grant.grantedAt)}</p>
</section>`;
  return page(`${recipientName} ${grant.title}`, body);
}

/** A selection's announcement (评先选优结果公告): the honour, the meeting that decided, and who was selected. */
export function renderAnnouncement(selection: SelectionState, names: ReadonlyMap<string, string>, bureauName?: string): string {
  const selected = selection.decision?.selected ?? [];
  const rows = selected.map((id, i) => `<tr><td>${i + 1}</td><td>${escape(names.get(id) ?? id)}</td></tr>`).join('\n');
  const state = selection.status === 'announced' ? `公布日期：${day(selection.announcedAt)}` : selection.status === 'on-notice' ? `公示期：${day(selection.notice?.startsOn)}至${day(selection.notice?.endsOn)}` : '尚未公布';
  const body = `<h1>${selection.year}年度${escape(selection.title ?? '')}评选结果${selection.status === 'on-notice' ? '公示' : '公告'}</h1>
<p class="meta">${bureauName ? `${escape(bureauName)}　` : ''}名额：${selection.quota ?? '—'}名　领导小组会议：${day(selection.decision?.meeting.date)}</p>
<p class="meta">${state}</p>
<table>
<thead><tr><th>序号</th><th>姓名</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="2">尚未决定</td></tr>'}
</tbody>
</table>
<p class="sign">${bureauName ? escape(bureauName) : ''}<br>${day(selection.announcedAt ?? selection.decision?.decidedAt)}</p>`;
  return page(`${selection.year} ${selection.title ?? ''}`, body);
}
