import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { session } from './session';

export function signInMessage(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof ApiProblem && error.status === 429) return t('login.locked');
  if (error instanceof ApiProblem && error.status === 401) return t('login.failed');
  return error instanceof Error ? error.message : String(error);
}

/** Sign-in form, used as a page and inside the dialog that appears when a session ends mid-work. */
export function SignInForm({ username, onSignedIn }: { username?: string; onSignedIn: (mustChange: boolean) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Form
      layout="vertical"
      initialValues={{ username }}
      onFinish={async (values: { username: string; password: string }) => {
        setBusy(true);
        setError(undefined);
        try {
          const user = await session.signIn(values.username.trim(), values.password);
          onSignedIn(user.mustChangePassword);
        } catch (e) {
          setError(signInMessage(e, t));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('book.required') }]}>
        <Input autoComplete="username" autoFocus={!username} />
      </Form.Item>
      <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('book.required') }]}>
        <Input.Password autoComplete="current-password" autoFocus={!!username} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
