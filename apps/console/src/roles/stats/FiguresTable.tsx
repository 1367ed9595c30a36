import { Table } from 'antd';
import { useEffect, useRef } from 'react';
import { formatYuan } from '../../format/format';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { percent, type Row } from './figures';

/** One statistics table: a row per scope (branch, group, year or bureau), the figures in columns. */
export function FiguresTable({ rows, scopeTitle, loading }: { rows: Row[]; scopeTitle: string; loading: boolean }) {
  const { t, locale } = useI18n();
  const wrapper = useRef<HTMLDivElement>(null);
  // A table wider than the page scrolls sideways: its scrolling box takes the keyboard's focus
  // (arrow keys scroll it), named as the table is (axe: scrollable-region-focusable).
  useEffect(() => {
    wrapper.current?.querySelectorAll<HTMLElement>('.ant-table-content').forEach((box) => {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', scopeTitle);
    });
  });
  const n = (key: keyof Row) => ({ title: t(`stats.col.${key}` as never), key, align: 'right' as const, render: (_: unknown, r: Row) => String(r[key] ?? 0) });
  return (
    <div ref={wrapper}>
    <Table
      size="small"
      rowKey="key"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('stats.noRows') }}
      rowClassName={(r) => (r.key === '__sum' ? 'stats-sum' : '')}
      columns={[
        { title: scopeTitle, key: 'scope', fixed: 'left', render: (_, r) => (r.key === '__sum' ? <strong>{r.scope}</strong> : r.scope) },
        n('booksPublished'),
        n('deedsPledged'),
        n('deedsDone'),
        { title: t('stats.col.fulfilmentRate'), key: 'fulfilmentRate', align: 'right', render: (_, r) => percent(r.fulfilmentRate) },
        n('peopleAided'),
        { title: t('stats.col.amountFen'), key: 'amountFen', align: 'right', render: (_, r) => formatYuan(r.amountFen, locale) },
        n('volunteerHours'),
        { title: t('stats.col.checkCompliance'), key: 'checkCompliance', align: 'right', render: (_, r) => percent(r.checkCompliance) },
        { title: t('stats.col.onTrackRate'), key: 'onTrackRate', align: 'right', render: (_, r) => percent(r.onTrackRate) },
        { title: t('stats.col.excellent'), key: 'excellent', align: 'right', render: (_, r) => String(r.grades.excellent) },
        n('grants'),
        { title: t('stats.col.grantsAmountFen'), key: 'grantsAmountFen', align: 'right', render: (_, r) => formatYuan(r.grantsAmountFen, locale) },
      ]}
    />
    </div>
  );
}
