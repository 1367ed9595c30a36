import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiGet, apiPost } from '../../api/client';
import { useMe, useNames } from '../../api/directory';
import { ApiProblem } from '../../api/problem';
import { useUser } from '../../auth/useSession';
import { bureauDate } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { BASE } from '../appraisal/api';
import { quarterOf } from '../appraisal/round-helpers';
import { AppraisalTag } from '../appraisal/tags';
import type { Dispatch, DispatchPreview } from '../appraisal/types';
import { useAction } from '../appraisal/useAction';
import { useYear } from '../member/useYear';

type Values = { meeting: { date: Dayjs; attendees: string[] }; talkDueDays?: number; leftOut: Array<{ memberId: string; reason: string }> };

const h2 = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/** The branch's quarterly dispatch: the quarter's summary from the checks, the members behind, the meeting, and the reminder talks it schedules. */
export default function DispatchPage() {
  const { t, label } = useI18n();
  const { bureauId } = useUser();
  const me = useMe();
  const names = useNames();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const today = bureauDate(new Date());
  const [quarter, setQuarter] = useState<number>(Number(today.slice(0, 4)) === year ? quarterOf(today) : 4);
  const branchId = me.data?.branchId;
  const [form] = Form.useForm<Values>();
  const action = useAction(form);
  const path = { bureauId, branchId: branchId ?? '', year: String(year), quarter: String(quarter) };
  const held = useQuery({
    queryKey: ['appraisal', 'dispatch', bureauId, branchId, year, quarter],
    enabled: !!branchId,
    queryFn: async () => {
      try {
        return (await apiGet<Dispatch>(`${BASE}/branches/{branchId}/dispatches/{year}/{quarter}`, { path })).data;
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
  const preview = useQuery({
    queryKey: ['appraisal', 'dispatch-preview', bureauId, branchId, year, quarter],
    enabled: !!branchId && held.data === null,
    queryFn: async () => (await apiGet<DispatchPreview>(`${BASE}/branches/{branchId}/dispatches/{year}/{quarter}/preview`, { path })).data,
  });
  const hold = (v: Values) =>
    action.run(
      'hold',
      async () => {
        await apiPost(
          `${BASE}/branches/{branchId}/dispatches/{year}/{quarter}`,
          { meeting: { date: v.meeting.date.format('YYYY-MM-DD'), attendees: v.meeting.attendees ?? [] }, leftOut: v.leftOut ?? [], ...(v.talkDueDays ? { talkDueDays: v.talkDueDays } : {}) },
          { path },
        );
        void queryClient.invalidateQueries({ queryKey: ['appraisal'] });
      },
      t('appraisal.dispatchHeld'),
    );
  const summary = held.data?.summary ?? preview.data?.summary;
  const behind = held.data?.membersBehind ?? preview.data?.membersBehind ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('appraisal.dispatchTitle')}
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          <Select aria-label={t('appraisal.quarter')} value={quarter} onChange={setQuarter} style={{ width: 110 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('appraisal.quarterLabel', { q }) }))} />
        </Space>
      </Space>
      {(me.isLoading || held.isLoading) && <Loading />}
      {!me.isLoading && !branchId && <Alert type="info" showIcon title={t('appraisal.noGroup')} />}
      {(held.error || preview.error) && <ProblemAlert error={held.error ?? preview.error} />}
      {held.data && <Alert type="success" showIcon title={t('appraisal.dispatchDone', { date: held.data.meeting.date, count: held.data.meeting.attendees.length })} />}
      {summary && (
        <Card title={h2(t('appraisal.quarterSummary'))}>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}><Statistic title={t('appraisal.summaryMembers')} value={summary.members} /></Col>
            <Col xs={12} md={6}><Statistic title={t('appraisal.summaryChecks')} value={`${summary.checks.held} / ${summary.checks.expected}`} /></Col>
            <Col xs={12} md={6}><Statistic title={t('appraisal.summaryDue')} value={`${summary.dueDone} / ${summary.dueThisQuarter}`} /></Col>
            <Col xs={12} md={6}><Statistic title={t('appraisal.summaryBehind')} value={summary.membersBehind} /></Col>
          </Row>
          <Descriptions size="small" style={{ marginTop: 16 }} column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('appraisal.itemStatuses')}>{Object.entries(summary.statusCounts).map(([s, n]) => `${label('itemStatus', s)} ${n}`).join(' · ')}</Descriptions.Item>
            <Descriptions.Item label={t('appraisal.progressRecords')}>{t('appraisal.progressLine', { records: summary.progressRecords, members: summary.membersWithProgress })}</Descriptions.Item>
            {summary.checks.missing.length > 0 && <Descriptions.Item label={t('appraisal.checksMissing')}>{summary.checks.missing.map((m) => `${names(m.groupId)} ${m.month}`).join('、')}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
      {summary && (
        <Card title={h2(t('appraisal.membersBehind'))}>
          <Table
            size="small"
            rowKey="memberId"
            pagination={false}
            dataSource={behind}
            locale={{ emptyText: t('appraisal.nobodyBehind') }}
            columns={[
              { title: t('common.name'), key: 'name', render: (_, m) => names(m.memberId) },
              {
                title: t('appraisal.why'),
                key: 'items',
                render: (_, m) => (
                  <Space wrap size={4}>
                    {m.items.map((i) => (
                      <span key={`${i.pledgeId}-${i.itemNo}`}>
                        {t('common.item', { no: i.itemNo })} {i.reason === 'behind' ? <AppraisalTag value="behind" prefix="itemStatus" /> : t('appraisal.dueNotDone')}
                      </span>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
          {held.data?.leftOut?.length ? <Typography.Paragraph style={{ marginTop: 12 }}>{t('appraisal.leftOut')}: {held.data.leftOut.map((l) => `${names(l.memberId)}（${l.reason}）`).join('；')}</Typography.Paragraph> : null}
        </Card>
      )}
      {preview.data && held.data === null && (
        <Card title={h2(t('appraisal.holdDispatch'))}>
          {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={() => void queryClient.invalidateQueries({ queryKey: ['appraisal'] })} />}
          <Form form={form} layout="vertical" initialValues={{ meeting: { date: dayjs(), attendees: me.data ? [me.data.memberId] : [] }, leftOut: [] }} onFinish={(v) => void hold(v)}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item label={t('appraisal.meetingDate')} name={['meeting', 'date']} rules={[{ required: true, message: t('book.required') }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item label={t('appraisal.attendees')} name={['meeting', 'attendees']}>
                  <Select mode="multiple" optionFilterProp="label" options={preview.data.branchMembers.map((id) => ({ value: id, label: names(id) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label={t('appraisal.talkDueDays')} name="talkDueDays" extra={t('appraisal.talkDueDaysHint')}>
              <InputNumber min={1} max={90} />
            </Form.Item>
            <Form.List name="leftOut">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} wrap align="start">
                      <Form.Item label={t('appraisal.leftOutMember')} name={[field.name, 'memberId']} rules={[{ required: true, message: t('book.required') }]}>
                        <Select style={{ width: 160 }} options={behind.map((m) => ({ value: m.memberId, label: names(m.memberId) }))} />
                      </Form.Item>
                      <Form.Item label={t('appraisal.reason')} name={[field.name, 'reason']} rules={[{ required: true, message: t('book.required') }]}>
                        <Input style={{ width: 320 }} maxLength={1000} />
                      </Form.Item>
                      <Form.Item label=" " colon={false}>
                        <Button type="link" onClick={() => remove(field.name)}>
                          {t('appraisal.remove')}
                        </Button>
                      </Form.Item>
                    </Space>
                  ))}
                  {behind.length > 0 && (
                    <Button onClick={() => add({})} style={{ marginBottom: 16 }}>
                      {t('appraisal.leaveOut')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
            <div>
              <Button type="primary" htmlType="submit" loading={action.busy === 'hold'}>
                {t('appraisal.holdDispatch')}
              </Button>
            </div>
          </Form>
        </Card>
      )}
    </Space>
  );
}
