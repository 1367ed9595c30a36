import { Button, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { apiGet } from '../../api/client';
import { useNames } from '../../api/directory';
import type { Page, PledgeSummary } from '../../api/views';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { StatusTag } from '../../ui/labels';
import { ProblemAlert } from '../../ui/problems';
import { usePaged } from '../../ui/usePaged';
import { YearSelect } from '../../ui/YearSelect';
import { useYear } from '../member/useYear';

const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published', 'closed', 'withdrawn'];

/** The bureau's pledge books of a year, paged, to pick one to audit. */
export default function AuditListPage() {
  const { t, label, locale } = useI18n();
  const names = useNames();
  const [year, setYear] = useYear();
  const [status, setStatus] = useState<string>();
  const list = usePaged<PledgeSummary>(['audit-list', year, status], async (cursor) => (await apiGet<Page<PledgeSummary>>('/api/v1/pledges', { query: { year, status, limit: 50, cursor } })).data);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('audit.title')}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
        <Select aria-label={t('common.status')} allowClear placeholder={t('common.status')} value={status} onChange={setStatus} style={{ width: 140 }} options={STATUSES.map((s) => ({ value: s, label: label('status', s) }))} />
      </Space>
      {list.error && <ProblemAlert error={list.error} />}
      <Table
        size="small"
        rowKey="pledgeId"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('common.pledger'), key: 'who', render: (_, p) => <Link to={`/audit/${p.pledgeId}`}>{p.pledger.orgUnitId ? names(p.pledger.orgUnitId) : p.pledger.memberIds.map(names).join('、')}</Link> },
          { title: t('common.status'), key: 'status', render: (_, p) => <StatusTag status={p.status} /> },
          { title: t('book.items'), key: 'items', render: (_, p) => p.items.length },
          { title: t('audit.time'), dataIndex: 'updatedAt', render: (at: string) => formatDateTime(at, locale) },
        ]}
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.more')}
        </Button>
      )}
    </Space>
  );
}
