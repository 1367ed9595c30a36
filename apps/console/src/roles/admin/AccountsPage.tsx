import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { apiGet, apiPost } from '../../api/client';
import { useMembers, useNames } from '../../api/directory';
import type { Account, Member, Page } from '../../api/views';
import { useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert, showFieldErrors } from '../../ui/problems';
import { usePaged } from '../../ui/usePaged';
import { Handout, type IssuedPassword } from './Handout';

const GRANTABLE = ['member', 'group-leader', 'branch-secretary', 'appraisal-office', 'leading-group', 'auditor', 'bureau-admin'] as const;
type Grantable = (typeof GRANTABLE)[number];
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const BATCH = 500;

const usernameFor = (m: Member) => m.memberId.toLowerCase();
const rolesFor = (m: Member): Grantable[] => {
  const roles = m.roles.filter((r): r is Grantable => (GRANTABLE as readonly string[]).includes(r));
  return roles.length > 0 ? roles : ['member'];
};

/** A bureau's accounts: list (paged), create, disable/enable, reset, and accounts for every member at once. */
export default function AccountsPage() {
  const { t, label, locale } = useI18n();
  const { bureauId } = useUser();
  const names = useNames();
  const members = useMembers();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [issued, setIssued] = useState<IssuedPassword[]>();
  const [failure, setFailure] = useState<{ error: unknown; lines: string[] }>();
  const [busy, setBusy] = useState<string>();
  const accounts = usePaged<Account>(['accounts', bureauId], async (cursor) => (await apiGet<Page<Account>>('/api/v1/bureaus/{bureauId}/accounts', { path: { bureauId }, query: { limit: 100, cursor } })).data);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['accounts', bureauId] });

  const act = async (key: string, run: () => Promise<void>) => {
    setBusy(key);
    setFailure(undefined);
    try {
      await run();
      refresh();
    } catch (error) {
      setFailure({ error, lines: showFieldErrors(undefined, error) });
    } finally {
      setBusy(undefined);
    }
  };

  /** Everyone in the directory without an account (all pages of accounts are read first). */
  const withoutAccount = async (): Promise<Member[]> => {
    const have = new Set<string>();
    let cursor: string | undefined;
    do {
      const { data } = await apiGet<Page<Account>>('/api/v1/bureaus/{bureauId}/accounts', { path: { bureauId }, query: { limit: 200, cursor } });
      data.items.forEach((a) => (have.add(a.memberId), have.add(a.username)));
      cursor = data.nextCursor;
    } while (cursor);
    return (members.data ?? []).filter((m) => !have.has(m.memberId) && !have.has(usernameFor(m)) && USERNAME.test(usernameFor(m)));
  };

  const bulk = () =>
    act('bulk', async () => {
      const people = await withoutAccount();
      if (people.length === 0) {
        void message.info(t('accounts.bulkNone'));
        return;
      }
      const confirmed = await new Promise<boolean>((resolve) => Modal.confirm({ title: t('accounts.bulk'), content: t('accounts.bulkConfirm', { count: people.length }), onOk: () => resolve(true), onCancel: () => resolve(false) }));
      if (!confirmed) return;
      const made: IssuedPassword[] = [];
      for (let i = 0; i < people.length; i += BATCH) {
        const { data } = await apiPost<{ created: IssuedPassword[] }>('/api/v1/bureaus/{bureauId}/accounts/bulk', { accounts: people.slice(i, i + BATCH).map((m) => ({ username: usernameFor(m), memberId: m.memberId, roles: rolesFor(m) })) }, { path: { bureauId } });
        made.push(...data.created);
      }
      setIssued(made);
    });

  if (issued) return <Handout issued={issued} onClose={() => setIssued(undefined)} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('nav.accounts')}
        </Typography.Title>
        <Button onClick={() => void bulk()} loading={busy === 'bulk'} disabled={!members.data}>
          {t('accounts.bulk')}
        </Button>
      </Space>
      {failure && <ProblemAlert error={failure.error} messages={failure.lines} onReload={refresh} />}
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('accounts.create')}</Typography.Title>}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ roles: ['member'] }}
          onFinish={(v: { username: string; memberId: string; roles: Grantable[] }) =>
            void act('create', async () => {
              try {
                const { data } = await apiPost<{ created: IssuedPassword[] }>('/api/v1/bureaus/{bureauId}/accounts/bulk', { accounts: [v] }, { path: { bureauId } });
                form.resetFields();
                setIssued(data.created);
              } catch (error) {
                // Field errors of the one account (/accounts/0/username) go next to the form's fields.
                const lines = showFieldErrors(form, error, []);
                const mapped = (error as { fieldErrors?: { field: string }[] }).fieldErrors?.some((e) => e.field.startsWith('/accounts/0/'));
                if (mapped) {
                  showFieldErrors(form, Object.assign(Object.create(Object.getPrototypeOf(error)), error, { problem: { ...(error as { problem: object }).problem, errors: (error as { fieldErrors: { field: string; message: string }[] }).fieldErrors.map((e) => ({ ...e, field: e.field.replace('/accounts/0', '') })) } }));
                  return;
                }
                if (lines.length > 0) throw error;
              }
            })
          }
        >
          <Space wrap align="start">
            <Form.Item label={t('common.memberId')} name="memberId" rules={[{ required: true, message: t('book.required') }]} style={{ minWidth: 220 }}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={members.isLoading}
                options={(members.data ?? []).map((m) => ({ value: m.memberId, label: `${m.name} (${m.memberId})` }))}
                onChange={(id: string) => {
                  const m = members.data?.find((x) => x.memberId === id);
                  if (m) form.setFieldsValue({ username: usernameFor(m), roles: rolesFor(m) });
                }}
              />
            </Form.Item>
            <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('book.required') }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('common.roles')} name="roles" rules={[{ required: true, message: t('book.required') }]} style={{ minWidth: 260 }}>
              <Select mode="multiple" options={GRANTABLE.map((r) => ({ value: r, label: label('role', r) }))} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={busy === 'create'}>
            {t('accounts.create')}
          </Button>
        </Form>
      </Card>
      <Card>
        <Table
          size="small"
          rowKey="username"
          loading={accounts.isLoading}
          dataSource={accounts.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('login.username'), dataIndex: 'username' },
            { title: t('common.name'), dataIndex: 'memberId', render: (id: string) => names(id) },
            { title: t('common.roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{label('role', r)}</Tag>) },
            {
              title: t('common.status'),
              key: 'state',
              render: (_, a) => (
                <Space size={4} wrap>
                  <Tag color={a.disabled ? 'default' : 'green'}>{a.disabled ? t('accounts.disabled') : t('accounts.active')}</Tag>
                  {a.mustChangePassword && <Tag color="orange">{t('accounts.mustChange')}</Tag>}
                </Space>
              ),
            },
            { title: t('audit.time'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, a) => (
                <Space size="small" wrap>
                  <Popconfirm
                    title={t('accounts.reset')}
                    onConfirm={() =>
                      void act(`reset-${a.username}`, async () => {
                        const { data } = await apiPost<{ initialPassword: string }>('/api/v1/bureaus/{bureauId}/accounts/{username}/password-reset', {}, { path: { bureauId, username: a.username } });
                        setIssued([{ username: a.username, memberId: a.memberId, initialPassword: data.initialPassword }]);
                      })
                    }
                  >
                    <Button size="small" loading={busy === `reset-${a.username}`}>
                      {t('accounts.reset')}
                    </Button>
                  </Popconfirm>
                  <Button
                    size="small"
                    danger={!a.disabled}
                    loading={busy === `toggle-${a.username}`}
                    onClick={() =>
                      void act(`toggle-${a.username}`, async () => {
                        if (a.disabled) await apiPost('/api/v1/bureaus/{bureauId}/accounts/{username}/enable', undefined, { path: { bureauId, username: a.username } });
                        else await apiPost('/api/v1/bureaus/{bureauId}/accounts/{username}/disable', undefined, { path: { bureauId, username: a.username } });
                      })
                    }
                  >
                    {a.disabled ? t('accounts.enable') : t('accounts.disable')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        {accounts.hasNextPage && (
          <Button style={{ marginTop: 8 }} onClick={() => void accounts.fetchNextPage()} loading={accounts.isFetchingNextPage}>
            {t('common.more')}
          </Button>
        )}
      </Card>
    </Space>
  );
}
