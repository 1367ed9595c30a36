import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Select, Space, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { apiPost } from '../../api/client';
import { useMembers, useNames } from '../../api/directory';
import type { Review } from '../../api/views';
import { hasRole, useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { StatusTag } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, showFieldErrors } from '../../ui/problems';
import { BookItems } from '../member/BookItems';
import { useReview } from '../member/BookPage';
import { ReviewTrail } from '../member/ReviewTrail';

type Failure = { error: unknown; lines: string[] } | undefined;

/** A decision form's frame: sends, shows the problem next to the fields, keeps what was typed. */
function useDecision(pledgeId: string) {
  const queryClient = useQueryClient();
  const { t } = useI18n();
  const [failure, setFailure] = useState<Failure>();
  const [busy, setBusy] = useState(false);
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['review', pledgeId] });
    void queryClient.invalidateQueries({ queryKey: ['queue'] });
  };
  const run = async (form: ReturnType<typeof Form.useForm>[0], send: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await send();
      void message.success(t('review.done'));
      form.resetFields();
      reload();
    } catch (error) {
      setFailure({ error, lines: showFieldErrors(form, error) });
    } finally {
      setBusy(false);
    }
  };
  return { failure, busy, run, reload };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{title}</Typography.Title>}>
      {children}
    </Card>
  );
}

function CommentForm({ pledgeId }: { pledgeId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { failure, busy, run, reload } = useDecision(pledgeId);
  return (
    <Section title={t('review.comment')}>
      {failure && <ProblemAlert error={failure.error} messages={failure.lines} onReload={reload} />}
      <Form form={form} layout="vertical" onFinish={(v: { text: string }) => void run(form, () => apiPost('/api/v1/reviews/{pledgeId}/comments', v, { path: { pledgeId } }))}>
        <Form.Item label={t('review.commentText')} name="text" rules={[{ required: true, message: t('book.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('review.addComment')}
        </Button>
      </Form>
    </Section>
  );
}

function GroupEvaluation({ review }: { review: Review }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { failure, busy, run, reload } = useDecision(review.pledgeId);
  const items = review.rounds.at(-1)?.items ?? [];
  return (
    <Section title={t('book.groupEvaluation')}>
      {failure && <ProblemAlert error={failure.error} messages={failure.lines} onReload={reload} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ decision: 'forward', notes: items.map((i) => ({ itemNo: i.no, note: '' })) }}
        onFinish={(v: { decision: 'forward' | 'return'; evaluation: string; notes: { note?: string }[] }) =>
          void run(form, () =>
            apiPost('/api/v1/reviews/{pledgeId}/group-evaluation', { decision: v.decision, evaluation: v.evaluation, notes: v.notes.map((n, i) => ({ itemNo: items[i]!.no, note: n.note?.trim() ?? '' })).filter((n) => n.note !== '') }, { path: { pledgeId: review.pledgeId } }),
          )
        }
      >
        <Form.Item label={t('review.verdict')} name="decision">
          <Radio.Group optionType="button" options={[{ value: 'forward', label: t('review.forward') }, { value: 'return', label: t('review.returnToMember') }]} />
        </Form.Item>
        <Form.Item label={t('review.evaluation')} name="evaluation" rules={[{ required: true, message: t('book.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Form.List name="notes">
          {(fields) =>
            fields.map((field, index) => (
              <Form.Item key={field.key} label={`${t('common.item', { no: items[index]?.no ?? index + 1 })} · ${t('review.itemNote')}`} name={[field.name, 'note']}>
                <Input maxLength={1000} />
              </Form.Item>
            ))
          }
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.submit')}
        </Button>
      </Form>
    </Section>
  );
}

function BranchDecision({ review }: { review: Review }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const members = useMembers();
  const { failure, busy, run, reload } = useDecision(review.pledgeId);
  const items = review.rounds.at(-1)?.items ?? [];
  return (
    <Section title={t('book.branchDecision')}>
      {failure && <ProblemAlert error={failure.error} messages={failure.lines} onReload={reload} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ meeting: { date: dayjs(), attendees: [] }, verdicts: items.map((i) => ({ itemNo: i.no, verdict: 'approved', reason: '' })) }}
        onFinish={(v: { meeting: { date: Dayjs; attendees: string[] }; verdicts: { verdict: 'approved' | 'revise'; reason?: string }[] }) =>
          void run(form, () =>
            apiPost(
              '/api/v1/reviews/{pledgeId}/branch-decision',
              {
                meeting: { date: v.meeting.date.format('YYYY-MM-DD'), attendees: v.meeting.attendees },
                verdicts: v.verdicts.map((x, i) => (x.verdict === 'revise' ? { itemNo: items[i]!.no, verdict: 'revise' as const, reason: x.reason?.trim() ?? '' } : { itemNo: items[i]!.no, verdict: 'approved' as const })),
              },
              { path: { pledgeId: review.pledgeId } },
            ),
          )
        }
      >
        <Form.List name="verdicts">
          {(fields) =>
            fields.map((field, index) => (
              <Card key={field.key} size="small" type="inner" style={{ marginBottom: 8 }} title={`${t('common.item', { no: items[index]?.no ?? index + 1 })} · ${items[index]?.text ?? ''}`}>
                <Form.Item name={[field.name, 'verdict']} label={t('review.verdict')}>
                  <Radio.Group optionType="button" options={[{ value: 'approved', label: t('review.approveItem') }, { value: 'revise', label: t('review.reviseItem') }]} />
                </Form.Item>
                <Form.Item noStyle dependencies={[['verdicts', field.name, 'verdict']]}>
                  {({ getFieldValue }) =>
                    getFieldValue(['verdicts', field.name, 'verdict']) === 'revise' ? (
                      <Form.Item name={[field.name, 'reason']} label={t('review.reason')} rules={[{ required: true, message: t('book.required') }]}>
                        <Input maxLength={1000} />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
              </Card>
            ))
          }
        </Form.List>
        <Space wrap align="start">
          <Form.Item label={t('review.meetingDate')} name={['meeting', 'date']} rules={[{ required: true, message: t('book.required') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('review.attendees')} name={['meeting', 'attendees']} rules={[{ required: true, message: t('book.required') }]} style={{ minWidth: 280 }}>
            <Select mode="multiple" loading={members.isLoading} optionFilterProp="label" options={(members.data ?? []).map((m) => ({ value: m.memberId, label: m.name }))} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('review.decide')}
        </Button>
      </Form>
    </Section>
  );
}

function AskGroupAgain({ review }: { review: Review }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { failure, busy, run, reload } = useDecision(review.pledgeId);
  return (
    <Section title={t('review.askGroup')}>
      {failure && <ProblemAlert error={failure.error} messages={failure.lines} onReload={reload} />}
      <Form form={form} layout="inline" onFinish={(v: { reason: string }) => void run(form, () => apiPost('/api/v1/reviews/{pledgeId}/group-review-request', v, { path: { pledgeId: review.pledgeId } }))}>
        <Form.Item label={t('review.reason')} name="reason" rules={[{ required: true, message: t('book.required') }]}>
          <Input maxLength={1000} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('common.submit')}
        </Button>
      </Form>
    </Section>
  );
}

/** The per-item review screen: the current round's items, the forms of the caller's stage, and the record so far. */
export default function ReviewPage() {
  const { pledgeId } = useParams();
  const { t, label } = useI18n();
  const user = useUser();
  const names = useNames();
  const review = useReview(pledgeId!);
  if (review.isLoading) return <Loading />;
  if (!review.data) return <ProblemAlert error={review.error ?? new Error(t('common.none'))} />;
  const r = review.data;
  const round = r.rounds.at(-1);
  const returns = round?.branch?.decision === 'return' ? round.branch.verdicts : round?.group?.decision === 'return' ? round.group.notes?.map((n) => ({ itemNo: n.itemNo, verdict: 'revise' as const, reason: n.note })) : undefined;
  const groupStage = r.status === 'group' && hasRole(user, ['group-leader']);
  const branchStage = r.status === 'branch' && hasRole(user, r.decidingBody === 'leading-group' ? ['leading-group'] : ['branch-secretary']);
  const askAgain = r.status === 'returned' && round?.branch?.decision === 'return' && hasRole(user, ['group-leader']);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t('review.title')}
      </Typography.Title>
      <Card>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
          <Descriptions.Item label={t('common.pledger')}>
            {label('pledger', r.pledger.type)} · {r.pledger.orgUnitId ? names(r.pledger.orgUnitId) : r.pledger.memberIds.map(names).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <StatusTag status={r.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('common.year')}>{r.year}</Descriptions.Item>
          <Descriptions.Item label={t('review.roundLabel')}>{r.round}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Section title={t('book.items')}>
        <BookItems items={round?.items ?? []} returned={r.status === 'returned' ? returns : undefined} />
      </Section>
      {!groupStage && !branchStage && !askAgain && r.status !== 'group' && <Alert type="info" showIcon title={t('review.notYours')} />}
      {r.status === 'group' && <CommentForm pledgeId={r.pledgeId} />}
      {groupStage && <GroupEvaluation review={r} />}
      {branchStage && <BranchDecision review={r} />}
      {askAgain && <AskGroupAgain review={r} />}
      <ReviewTrail review={r} />
    </Space>
  );
}
