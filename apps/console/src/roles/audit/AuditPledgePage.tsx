import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Slider, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { apiGet } from '../../api/client';
import { useNames } from '../../api/directory';
import { ApiProblem } from '../../api/problem';
import type { HistoryEntry, Page, Verification } from '../../api/views';
import { bureauTimeToIso, formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { StatusTag } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { usePaged } from '../../ui/usePaged';
import { BookItems } from '../member/BookItems';
import { usePledge } from '../member/BookPage';

/** The book as it stood at `asOf` (the service replays its events up to then). */
function AsOfBook({ pledgeId, asOf }: { pledgeId: string; asOf?: string }) {
  const { t } = useI18n();
  const book = usePledge(pledgeId, asOf);
  if (book.isLoading) return <Loading />;
  if (book.error instanceof ApiProblem && book.error.status === 404) return <Alert type="info" showIcon title={t('audit.notYet')} />;
  if (!book.data) return <ProblemAlert error={book.error} />;
  const b = book.data.data;
  return (
    <div data-testid="as-of-book" data-status={b.status} data-revision={b.revision}>
      <Space wrap style={{ marginBottom: 8 }}>
        <StatusTag status={b.status} />
        <Typography.Text type="secondary">rev. {b.revision}</Typography.Text>
      </Space>
      <BookItems items={b.items} returned={b.status === 'returned' ? b.lastReturn?.verdicts : undefined} />
    </div>
  );
}

/** An auditor's view of one pledge: its verified history, and the book as of any moment. */
export default function AuditPledgePage() {
  const { pledgeId } = useParams();
  const { t, locale, label } = useI18n();
  const names = useNames();
  const history = usePaged<HistoryEntry>(['history', pledgeId], async (cursor) => (await apiGet<Page<HistoryEntry>>('/api/v1/pledges/{pledgeId}/history', { path: { pledgeId: pledgeId! }, query: { limit: 200, cursor } })).data);
  const verify = useQuery({ queryKey: ['verify', pledgeId], queryFn: async () => (await apiGet<Verification>('/api/v1/pledges/{pledgeId}/verify', { path: { pledgeId: pledgeId! } })).data });
  const events = history.items;
  // The slider's last stop is "now"; every other stop is the moment an event was recorded.
  const [stop, setStop] = useState<number>();
  const [picked, setPicked] = useState<string>();
  const at = stop === undefined || stop >= events.length ? undefined : events[stop]!.recordedAt;
  const asOf = picked ?? at;
  const v = verify.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('audit.verify')}</Typography.Title>} extra={<Button size="small" onClick={() => void verify.refetch()}>{t('common.reload')}</Button>}>
        {verify.error && <ProblemAlert error={verify.error} />}
        {v && (
          <Alert
            data-testid="verification"
            data-ok={String(v.ok)}
            type={v.ok ? 'success' : 'error'}
            showIcon
            title={v.ok ? t('audit.verifyOk', { count: v.eventsChecked }) : t('audit.verifyBroken', { revision: v.firstBrokenRevision ?? '?' })}
            description={
              <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                {v.stream}
                {v.problem ? ` · ${v.problem}` : ''}
                {v.lastHash ? ` · ${v.lastHash}` : ''}
              </Typography.Text>
            }
          />
        )}
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('audit.asOf')}</Typography.Title>}>
        {events.length > 0 && (
          <Slider
            ariaLabelForHandle={t('audit.asOf')}
            min={0}
            max={events.length}
            value={stop ?? events.length}
            onChange={(value) => {
              setPicked(undefined);
              setStop(value);
            }}
            tooltip={{ formatter: (i) => (i === undefined || i >= events.length ? t('audit.asOfNow') : formatDateTime(events[i]!.recordedAt, locale)) }}
            marks={Object.fromEntries([...events.map((e, i) => [i, String(e.revision)]), [events.length, t('audit.asOfNow')]])}
          />
        )}
        <Space wrap style={{ margin: '8px 0 16px' }}>
          <DatePicker
            showTime
            aria-label={t('audit.asOf')}
            onChange={(value: Dayjs | null) => {
              setPicked(value ? bureauTimeToIso(value.format('YYYY-MM-DDTHH:mm:ss')) : undefined);
            }}
          />
          <Typography.Text data-testid="as-of-label">{asOf ? t('audit.asOfAt', { time: formatDateTime(asOf, locale) }) : t('audit.asOfNow')}</Typography.Text>
        </Space>
        <AsOfBook pledgeId={pledgeId!} asOf={asOf} />
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('audit.history')}</Typography.Title>}>
        {history.error && <ProblemAlert error={history.error} />}
        <Table
          size="small"
          rowKey="eventId"
          loading={history.isLoading}
          dataSource={events}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (e) => <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(e.data, null, 2)}</pre> }}
          columns={[
            { title: '#', dataIndex: 'revision' },
            { title: t('audit.time'), dataIndex: 'recordedAt', render: (x: string) => formatDateTime(x, locale) },
            { title: t('audit.event'), dataIndex: 'type', render: (x: string) => <Tag>{x}</Tag> },
            { title: t('audit.actor'), dataIndex: 'actorId', render: (x: string) => names(x) },
            { title: t('audit.role'), dataIndex: 'actorRole', render: (x: string) => label('role', x) },
            { title: t('audit.reason'), dataIndex: 'reason' },
            { title: t('audit.cause'), dataIndex: 'causationId', render: (x: string) => <Typography.Text code copyable={{ text: x }}>{x.slice(0, 8)}</Typography.Text> },
          ]}
        />
        {history.hasNextPage && (
          <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            {t('common.more')}
          </Button>
        )}
        <Descriptions size="small" style={{ marginTop: 8 }}>
          <Descriptions.Item label="pledgeId">{pledgeId}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
