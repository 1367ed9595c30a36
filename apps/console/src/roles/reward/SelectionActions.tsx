import { Button, Card, Checkbox, Form, Input, Select, Space, Typography } from 'antd';
import { apiPost } from '../../api/client';
import { useMembers } from '../../api/directory';
import type { SessionUser } from '../../auth/session';
import { hasRole } from '../../auth/useSession';
import { bureauDate } from '../../format/format';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { ProblemAlert } from '../../ui/problems';
import { useAction } from '../appraisal/useAction';
import { candidates, needsReason, nextActions } from './reward-helpers';
import type { Selection } from './types';

interface NominateForm {
  memberId: string;
  reason?: string;
}
interface DecisionForm {
  meeting: { date: string; attendees: string[]; minutes?: string };
  selected: string[];
}
interface NoticeForm {
  startsOn: string;
  endsOn: string;
}

const PATH = '/api/v1/rewards/selections/{selectionId}' as const;

/**
 * What may be done with a selection now, by whom the service allows: branch secretaries and the
 * leading group nominate; the leading group proposes again, decides at a meeting, puts the list
 * on notice and announces it. Each form keeps what was typed when the service refuses.
 */
export function SelectionActions({ selection: s, user, onChanged }: { selection: Selection & { etag?: string }; user: SessionUser; onChanged: () => void }) {
  const { t } = useI18n();
  const members = useMembers();
  const [nominate] = Form.useForm<NominateForm>();
  const [decide] = Form.useForm<DecisionForm>();
  const [notice] = Form.useForm<NoticeForm>();
  const nominating = useAction(nominate);
  const deciding = useAction(decide);
  const noticing = useAction(notice);
  const leading = hasRole(user, ['leading-group']);
  const canNominate = leading || hasRole(user, ['branch-secretary']);
  const actions = nextActions(s);
  const options = (members.data ?? []).map((m) => ({ value: m.memberId, label: `${m.name}（${m.memberId}）` }));
  const nominee = Form.useWatch('memberId', nominate);
  const nomineeGrade = s.proposed.find((p) => p.memberId === nominee)?.grade;
  const call = <B,>(path: `${typeof PATH}/${string}`, body: B) =>
    apiPost(path as never, body as never, { path: { selectionId: s.selectionId }, headers: s.etag ? { 'If-Match': s.etag } : {} });
  const done = (write: () => Promise<unknown>) => async () => {
    await write();
    onChanged();
  };
  const anyFailure = nominating.failure ?? deciding.failure ?? noticing.failure;

  if (actions.length === 0 || !(leading || (canNominate && actions.includes('nominate')))) return null;
  return (
    <Card title={<CardTitle>{t('reward.actions')}</CardTitle>} className="no-print">
      {anyFailure && <ProblemAlert error={anyFailure.error} messages={anyFailure.lines} onReload={onChanged} />}
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {canNominate && actions.includes('nominate') && (
          <Form form={nominate} layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => void nominating.run('nominate', done(() => call(`${PATH}/nominations`, { memberId: v.memberId, ...(v.reason ? { reason: v.reason } : {}) })), t('reward.nominated')).then((ok) => ok && nominate.resetFields())}>
            <Typography.Title level={3} style={{ fontSize: 15 }}>
              {t('reward.nominate')}
            </Typography.Title>
            <Form.Item label={t('reward.nominee')} name="memberId" rules={[{ required: true, message: t('book.required') }]}>
              <Select showSearch optionFilterProp="label" options={options} loading={members.isLoading} />
            </Form.Item>
            <Form.Item
              label={t('review.reason')}
              name="reason"
              extra={nominee && needsReason(nomineeGrade) ? t('reward.reasonNeeded') : undefined}
              rules={[{ required: !!nominee && needsReason(nomineeGrade), message: t('reward.reasonNeeded') }]}
            >
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button htmlType="submit" loading={nominating.busy === 'nominate'}>
              {t('reward.nominate')}
            </Button>
          </Form>
        )}
        {leading && actions.includes('propose') && (
          <Button onClick={() => void nominating.run('propose', done(() => call(`${PATH}/proposals`, {})), t('reward.proposedAgain'))} loading={nominating.busy === 'propose'}>
            {t('reward.proposeAgain')}
          </Button>
        )}
        {leading && actions.includes('decide') && (
          <Form form={decide} layout="vertical" style={{ maxWidth: 560 }} initialValues={{ meeting: { date: bureauDate(new Date()), attendees: [user.memberId] }, selected: [] }} onFinish={(v) => void deciding.run('decide', done(() => call(`${PATH}/decision`, { meeting: { date: v.meeting.date, attendees: v.meeting.attendees, ...(v.meeting.minutes ? { minutes: v.meeting.minutes } : {}) }, selected: v.selected })), t('reward.decided'))}>
            <Typography.Title level={3} style={{ fontSize: 15 }}>
              {t('reward.decide')}
            </Typography.Title>
            <Form.Item label={t('review.meetingDate')} name={['meeting', 'date']} rules={[{ required: true, message: t('book.required') }]}>
              <Input type="date" max={bureauDate(new Date())} />
            </Form.Item>
            <Form.Item label={t('review.attendees')} name={['meeting', 'attendees']} rules={[{ required: true, message: t('book.required') }]}>
              <Select mode="multiple" showSearch optionFilterProp="label" options={options} />
            </Form.Item>
            <Form.Item label={t('reward.minutes')} name={['meeting', 'minutes']}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item label={t('reward.selectedOf', { quota: s.quota })} name="selected" rules={[{ required: true, message: t('reward.chooseSelected') }]}>
              <Checkbox.Group options={candidates(s).map((id) => ({ value: id, label: options.find((o) => o.value === id)?.label ?? id }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={deciding.busy === 'decide'} disabled={s.nominations.length === 0}>
              {t('reward.decide')}
            </Button>
          </Form>
        )}
        {leading && actions.includes('notice') && (
          <Form form={notice} layout="inline" style={{ rowGap: 8 }} onFinish={(v) => void noticing.run('notice', done(() => call(`${PATH}/notice`, v)), t('reward.onNotice'))}>
            <Form.Item label={t('reward.noticeStarts')} name="startsOn" rules={[{ required: true, message: t('book.required') }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item label={t('reward.noticeEnds')} name="endsOn" rules={[{ required: true, message: t('book.required') }]}>
              <Input type="date" />
            </Form.Item>
            <Button htmlType="submit" loading={noticing.busy === 'notice'}>
              {t('reward.putOnNotice')}
            </Button>
          </Form>
        )}
        {leading && actions.includes('announce') && (
          <Space direction="vertical">
            <Typography.Text type="secondary">{t('reward.announceHint')}</Typography.Text>
            <Button type="primary" onClick={() => void noticing.run('announce', done(() => call(`${PATH}/announcement`, {})), t('reward.announced'))} loading={noticing.busy === 'announce'}>
              {t('reward.announce')}
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
