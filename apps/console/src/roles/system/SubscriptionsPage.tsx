import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { apiPost } from '../../api/client';
import { formatDateTime } from '../../format/format';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { ProblemAlert } from '../../ui/problems';
import { useAction } from '../appraisal/useAction';
import { useBureauTree, useSubscriptions } from './api';
import { TargetText } from './TargetText';
import { DEFAULT_BATCH_EVENTS, MAX_BATCH_EVENTS, MIN_BATCH_EVENTS, toCreateBody, type SubscriptionFormValues as CreateForm } from './subscription-form';
import { TOPICS, type Subscription } from './types';

/** Outside systems' subscriptions: every one the system admin may see, and a new webhook or feed for a subscriber account. */
export default function SubscriptionsPage() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const list = useSubscriptions();
  const tree = useBureauTree();
  const [form] = Form.useForm<CreateForm>();
  const action = useAction(form);
  const [created, setCreated] = useState<Subscription>();
  const hasTarget = !!Form.useWatch(['target', 'url'], form)?.trim();
  const batched = !!Form.useWatch(['target', 'batched'], form);
  const bureaus = (tree.data?.items ?? []).map((b) => ({ value: b.bureauId, label: `${'　'.repeat(b.depth)}${b.name}（${b.bureauId}）` }));

  const create = (v: CreateForm) =>
    action.run(
      'create',
      async () => {
        const { data } = await apiPost<Subscription>('/api/v1/subscriptions', toCreateBody(v));
        setCreated(data);
        form.resetFields();
        void queryClient.invalidateQueries({ queryKey: ['system', 'subscriptions'] });
      },
      t('system.subscriptionCreated'),
    );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t('system.subscriptions')}
      </Typography.Title>
      {list.error && <ProblemAlert error={list.error} />}
      {created && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(undefined)}
          title={t('system.createdId', { id: created.subscriptionId })}
          description={created.secret ? <>{t('system.secretOnce')}<Typography.Text code copyable>{created.secret}</Typography.Text></> : t('system.feedOnly')}
        />
      )}
      <Card title={<CardTitle>{t('system.subscriptionList')}</CardTitle>}>
        <Table
          size="small"
          rowKey="subscriptionId"
          loading={list.isLoading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('system.noSubscription') }}
          columns={[
            { title: t('system.subscription'), key: 'id', render: (_, s) => <Link to={`/system/subscriptions/${s.subscriptionId}`}>{s.subscriptionId}</Link> },
            { title: t('system.owner'), key: 'owner', render: (_, s) => `${s.owner.subscriberId}@${s.owner.bureauId}` },
            { title: t('system.topic'), dataIndex: 'topic' },
            { title: t('system.scope'), key: 'scope', render: (_, s) => `${s.bureauScope.bureauId}${s.bureauScope.includeDescendants ? t('system.andBelow') : ''}` },
            { title: t('system.target'), key: 'target', render: (_, s) => (s.target ? <TargetText target={s.target} /> : <Tag>{t('system.feed')}</Tag>) },
            { title: t('common.status'), key: 'status', render: (_, s) => <Tag color={s.status === 'active' ? 'success' : 'warning'}>{t(`system.status.${s.status}`)}</Tag> },
            { title: t('system.createdAt'), key: 'at', render: (_, s) => formatDateTime(s.createdAt, locale) },
          ]}
        />
        {list.hasNextPage && (
          <Button style={{ marginTop: 12 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.more')}
          </Button>
        )}
      </Card>
      <Card title={<CardTitle>{t('system.newSubscription')}</CardTitle>}>
        {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} />}
        <Form form={form} layout="vertical" style={{ maxWidth: 620 }} initialValues={{ topic: TOPICS[0], bureauScope: { includeDescendants: true }, target: { batched: false, batch: { maxEvents: DEFAULT_BATCH_EVENTS } } }} onFinish={(v) => void create(v)}>
          <Space wrap align="start">
            <Form.Item label={t('system.ownerBureau')} name={['owner', 'bureauId']} rules={[{ required: true, message: t('book.required') }]}>
              <Select showSearch optionFilterProp="label" options={bureaus} style={{ minWidth: 260 }} />
            </Form.Item>
            <Form.Item label={t('system.subscriberId')} name={['owner', 'subscriberId']} extra={t('system.subscriberHint')} rules={[{ required: true, message: t('book.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Space>
          <Form.Item label={t('system.topic')} name="topic" rules={[{ required: true, message: t('book.required') }]}>
            <Select options={TOPICS.map((topic) => ({ value: topic, label: topic }))} />
          </Form.Item>
          <Form.Item label={t('system.types')} name="types" extra={t('system.typesHint')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item label={t('system.scope')} name={['bureauScope', 'bureauId']} rules={[{ required: true, message: t('book.required') }]}>
              <Select showSearch optionFilterProp="label" options={bureaus} style={{ minWidth: 260 }} />
            </Form.Item>
            <Form.Item label={t('system.includeDescendants')} name={['bureauScope', 'includeDescendants']} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item label={t('system.target')} name={['target', 'url']} extra={t('system.targetHint')}>
            <Input type="url" maxLength={2000} placeholder="https://" />
          </Form.Item>
          {hasTarget && (
            <Space wrap align="start" style={{ display: 'flex' }}>
              <Form.Item label={t('system.batched')} name={['target', 'batched']} valuePropName="checked" extra={t('system.batchedHint')} style={{ maxWidth: 300 }}>
                <Switch />
              </Form.Item>
              {batched && (
                <Form.Item label={t('system.maxEvents')} name={['target', 'batch', 'maxEvents']} extra={t('system.maxEventsHint')} rules={[{ required: true, message: t('book.required') }]}>
                  <InputNumber min={MIN_BATCH_EVENTS} max={MAX_BATCH_EVENTS} precision={0} style={{ width: 160 }} />
                </Form.Item>
              )}
            </Space>
          )}
          <Button type="primary" htmlType="submit" loading={action.busy === 'create'}>
            {t('system.create')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
