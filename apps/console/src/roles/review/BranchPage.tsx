import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { apiGet, apiPost } from '../../api/client';
import { useMe, useNames, useOrgUnits } from '../../api/directory';
import { ApiProblem } from '../../api/problem';
import type { BranchProgress, PledgeSummary, QueueEntry } from '../../api/views';
import { hasRole, useUser } from '../../auth/useSession';
import { formatDateTime, formatYuan } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useYear } from '../member/useYear';

/** A branch's progress through the year's vetting, its publication act, its board of published books, and overdue reviews. */
export default function BranchPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const me = useMe();
  const units = useOrgUnits();
  const names = useNames();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const [chosen, setChosen] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [publishing, setPublishing] = useState(false);
  const branches = (units.data ?? []).filter((u) => u.type === 'party-branch');
  const branchId = chosen ?? me.data?.branchId ?? branches[0]?.orgUnitId;
  const progress = useQuery({
    queryKey: ['progress', branchId, year],
    enabled: !!branchId,
    queryFn: async () => (await apiGet<BranchProgress>('/api/v1/reviews/branches/{branchId}/progress', { path: { branchId: branchId! }, query: { year } })).data,
  });
  const board = useQuery({
    queryKey: ['board', branchId, year],
    enabled: !!branchId,
    queryFn: async () => (await apiGet<{ pledges: PledgeSummary[] }>('/api/v1/org-units/{branchId}/board', { path: { branchId: branchId! }, query: { year } })).data.pledges,
  });
  const overseer = hasRole(user, ['branch-secretary', 'leading-group', 'bureau-admin']);
  const overdue = useQuery({
    queryKey: ['overdue', user.bureauId],
    enabled: overseer,
    queryFn: async () => (await apiGet<{ items: QueueEntry[] }>('/api/v1/reviews/overdue', { query: { bureauId: user.bureauId } })).data.items,
  });
  const publish = async () => {
    setPublishing(true);
    setFailure(undefined);
    try {
      const { data } = await apiPost<{ pledgeIds: string[] }>('/api/v1/reviews/branches/{branchId}/publications', { year }, { path: { branchId: branchId! } });
      void message.success(t('branch.published', { count: data.pledgeIds.length }));
      for (const key of ['progress', 'board', 'queue']) void queryClient.invalidateQueries({ queryKey: [key] });
    } catch (error) {
      if (error instanceof ApiProblem && error.problem.code === 'nothing_to_publish') void message.info(t('branch.nothing'));
      else setFailure(error);
    } finally {
      setPublishing(false);
    }
  };
  const p = progress.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('branch.title')}
        </Typography.Title>
        <Select aria-label={t('branch.choose')} value={branchId} onChange={setChosen} style={{ minWidth: 180 }} options={branches.map((b) => ({ value: b.orgUnitId, label: b.name }))} />
        <YearSelect value={year} onChange={setYear} />
        {hasRole(user, ['branch-secretary']) && branchId && (
          <Button type="primary" onClick={() => void publish()} loading={publishing}>
            {t('branch.publish')}
          </Button>
        )}
      </Space>
      {failure !== undefined && <ProblemAlert error={failure} />}
      {progress.error && <ProblemAlert error={progress.error} />}
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('branch.progress')}</Typography.Title>} loading={progress.isLoading}>
        <Row gutter={[16, 16]}>
          {(
            [
              ['branch.members', p?.members],
              ['status.draft', p?.drafted],
              ['status.submitted', p?.submitted],
              ['status.approved', p?.approved],
              ['status.published', p?.published],
              ['status.returned', p?.books.returned],
            ] as const
          ).map(([key, value]) => (
            <Col key={key} xs={12} sm={8} md={4}>
              <Statistic title={t(key)} value={value ?? 0} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('branch.board')}</Typography.Title>}>
        <Table
          size="small"
          rowKey="pledgeId"
          loading={board.isLoading}
          dataSource={board.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('common.pledger'), key: 'who', render: (_, b) => <Link to={`/member/books/${b.pledgeId}`}>{b.pledger.orgUnitId ? names(b.pledger.orgUnitId) : b.pledger.memberIds.map(names).join('、')}</Link> },
            { title: t('book.items'), key: 'items', render: (_, b) => b.items.length },
            { title: t('record.peopleAided'), key: 'people', align: 'right', render: (_, b) => b.totals?.peopleAided ?? 0 },
            { title: t('record.amount'), key: 'amount', align: 'right', render: (_, b) => formatYuan(b.totals?.amountFen ?? 0, locale) },
            { title: t('record.hours'), key: 'hours', align: 'right', render: (_, b) => b.totals?.volunteerHours ?? 0 },
            { title: t('status.published'), dataIndex: 'publishedAt', render: (at?: string) => formatDateTime(at, locale) },
          ]}
        />
      </Card>
      {overseer && (
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('deadlines.overdue')}</Typography.Title>}>
          <Table
            size="small"
            rowKey="pledgeId"
            loading={overdue.isLoading}
            dataSource={overdue.data ?? []}
            locale={{ emptyText: t('common.none') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('common.pledger'), key: 'who', render: (_, e) => <Link to={`/review/${e.pledgeId}`}>{e.pledger.orgUnitId ? names(e.pledger.orgUnitId) : e.pledger.memberIds.map(names).join('、')}</Link> },
              { title: t('common.status'), key: 'stage', render: (_, e) => <Tag color="red">{t(e.stage === 'group' ? 'status.group' : 'status.branch')}</Tag> },
              { title: t('queue.since'), dataIndex: 'stageSince', render: (at: string) => formatDateTime(at, locale) },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
