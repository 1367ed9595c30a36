import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { apiPost } from '../../api/client';
import { hasRole, useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useAction } from '../appraisal/useAction';
import { useYear } from '../member/useYear';
import { usePolicy, useSelections } from './api';
import { RewardNav } from './RewardNav';
import { RewardTag } from './tags';
import type { Selection } from './types';

interface OpenForm {
  honourId: string;
  title?: string;
  quota: number;
}

/** 评先选优: the year's selections, and for the leading group a new one for a selection honour of the policy. */
export default function SelectionsPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const selections = useSelections(year);
  const policy = usePolicy(year);
  const [form] = Form.useForm<OpenForm>();
  const action = useAction(form);
  const leading = hasRole(user, ['leading-group']);
  const honours = (policy.data?.current?.honours ?? []).filter((h) => h.award === 'selection');

  const open = (v: OpenForm) =>
    action.run(
      'open',
      async () => {
        const { data } = await apiPost<Selection, '/api/v1/rewards/selections'>('/api/v1/rewards/selections', { year, honourId: v.honourId, quota: v.quota, ...(v.title ? { title: v.title } : {}) });
        void queryClient.invalidateQueries({ queryKey: ['reward', 'selections'] });
        navigate(`/reward/selections/${data.selectionId}`);
      },
      t('reward.selectionOpened'),
    );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <RewardNav title={t('reward.selections')} extra={<YearSelect value={year} onChange={setYear} />} />
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={() => void queryClient.invalidateQueries({ queryKey: ['reward'] })} />}
      {selections.error && <ProblemAlert error={selections.error} />}
      <Card title={<CardTitle>{t('reward.selectionsOf', { year })}</CardTitle>}>
        <Table
          size="small"
          rowKey="selectionId"
          loading={selections.isLoading}
          dataSource={selections.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reward.noSelection') }}
          columns={[
            { title: t('reward.honour'), key: 'title', render: (_, s) => <Link to={`/reward/selections/${s.selectionId}`}>{s.title ?? s.honour?.title ?? s.selectionId}</Link> },
            { title: t('reward.quota'), dataIndex: 'quota' },
            { title: t('common.status'), key: 'status', render: (_, s) => <RewardTag value={s.status} /> },
            { title: t('reward.nominations'), key: 'n', render: (_, s) => s.nominations.length },
            { title: t('reward.selected'), key: 'sel', render: (_, s) => s.decision?.selected.length ?? '—' },
            { title: t('reward.openedAt'), key: 'at', render: (_, s) => formatDateTime(s.openedAt, locale) },
          ]}
        />
      </Card>
      {leading && (
        <Card title={<CardTitle>{t('reward.openSelection')}</CardTitle>}>
          {policy.data === null && <Alert type="info" showIcon title={t('reward.noPolicy', { year })} style={{ marginBottom: 16 }} />}
          {policy.data && honours.length === 0 && <Alert type="info" showIcon title={t('reward.noSelectionHonour')} style={{ marginBottom: 16 }} />}
          {policy.error && <ProblemAlert error={policy.error} />}
          {honours.length > 0 && (
            <Form form={form} layout="vertical" style={{ maxWidth: 520 }} initialValues={{ honourId: honours[0]?.honourId, quota: honours[0]?.quota ?? 1 }} onFinish={(v) => void open(v)}>
              <Form.Item label={t('reward.honour')} name="honourId" rules={[{ required: true, message: t('book.required') }]}>
                <Select
                  options={honours.map((h) => ({ value: h.honourId, label: `${h.title}${h.quota ? ` · ${t('reward.quotaOf', { quota: h.quota })}` : ''}` }))}
                  onChange={(id: string) => form.setFieldValue('quota', honours.find((h) => h.honourId === id)?.quota ?? 1)}
                />
              </Form.Item>
              <Form.Item label={t('reward.selectionTitle')} name="title" extra={t('reward.selectionTitleHint')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item label={t('reward.quota')} name="quota" rules={[{ required: true, message: t('book.required') }]}>
                <InputNumber min={1} max={1000} precision={0} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={action.busy === 'open'}>
                {t('reward.openSelection')}
              </Button>
            </Form>
          )}
        </Card>
      )}
      <Typography.Paragraph type="secondary">{t('reward.selectionHint')}</Typography.Paragraph>
    </Space>
  );
}
