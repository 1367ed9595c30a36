import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { apiGet } from '../../api/client';
import { useNames } from '../../api/directory';
import type { QueueEntry } from '../../api/views';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';

/** The reviews waiting for the caller: as group leader (group) and as secretary or leading group (branch). */
export default function QueuePage() {
  const { t, label, locale } = useI18n();
  const names = useNames();
  const queue = useQuery({ queryKey: ['queue'], queryFn: async () => (await apiGet<{ group: QueueEntry[]; branch: QueueEntry[] }>('/api/v1/reviews/queue')).data });
  const table = (entries: QueueEntry[] | undefined) => (
    <Table
      size="small"
      rowKey="pledgeId"
      loading={queue.isLoading}
      dataSource={entries ?? []}
      locale={{ emptyText: t('queue.empty') }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      rowClassName={(e) => (e.overdue ? 'overdue-row' : '')}
      columns={[
        {
          title: t('common.pledger'),
          key: 'pledger',
          render: (_, e) => <Link to={`/review/${e.pledgeId}`}>{e.pledger.orgUnitId ? names(e.pledger.orgUnitId) : e.pledger.memberIds.map(names).join('、')}</Link>,
        },
        { title: t('common.year'), dataIndex: 'year' },
        { title: t('common.status'), key: 'type', render: (_, e) => label('pledger', e.pledger.type) },
        { title: t('review.roundLabel'), dataIndex: 'round' },
        { title: t('queue.since'), dataIndex: 'stageSince', render: (at: string) => formatDateTime(at, locale) },
        { title: '', key: 'overdue', render: (_, e) => (e.overdue ? <Tag color="red">{t('common.overdue')}</Tag> : null) },
      ]}
    />
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t('queue.title')}
      </Typography.Title>
      {queue.error && <ProblemAlert error={queue.error} />}
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('queue.group')}</Typography.Title>}>{table(queue.data?.group)}</Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('queue.branch')}</Typography.Title>}>{table(queue.data?.branch)}</Card>
    </Space>
  );
}
