import { Alert, Button, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { apiPost } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useNames } from '../../api/directory';
import { hasRole, useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { useAction } from '../appraisal/useAction';
import { useSelection } from './api';
import { useMoreI18n } from './more-i18n';
import { openObjections, type Objection, type SelectionWithObjections } from './objection-helpers';

const PATH = '/api/v1/rewards/selections/{selectionId}' as const;
const COLOURS = { open: 'processing', upheld: 'error', dismissed: 'default' } as const;

/** One selection on notice: its objections, a form to raise one, and for the leading group the decisions and the announcement. */
export function NoticeObjections({ selectionId, onChanged }: { selectionId: string; onChanged: () => void }) {
  const { t, label, locale } = useMoreI18n();
  const user = useUser();
  const names = useNames();
  const selection = useSelection(selectionId);
  const [raise] = Form.useForm<{ memberId: string; text: string }>();
  const raising = useAction(raise);
  const announcing = useAction();
  const leading = hasRole(user, ['leading-group']);
  const s = selection.data as (SelectionWithObjections & { etag?: string }) | undefined;
  if (selection.error) return <ProblemAlert error={selection.error} />;
  if (!s) return <Loading />;
  const objections = Object.values(s.objections ?? {}).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  const open = openObjections(s);
  const refresh = () => {
    void selection.refetch();
    onChanged();
  };
  const headers = s.etag ? { 'If-Match': s.etag } : undefined;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
        {t('more.objections')}
      </Typography.Title>
      <Table<Objection>
        size="small"
        rowKey="objectionId"
        dataSource={objections}
        pagination={false}
        locale={{ emptyText: t('more.noObjection') }}
        columns={[
          { title: t('more.objectedMember'), key: 'member', render: (_, o) => names(o.memberId) },
          { title: t('more.raisedAt'), key: 'at', render: (_, o) => formatDateTime(o.raisedAt, locale) },
          ...(leading
            ? [
                { title: `${t('more.objector')}（${t('more.restricted')}）`, key: 'objector', render: (_: unknown, o: Objection) => (o.restricted ? names(o.restricted.objectorId) : '') },
                { title: t('more.objectionText'), key: 'text', render: (_: unknown, o: Objection) => o.restricted?.text ?? '' },
              ]
            : []),
          { title: t('common.status'), key: 'status', render: (_, o) => <Tag color={COLOURS[o.status]}>{label('more.objection', o.status)}</Tag> },
          {
            title: t('more.decision'),
            key: 'decision',
            render: (_, o) =>
              o.decision ? `${o.decision.reason}（${names(o.decision.by)}，${formatDateTime(o.decision.at, locale)}）` : leading ? <DecideObjection selectionId={s.selectionId} objection={o} headers={headers} onDecided={refresh} /> : '',
          },
        ]}
      />
      {raising.failure && <ProblemAlert error={raising.failure.error} messages={raising.failure.lines} onReload={refresh} />}
      <Form
        form={raise}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={(v) =>
          void raising
            .run('raise', async () => {
              await apiPost(`${PATH}/objections`, { memberId: v.memberId, text: v.text }, { path: { selectionId: s.selectionId } });
              refresh();
            }, t('more.raised'))
            .then((ok) => ok && raise.resetFields())
        }
      >
        <Form.Item label={t('more.objectedMember')} name="memberId" rules={[{ required: true, message: t('book.required') }]}>
          <Select options={(s.decision?.selected ?? []).map((id) => ({ value: id, label: names(id) }))} />
        </Form.Item>
        <Form.Item label={t('more.objectionText')} name="text" rules={[{ required: true, message: t('book.required') }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={raising.busy === 'raise'}>
          {t('more.raise')}
        </Button>
      </Form>
      {leading && (
        <Space direction="vertical">
          {announcing.failure && <AnnounceRefusal error={announcing.failure.error} lines={announcing.failure.lines} onReload={refresh} />}
          {open > 0 && <Typography.Text strong>{t('more.openObjections', { count: open })}</Typography.Text>}
          <Button type="primary" loading={announcing.busy === 'announce'} onClick={() => void announcing.run('announce', async () => (await apiPost(`${PATH}/announcement`, {}, { path: { selectionId: s.selectionId }, headers }), refresh()), t('reward.announced'))}>
            {t('reward.announce')}
          </Button>
        </Space>
      )}
    </Space>
  );
}

/** The leading group upholds or dismisses one objection with a reason (a form named as the request body). */
function DecideObjection({ selectionId, objection, headers, onDecided }: { selectionId: string; objection: Objection; headers?: Record<string, string>; onDecided: () => void }) {
  const { t } = useMoreI18n();
  const [form] = Form.useForm<{ outcome: 'upheld' | 'dismissed'; reason: string }>();
  const action = useAction(form);
  const id = `decide-${objection.objectionId}`;
  return (
    <Form
      form={form}
      name={id}
      layout="vertical"
      style={{ minWidth: 280 }}
      initialValues={{ outcome: 'dismissed' }}
      onFinish={(v) =>
        void action.run('decide', async () => {
          await apiPost(`${PATH}/objections/{objectionId}/decision`, v, { path: { selectionId, objectionId: objection.objectionId }, headers });
          onDecided();
        }, t('more.decided'))
      }
    >
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={onDecided} />}
      <Form.Item label={t('more.outcome')} name="outcome">
        <Radio.Group options={(['upheld', 'dismissed'] as const).map((o) => ({ value: o, label: t(`more.outcome.${o}`) }))} />
      </Form.Item>
      <Form.Item label={t('more.decisionReason')} name="reason" rules={[{ required: true, message: t('book.required') }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button size="small" htmlType="submit" loading={action.busy === 'decide'}>
        {t('more.decide')}
      </Button>
    </Form>
  );
}

/** The announcement refused (409 objections_open or notice_not_over) said plainly, with the service's words beneath; anything else as a problem. */
function AnnounceRefusal({ error, lines, onReload }: { error: unknown; lines: string[]; onReload: () => void }) {
  const { t } = useMoreI18n();
  const code = error instanceof ApiProblem && error.status === 409 ? error.problem.code : undefined;
  if (code !== 'objections_open' && code !== 'notice_not_over') return <ProblemAlert error={error} messages={lines} onReload={onReload} />;
  return (
    <Alert
      role="alert"
      type="warning"
      showIcon
      message={t('more.announceRefused')}
      description={
        <>
          <div>{t(`more.refused.${code}`)}</div>
          <Typography.Text type="secondary">{(error as ApiProblem).message}</Typography.Text>
        </>
      }
      action={
        <Button size="small" onClick={onReload}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
