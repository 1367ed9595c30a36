import { GRADE_LABELS, type Grade } from '@pledgebook/appraisal-domain';
import { chineseDate, escapeHtml, page } from '../http/html';

export interface NoticeLine {
  memberId: string;
  name: string;
  unit?: string;
  points?: number;
  grade?: Grade;
  status: 'on-notice' | 'rescoring' | 'final';
  notice?: { startsOn: string; endsOn: string; workingDays: number };
  noticeNo?: number;
}

const HALF_LABEL = { H1: '上半年', H2: '下半年' } as const;
const STATUS_LABEL = { 'on-notice': '公示中', rescoring: '复核中', final: '已确定' } as const;

/**
 * The public notice (公示) of a round's results, printable: who, points, grade, and when the
 * notice runs. It names no objector and quotes no objection.
 */
export function renderNotice(bureauName: string, year: number, half: 'H1' | 'H2', lines: readonly NoticeLine[], options: { final: boolean; postedOn?: string }): string {
  const periods = [...new Map(lines.flatMap((l) => (l.notice ? [[`${l.notice.startsOn}|${l.notice.endsOn}`, l.notice] as const] : []))).values()].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const rows = lines
    .map(
      (l, i) =>
        `<tr><td class="num">${i + 1}</td><td>${escapeHtml(l.name)}</td><td>${escapeHtml(l.unit ?? '')}</td><td class="num">${l.status === 'rescoring' || l.points === undefined ? '—' : l.points.toFixed(2)}</td><td>${l.status === 'rescoring' || !l.grade ? '—' : GRADE_LABELS[l.grade]}</td><td>${STATUS_LABEL[l.status]}${l.noticeNo && l.noticeNo > 1 ? '（重新公示）' : ''}</td><td>${l.notice ? `${chineseDate(l.notice.startsOn)}至${chineseDate(l.notice.endsOn)}` : '—'}</td></tr>`,
    )
    .join('\n');
  const counts = (Object.keys(GRADE_LABELS) as Grade[]).map((g) => `${GRADE_LABELS[g]} ${lines.filter((l) => l.grade === g && l.status !== 'rescoring').length} 人`).join('，');
  const period = periods.map((p) => `${chineseDate(p.startsOn)}至${chineseDate(p.endsOn)}（${p.workingDays}个工作日）`).join('；');
  return page(
    `${bureauName}${year}年${HALF_LABEL[half]}党员目标承诺考核结果公示`,
    `<h1>公　示</h1>
<p class="lead">${escapeHtml(bureauName)}${year}年${HALF_LABEL[half]}党员目标承诺考核结果</p>
<p>根据本局党员目标承诺考核办法，经考核办量化评分，现将${year}年${HALF_LABEL[half]}考核结果予以公示${options.final ? '。公示期已满，考核结果已确定' : ''}。</p>
<p>公示期：${period || '—'}。公示期间，本局干部职工如有异议，可向考核办书面反映；考核办对反映人信息予以保密。</p>
<table>
<thead><tr><th>序号</th><th>姓名</th><th>所在党支部</th><th>得分</th><th>等次</th><th>状态</th><th>公示期</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>等次分布：${counts}。</p>
<p class="foot">${escapeHtml(bureauName)}承诺考评办公室<br>${chineseDate(options.postedOn)}</p>`,
  );
}
