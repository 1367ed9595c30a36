import { Alert, Button, Card, Form, Input, Typography, message } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { homeOf } from '../app/home';
import { useI18n } from '../i18n/i18n';
import { ReminderSettingsCard } from '../roles/inbox/ReminderSettingsCard';
import { ProblemAlert, showFieldErrors } from '../ui/problems';
import { session } from './session';
import { useUser } from './useSession';

/** One's own password; the only page an account with an initial password may open. */
export default function ChangePasswordPage() {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] }>();
  const [busy, setBusy] = useState(false);
  return (
    <main className={user.mustChangePassword ? 'login-page' : undefined} id="main">
      <Card style={{ maxWidth: 460, width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('password.title')}
        </Typography.Title>
        {user.mustChangePassword && <Alert type="info" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />}
        {failure && <ProblemAlert error={failure.error} messages={failure.lines} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={async (values: { currentPassword: string; newPassword: string }) => {
            setBusy(true);
            setFailure(undefined);
            try {
              const next = await session.changePassword(values.currentPassword, values.newPassword);
              void message.success(t('password.changed'));
              form.resetFields();
              navigate(homeOf(next), { replace: true });
            } catch (error) {
              const lines = showFieldErrors(form, error);
              if (lines.length > 0) setFailure({ error, lines });
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true, message: t('book.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label={t('password.new')} name="newPassword" extra={t('password.rules')} rules={[{ required: true, message: t('book.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('password.confirm')}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('book.required') },
              ({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      {!user.mustChangePassword && <ReminderSettingsCard />}
    </main>
  );
}
