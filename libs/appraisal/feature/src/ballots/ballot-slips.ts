import { escapeHtml, page } from '../http/html';

const HALF_LABEL = { H1: '上半年', H2: '下半年' } as const;

/** The codes as slips to cut and hand out at the meeting: one code, one anonymous ballot. */
export function renderBallotSlips(bureauName: string, year: number, half: 'H1' | 'H2', castPath: string, codes: readonly string[]): string {
  const slips = codes
    .map((code, i) => `<tr><td class="num">${i + 1}</td><td><strong style="font-family: monospace; font-size: 15pt; letter-spacing: 0.1em">${escapeHtml(code)}</strong></td><td>凭此码登录 ${escapeHtml(castPath)} 参加群众评议，每码限投一次，不记名。</td></tr>`)
    .join('\n');
  return page(
    `${year}年${HALF_LABEL[half]}群众评议码`,
    `<h1>群众评议码</h1>
<p class="lead">${escapeHtml(bureauName)}　${year}年${HALF_LABEL[half]}党员目标承诺考核·民主测评（群众评议）</p>
<table>
<thead><tr><th>序号</th><th>评议码</th><th>说明</th></tr></thead>
<tbody>
${slips}
</tbody>
</table>
<p class="foot">评议码仅显示一次，系统只保存其摘要，无法追溯投票人。</p>`,
  );
}
