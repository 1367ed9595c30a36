import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { apiPost, client } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { formatDateTime } from '../../format/format';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { useAction } from '../appraisal/useAction';
import { useAttempts, useParked, useSubscription } from './api';
import { TargetText } from './TargetText';
import type { Attempt } from './types';

const OUTCOME_COLOURS = { delivered: 'success', failed: 'warning', parked: 'error' } as const;

/** One subscription: what it receives, pause, resume or delete it, its delivery attempts and what was parked. */
export default function SubscriptionPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const subscription = useSubscription(id);
  const s = subscription.data;
  const attempts = useAttempts(id);
  const parked = useParked(id, !!s?.target);
  const action = useAction();
  // A batched subscription's rows each stand for a request of several events.
  const batched = !!s?.target?.batch || attempts.items.some((a) => a.eventCount !== undefined);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['system'] });

  const post = (name: 'pause' | 'resume' | 'redeliver', done: string) =>
    action.run(name, async () => {
      await apiPost(name === 'redeliver' ? '/api/v1/subscriptions/{id}/redeliver' : name === 'pause' ? '/api/v1/subscriptions/{id}/pause' : '/api/v1/subscriptions/{id}/resume', name === 'redeliver' ? {} : (undefined as never), { path: { id } });
      refresh();
    }, done);
  const remove = () =>
    action.run('delete', async () => {
      const { response, error } = await client.DELETE('/api/v1/subscriptions/{id}', { params: { path: { id } } });
      if (!response.ok) throw new ApiProblem({ status: response.status, title: response.statusText, ...(error && typeof error === 'object' ? (error as object) : {}) });
      refresh();
      navigate('/system/subscriptions');
    }, t('system.deleted'));

  if (subscription.error) return <ProblemAlert error={subscription.error} />;
  if (!s) return <Loading />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('system.subscriptionTitle', { id: s.subscriptionId })}
        </Typography.Title>
        <Link to="/system/subscriptions">{t('system.backToSubscriptions')}</Link>
      </Space>
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={refresh} />}
      <Card
        title={<CardTitle>{t('system.subscription')}</CardTitle>}
        extra={
          <Space wrap>
            {s.status === 'active' ? (
              <Button onClick={() => void post('pause', t('system.paused'))} loading={action.busy === 'pause'}>
                {t('system.pause')}
              </Button>
            ) : (
              <Button onClick={() => void post('resume', t('system.resumed'))} loading={action.busy === 'resume'}>
                {t('system.resume')}
              </Button>
            )}
            <Popconfirm title={t('system.deleteConfirm')} okText={t('system.delete')} cancelText={t('common.cancel')} onConfirm={() => void remove()}>
              <Button danger loading={action.busy === 'delete'}>
                {t('system.delete')}
              </Button>
            </Popconfirm>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('common.status')}>
            <Tag color={s.status === 'active' ? 'success' : 'warning'}>{t(`system.status.${s.status}`)}</Tag>
            {s.pausedReason && `${s.pausedReason} · ${formatDateTime(s.pausedAt, locale)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('system.owner')}>{`${s.owner.subscriberId}@${s.owner.bureauId}`}</Descriptions.Item>
          <Descriptions.Item label={t('system.topic')}>{s.topic}</Descriptions.Item>
          <Descriptions.Item label={t('system.types')}>{s.types?.join('、') ?? t('system.allTypes')}</Descriptions.Item>
          <Descriptions.Item label={t('system.scope')}>{`${s.bureauScope.bureauId}${s.bureauScope.includeDescendants ? t('system.andBelow') : ''}`}</Descriptions.Item>
          <Descriptions.Item label={t('system.target')}>{s.target ? <TargetText target={s.target} /> : t('system.feed')}</Descriptions.Item>
          <Descriptions.Item label={t('system.createdAt')}>{formatDateTime(s.createdAt, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('system.secrets')}>{s.secrets.length}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={<CardTitle>{t('system.attempts')}</CardTitle>}>
        <Table
          size="small"
          rowKey="attemptId"
          loading={attempts.isLoading}
          dataSource={attempts.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: s.target ? t('system.noAttempt') : t('system.feedNoAttempts') }}
          columns={[
            { title: t('system.attemptedAt'), key: 'at', render: (_, a) => formatDateTime(a.attemptedAt, locale) },
            { title: t('system.eventType'), dataIndex: 'eventType' },
            ...(batched ? [{ title: t('system.events'), key: 'events', align: 'right' as const, render: (_: unknown, a: Attempt) => (a.eventCount === undefined ? '—' : t('system.eventCount', { count: a.eventCount })) }] : []),
            { title: t('system.attempt'), dataIndex: 'attempt', align: 'right' },
            { title: t('system.httpStatus'), key: 'status', render: (_, a) => a.status ?? '—' },
            { title: t('system.latency'), key: 'latency', align: 'right', render: (_, a) => `${a.latencyMs} ms` },
            { title: t('system.outcome'), key: 'outcome', render: (_, a) => <Tag color={OUTCOME_COLOURS[a.outcome]}>{t(`system.outcome.${a.outcome}`)}</Tag> },
            { title: t('system.error'), dataIndex: 'error' },
          ]}
        />
        {attempts.hasNextPage && (
          <Button style={{ marginTop: 12 }} onClick={() => void attempts.fetchNextPage()} loading={attempts.isFetchingNextPage}>
            {t('common.more')}
          </Button>
        )}
      </Card>
      {s.target && (
        <Card
          title={<CardTitle>{t('system.parked')}</CardTitle>}
          extra={
            (parked.data?.length ?? 0) > 0 && (
              <Button onClick={() => void post('redeliver', t('system.redelivering'))} loading={action.busy === 'redeliver'}>
                {t('system.redeliver')}
              </Button>
            )
          }
        >
          <Table
            size="small"
            rowKey="parkedId"
            loading={parked.isLoading}
            dataSource={parked.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('system.noParked') }}
            columns={[
              { title: t('system.parkedAt'), key: 'at', render: (_, p) => formatDateTime(p.parkedAt, locale) },
              { title: t('system.eventType'), dataIndex: 'eventType' },
              { title: t('system.attempt'), dataIndex: 'attempts', align: 'right' },
              { title: t('system.error'), dataIndex: 'lastError' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
