import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, InputNumber, Space, Typography, message } from 'antd';
import { useState } from 'react';
import { apiGet, apiPut } from '../../api/client';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, showFieldErrors } from '../../ui/problems';

/** How many days each review stage may take before it shows as overdue. */
export default function DeadlinesPage() {
  const { t } = useI18n();
  const { bureauId } = useUser();
  const [form] = Form.useForm();
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] }>();
  const [busy, setBusy] = useState(false);
  const current = useQuery({
    queryKey: ['deadlines', bureauId],
    queryFn: async () => (await apiGet<{ deadlines: { groupDays: number; branchDays: number } }>('/api/v1/reviews/overdue', { query: { bureauId } })).data.deadlines,
  });
  if (current.isLoading) return <Loading />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t('deadlines.title')}
      </Typography.Title>
      <Card>
        {failure && <ProblemAlert error={failure.error} messages={failure.lines} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={current.data}
          onFinish={async (v: { groupDays: number; branchDays: number }) => {
            setBusy(true);
            setFailure(undefined);
            try {
              await apiPut('/api/v1/reviews/bureaus/{bureauId}/deadlines', v, { path: { bureauId } });
              void message.success(t('common.saved'));
              void current.refetch();
            } catch (error) {
              setFailure({ error, lines: showFieldErrors(form, error) });
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item label={t('deadlines.group')} name="groupDays" rules={[{ required: true, message: t('book.required') }]}>
            <InputNumber min={1} max={90} precision={0} />
          </Form.Item>
          <Form.Item label={t('deadlines.branch')} name="branchDays" rules={[{ required: true, message: t('book.required') }]}>
            <InputNumber min={1} max={90} precision={0} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
