import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiGet, apiPost } from '../../api/client';
import { useMe, useMembers, useNames } from '../../api/directory';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';
import { BASE } from '../appraisal/api';
import { AppraisalTag } from '../appraisal/tags';
import type { Talk } from '../appraisal/types';
import { useAction } from '../appraisal/useAction';

type Values = { heldOn: Dayjs; talkedBy: string[]; notes: { analysis: string }; actions: string; followUpOn: Dayjs };
const FILTERS = ['due', 'overdue', 'held', 'cancelled', 'all'] as const;

/** Reminder talks the dispatch scheduled for the branch: due (overdue marked), held, cancelled; recording one. */
export default function TalksPage() {
  const { t } = useI18n();
  const { bureauId } = useUser();
  const me = useMe();
  const members = useMembers();
  const names = useNames();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>('due');
  const [talk, setTalk] = useState<Talk>();
  const [form] = Form.useForm<Values>();
  const action = useAction(form);
  const branchId = me.data?.branchId;
  const talks = useQuery({
    queryKey: ['appraisal', 'talks', bureauId, branchId, status],
    enabled: !!branchId,
    queryFn: async () => (await apiGet<{ items: Talk[] }>(`${BASE}/talks`, { path: { bureauId }, query: { branchId, status } })).data.items,
  });
  const record = (v: Values) =>
    action.run(
      'record',
      async () => {
        const agreedActions = v.actions
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean);
        await apiPost(
          `${BASE}/talks/{talkId}/record`,
          { heldOn: v.heldOn.format('YYYY-MM-DD'), talkedBy: v.talkedBy, notes: { analysis: v.notes.analysis, agreedActions }, followUpOn: v.followUpOn.format('YYYY-MM-DD') },
          { path: { bureauId, talkId: talk!.talkId } },
        );
        setTalk(undefined);
        void queryClient.invalidateQueries({ queryKey: ['appraisal'] });
      },
      t('appraisal.talkRecorded'),
    );
  const branchPeople = (members.data ?? []).filter((m) => m.branchId === branchId || m.memberId === me.data?.memberId);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('appraisal.talksTitle')}
        </Typography.Title>
        <Select aria-label={t('common.status')} value={status} onChange={setStatus} style={{ width: 140 }} options={FILTERS.map((f) => ({ value: f, label: t(`appraisal.talkFilter.${f}`) }))} />
      </Space>
      {!me.isLoading && !branchId && <Alert type="info" showIcon title={t('appraisal.noGroup')} />}
      {talks.error && <ProblemAlert error={talks.error} />}
      <Card>
        <Table
          size="small"
          rowKey="talkId"
          loading={talks.isLoading && !!branchId}
          dataSource={talks.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          rowClassName={(k) => (k.overdue ? 'overdue-row' : '')}
          locale={{ emptyText: t('appraisal.noTalk') }}
          columns={[
            { title: t('common.name'), key: 'name', render: (_, k) => names(k.memberId) },
            { title: t('appraisal.quarter'), key: 'q', render: (_, k) => `${k.year} ${t('appraisal.quarterLabel', { q: k.quarter })}` },
            { title: t('appraisal.dueOn'), dataIndex: 'dueOn' },
            { title: t('common.status'), key: 'status', render: (_, k) => <Space size={4}><AppraisalTag value={k.status} />{k.overdue && <Tag color="red">{t('common.overdue')}</Tag>}</Space> },
            { title: t('appraisal.heldOn'), dataIndex: 'heldOn' },
            { title: t('appraisal.followUpOn'), dataIndex: 'followUpOn' },
            {
              title: t('common.actions'),
              key: 'act',
              render: (_, k) =>
                k.status === 'scheduled' ? (
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ heldOn: dayjs(), talkedBy: me.data ? [me.data.memberId] : [], notes: { analysis: '' }, actions: '', followUpOn: dayjs().add(30, 'day') });
                      action.clear();
                      setTalk(k);
                    }}
                  >
                    {t('appraisal.recordTalk')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={!!talk}
        title={`${t('appraisal.recordTalk')} · ${talk ? names(talk.memberId) : ''}`}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={action.busy === 'record'}
        onCancel={() => setTalk(undefined)}
        onOk={() => form.submit()}
        forceRender
      >
        {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={() => void talks.refetch()} />}
        <Typography.Paragraph type="secondary">{t('appraisal.talkPrivacy')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void record(v)}>
          <Form.Item label={t('appraisal.heldOn')} name="heldOn" rules={[{ required: true, message: t('book.required') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('appraisal.talkedBy')} name="talkedBy" rules={[{ required: true, message: t('book.required') }]}>
            <Select mode="multiple" optionFilterProp="label" options={branchPeople.map((m) => ({ value: m.memberId, label: m.name }))} />
          </Form.Item>
          <Form.Item label={t('appraisal.analysis')} name={['notes', 'analysis']} rules={[{ required: true, message: t('book.required') }]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item label={t('appraisal.agreedActions')} name="actions" extra={t('appraisal.onePerLine')} rules={[{ required: true, message: t('book.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label={t('appraisal.followUpOn')} name="followUpOn" rules={[{ required: true, message: t('book.required') }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
