import type { HTMLAttributes } from 'react';
import { Badge, Button, Card, Space, Switch, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useNames } from '../../api/directory';
import { useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';
import { usePaged } from '../../ui/usePaged';
import { loadInbox, REMINDERS_KEY, useMarkRead, useUnreadCount } from './api';
import { reminderText } from './reminder-text';
import { reminderLink, type Reminder } from './reminders';

/** My reminders, newest first, paged: unread ones marked, each with its kind in words and a link to what it is about. */
export default function InboxPage() {
  const { t, label, locale } = useI18n();
  const user = useUser();
  const names = useNames();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = usePaged<Reminder>([REMINDERS_KEY, user.bureauId, user.memberId, 'list', unreadOnly], (cursor) => loadInbox({ cursor, unread: unreadOnly }));
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const read = async (body: { reminderIds: string[] } | { all: true }) => {
    await markRead.mutateAsync(body).catch(() => undefined);
  };
  const opened = (r: Reminder) => {
    if (!r.read) void read({ reminderIds: [r.reminderId] });
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t('inbox.title')}
      </Typography.Title>
      {list.error && <ProblemAlert error={list.error} />}
      {markRead.error && <ProblemAlert error={markRead.error} />}
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('inbox.unreadCount', { count: unread.data ?? 0 })}</Typography.Title>}
        extra={
          <Space wrap>
            <Space size="small">
              <Switch id="inbox-unread-only" checked={unreadOnly} onChange={setUnreadOnly} size="small" />
              <label htmlFor="inbox-unread-only">{t('inbox.unreadOnly')}</label>
            </Space>
            <Button
              disabled={!unread.data}
              loading={markRead.isPending && markRead.variables && 'all' in markRead.variables}
              onClick={async () => {
                await markRead.mutateAsync({ all: true }).then(() => void message.success(t('inbox.markedRead')), () => undefined);
              }}
            >
              {t('inbox.markAllRead')}
            </Button>
            <Link to="/account#reminder-settings">{t('inbox.settingsLink')}</Link>
          </Space>
        }
      >
        <Table<Reminder>
          size="small"
          rowKey="reminderId"
          loading={list.isLoading}
          dataSource={list.items}
          pagination={false}
          locale={{ emptyText: t('inbox.empty') }}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ 'data-testid': `reminder-${r.kind}`, 'data-read': String(r.read), style: r.read ? undefined : { background: '#fff7f5' } }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('inbox.state'),
              key: 'state',
              render: (_, r) => (r.read ? <Typography.Text type="secondary">{t('inbox.read')}</Typography.Text> : <Badge status="error" text={<strong>{t('inbox.unread')}</strong>} />),
            },
            { title: t('inbox.kind'), key: 'kind', render: (_, r) => <Tag>{label('reminderKind', r.kind)}</Tag> },
            {
              title: t('inbox.what'),
              key: 'what',
              render: (_, r) => {
                const text = reminderText(r, user, t, names);
                return (
                  <Space direction="vertical" size={0}>
                    <span style={r.read ? undefined : { fontWeight: 600 }}>{text}</span>
                    {r.mail && <Typography.Text type="secondary">{t(`inbox.mail.${r.mail}`)}</Typography.Text>}
                  </Space>
                );
              },
            },
            { title: t('inbox.at'), dataIndex: 'issuedAt', render: (at: string) => formatDateTime(at, locale) },
            {
              title: '',
              key: 'actions',
              render: (_, r) => {
                const to = reminderLink(r, user);
                return (
                  <Space size="small">
                    {to && (
                      <Link to={to} onClick={() => opened(r)} aria-label={`${t('inbox.open')}：${label('reminderKind', r.kind)}`}>
                        {t('inbox.open')}
                      </Link>
                    )}
                    {!r.read && (
                      <Button size="small" type="link" onClick={() => void read({ reminderIds: [r.reminderId] })} aria-label={`${t('inbox.markRead')}：${label('reminderKind', r.kind)}`}>
                        {t('inbox.markRead')}
                      </Button>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
        {list.hasNextPage && (
          <Button style={{ marginTop: 12 }} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.more')}
          </Button>
        )}
      </Card>
    </Space>
  );
}
