import { Alert, Button, Card, Checkbox, Form, Input, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { ApiProblem, fieldPath } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';
import { useReminderSettings, useSaveReminderSettings } from './api';
import { REMINDER_KINDS, type ReminderKind } from './reminders';

interface Values {
  muted: ReminderKind[];
  email: string;
}

const FIELDS = ['muted', 'email'] as const;

/**
 * "提醒设置" on the account page: the kinds I do not want and the address mail goes to. A problem
 * document's errors are shown beside the field they name (`/muted/0` beside the kinds); what was
 * typed stays in the form.
 */
export function ReminderSettingsCard() {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const settings = useReminderSettings();
  const save = useSaveReminderSettings();
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] }>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ muted: settings.data.muted, email: settings.data.email ?? '' });
  }, [settings.data, form]);
  return (
    <Card id="reminder-settings" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('reminderSettings.title')}</Typography.Title>} style={{ maxWidth: 460, width: '100%', marginTop: 16 }} loading={settings.isLoading}>
      {settings.error && <ProblemAlert error={settings.error} />}
      {settings.data && !settings.data.mailConfigured && <Alert type="info" showIcon title={t('reminderSettings.noMail')} style={{ marginBottom: 16 }} />}
      {failure && <ProblemAlert error={failure.error} messages={failure.lines} onReload={() => void settings.refetch()} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ muted: [], email: '' }}
        onFinish={async (values) => {
          setFailure(undefined);
          try {
            const email = values.email.trim();
            await save.mutateAsync({ muted: values.muted, email: email === '' ? null : email });
            void message.success(t('reminderSettings.saved'));
          } catch (error) {
            const lines = placeErrors(error);
            if (lines.length > 0) setFailure({ error, lines });
          }
        }}
      >
        <Form.Item name="muted" label={t('reminderSettings.muted')} extra={t('reminderSettings.mutedHint')}>
          <Checkbox.Group options={REMINDER_KINDS.map((kind) => ({ value: kind, label: label('reminderKind', kind) }))} style={{ display: 'grid', gap: 6 }} />
        </Form.Item>
        <Form.Item name="email" label={t('reminderSettings.email')} extra={t('reminderSettings.emailHint')}>
          <Input inputMode="email" autoComplete="email" maxLength={254} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );

  /** Each field error beside its field (the first segment of the pointer names it); the rest is returned. */
  function placeErrors(error: unknown): string[] {
    if (!(error instanceof ApiProblem)) return [error instanceof Error ? error.message : String(error)];
    const leftover: string[] = [];
    const placed = new Map<string, string[]>();
    for (const { field, message: text } of error.fieldErrors) {
      const name = fieldPath(field)[0];
      if (typeof name === 'string' && (FIELDS as readonly string[]).includes(name)) placed.set(name, [...(placed.get(name) ?? []), text]);
      else leftover.push(`${field}: ${text}`);
    }
    form.setFields([...placed].map(([name, errors]) => ({ name: name as keyof Values, errors })));
    if (error.fieldErrors.length === 0) leftover.push(error.message);
    return leftover;
  }
}
