import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { apiGet, apiPost } from '../../api/client';
import { useMe, useNames } from '../../api/directory';
import { checkEvidenceBlob, uploadCheckEvidence, type EvidenceFile } from '../../api/evidence';
import { ApiProblem } from '../../api/problem';
import { hasRole, useUser } from '../../auth/useSession';
import { bureauDate, formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { EvidenceThumbs } from '../../ui/EvidenceThumbs';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { BASE } from '../appraisal/api';
import { monthsUpTo } from '../appraisal/round-helpers';
import { AppraisalTag } from '../appraisal/tags';
import type { Grid, GridRow, ItemStatus, Roster } from '../appraisal/types';
import { useAction } from '../appraisal/useAction';
import { EvidenceUpload } from '../member/EvidenceUpload';
import { useYear } from '../member/useYear';

const STATUSES: ItemStatus[] = ['done', 'on-track', 'behind', 'not-started'];
type RecordedCheck = { recordedAt: string; recordedBy: string; entries: Array<{ memberId: string; note: string; items: Array<{ pledgeId: string; itemNo: number; status: string; note?: string }>; attachments?: EvidenceFile[] }> };
type CheckValues = { entries: Array<{ note?: string; items: Array<{ status: ItemStatus; note?: string }>; attachments?: EvidenceFile[] }> };

const h2 = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/** The monthly check: the group leader records every member's items; the branch secretary sees the branch's grid of what is missing. */
export default function ChecksPage() {
  const { t, label, locale } = useI18n();
  const user = useUser();
  const { bureauId } = user;
  const me = useMe();
  const names = useNames();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const [params, setParams] = useSearchParams();
  const months = monthsUpTo(year, bureauDate(new Date()));
  const month = params.get('month') && months.includes(params.get('month')!) ? params.get('month')! : (months.at(-1) ?? `${year}-01`);
  const setMonth = (m: string) => setParams((p) => (p.set('month', m), p), { replace: true });
  const groupId = hasRole(user, ['group-leader']) ? me.data?.groupId : undefined;
  const branchId = hasRole(user, ['branch-secretary', 'leading-group', 'appraisal-office']) ? me.data?.branchId : undefined;
  const [form] = Form.useForm<CheckValues>();
  const action = useAction(form);
  const [uploading, setUploading] = useState<Record<string, boolean>>({});
  const path = { bureauId, groupId: groupId ?? '', month };
  const recorded = useQuery({
    queryKey: ['appraisal', 'check', bureauId, groupId, month],
    enabled: !!groupId,
    queryFn: async () => {
      try {
        return (await apiGet<RecordedCheck>(`${BASE}/groups/{groupId}/checks/{month}`, { path })).data;
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
  const roster = useQuery({
    queryKey: ['appraisal', 'roster', bureauId, groupId, month],
    enabled: !!groupId && recorded.data === null,
    queryFn: async () => (await apiGet<Roster>(`${BASE}/groups/{groupId}/checks/{month}/roster`, { path })).data,
  });
  const grid = useQuery({
    queryKey: ['appraisal', 'grid', bureauId, branchId, month],
    enabled: !!branchId,
    queryFn: async () => (await apiGet<Grid>(`${BASE}/branches/{branchId}/checks`, { path: { bureauId, branchId: branchId! }, query: { month } })).data,
  });
  const record = (values: CheckValues) =>
    action.run(
      'record',
      async () => {
        const entries = (roster.data?.members ?? []).map((m, i) => ({
          memberId: m.memberId,
          note: values.entries?.[i]?.note ?? '',
          ...(values.entries?.[i]?.attachments?.length ? { attachments: values.entries[i]!.attachments } : {}),
          items: m.items.map((item, j) => {
            const v = values.entries?.[i]?.items?.[j];
            return { pledgeId: item.pledgeId, itemNo: item.itemNo, status: v?.status ?? 'on-track', ...(v?.note ? { note: v.note } : {}) };
          }),
        }));
        await apiPost(`${BASE}/groups/{groupId}/checks/{month}`, { entries }, { path });
        void queryClient.invalidateQueries({ queryKey: ['appraisal'] });
      },
      t('appraisal.checkRecorded'),
    );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('appraisal.checksTitle')}
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          <Select aria-label={t('appraisal.month')} value={month} onChange={setMonth} style={{ width: 120 }} options={months.map((m) => ({ value: m, label: m }))} />
        </Space>
      </Space>
      {me.isLoading && <Loading />}
      {groupId && (
        <Card title={h2(t('appraisal.groupCheck', { group: names(groupId), month }))}>
          {recorded.data && <Alert type="success" showIcon title={t('appraisal.checkDone', { by: names(recorded.data.recordedBy), at: formatDateTime(recorded.data.recordedAt, locale) })} />}
          {(recorded.error || roster.error) && <ProblemAlert error={recorded.error ?? roster.error} />}
          {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={() => void queryClient.invalidateQueries({ queryKey: ['appraisal'] })} />}
          {recorded.data && (
            <Table
              size="small"
              rowKey="memberId"
              pagination={false}
              style={{ marginTop: 12 }}
              dataSource={recorded.data.entries}
              columns={[
                { title: t('common.name'), key: 'name', render: (_, e) => names(e.memberId) },
                {
                  title: t('appraisal.itemStatuses'),
                  key: 'items',
                  render: (_, e) => (
                    <Space wrap size={4}>
                      {e.items.map((i) => (
                        <span key={`${i.pledgeId}-${i.itemNo}`}>
                          {t('common.item', { no: i.itemNo })} <AppraisalTag value={i.status} prefix="itemStatus" />
                        </span>
                      ))}
                    </Space>
                  ),
                },
                { title: t('appraisal.note'), dataIndex: 'note' },
                {
                  title: t('appraisal.checkEvidence'),
                  key: 'files',
                  render: (_, e) => <EvidenceThumbs files={e.attachments} scope={`check:${groupId}:${month}`} fetchFile={(sha256) => checkEvidenceBlob(bureauId, groupId!, month, sha256)} />,
                },
              ]}
            />
          )}
          {recorded.data === null && roster.data && roster.data.members.length === 0 && <Typography.Paragraph>{t('appraisal.nobodyToCheck')}</Typography.Paragraph>}
          {recorded.data === null && roster.data && roster.data.members.length > 0 && (
            <Form
              form={form}
              layout="vertical"
              key={month}
              initialValues={{ entries: roster.data.members.map((m) => ({ note: '', items: m.items.map(() => ({ status: 'on-track' })) })) }}
              onFinish={(v) => void record(v)}
            >
              {roster.data.members.map((m, i) => (
                <Card key={m.memberId} size="small" type="inner" title={names(m.memberId)} style={{ marginBottom: 12 }}>
                  {m.items.map((item, j) => (
                    <Space key={`${item.pledgeId}-${item.itemNo}`} wrap align="start" style={{ width: '100%' }}>
                      <Form.Item label={`${t('common.item', { no: item.itemNo })} · ${item.text ?? ''}`} name={['entries', i, 'items', j, 'status']} style={{ minWidth: 260 }}>
                        <Select options={STATUSES.map((s) => ({ value: s, label: label('itemStatus', s) }))} />
                      </Form.Item>
                      <Form.Item label={t('appraisal.itemNote')} name={['entries', i, 'items', j, 'note']}>
                        <Input maxLength={1000} style={{ width: 280 }} />
                      </Form.Item>
                    </Space>
                  ))}
                  <Form.Item label={t('appraisal.memberNote')} name={['entries', i, 'note']}>
                    <Input maxLength={1000} />
                  </Form.Item>
                  <Form.Item label={t('appraisal.checkEvidence')} name={['entries', i, 'attachments']} extra={t('record.evidenceHint')} style={{ marginBottom: 0 }}>
                    <EvidenceUpload upload={(file) => uploadCheckEvidence(bureauId, file)} onBusy={(busy) => setUploading((u) => ({ ...u, [m.memberId]: busy }))} />
                  </Form.Item>
                </Card>
              ))}
              {Object.values(uploading).some(Boolean) && <Typography.Paragraph type="secondary">{t('record.evidenceUploading')}</Typography.Paragraph>}
              <Button type="primary" htmlType="submit" loading={action.busy === 'record'} disabled={Object.values(uploading).some(Boolean)}>
                {t('appraisal.recordCheck')}
              </Button>
            </Form>
          )}
        </Card>
      )}
      {branchId && (
        <Card title={h2(t('appraisal.branchGrid', { month }))}>
          {grid.error && <ProblemAlert error={grid.error} />}
          <Table<GridRow>
            size="small"
            rowKey="groupId"
            loading={grid.isLoading}
            dataSource={grid.data?.groups ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{
              rowExpandable: (r) => r.members.length > 0,
              expandedRowRender: (r) => (
                <Table
                  size="small"
                  rowKey="memberId"
                  pagination={false}
                  dataSource={r.members}
                  columns={[
                    { title: t('common.name'), dataIndex: 'name' },
                    {
                      title: t('appraisal.itemStatuses'),
                      key: 'items',
                      render: (_, m) => (
                        <Space wrap size={4}>
                          {m.items.map((i) => (
                            <span key={`${i.pledgeId}-${i.itemNo}`}>
                              {t('common.item', { no: i.itemNo })} {i.status ? <AppraisalTag value={i.status} prefix="itemStatus" /> : <Tag>{t('appraisal.unchecked')}</Tag>}
                            </span>
                          ))}
                        </Space>
                      ),
                    },
                    { title: t('appraisal.note'), dataIndex: 'note' },
                  ]}
                />
              ),
            }}
            columns={[
              { title: t('appraisal.group'), dataIndex: 'name' },
              { title: t('common.status'), key: 'status', render: (_, r) => <AppraisalTag value={r.status} prefix="gridStatus" /> },
              { title: t('appraisal.counts'), key: 'counts', render: (_, r) => (r.counts ? STATUSES.map((s) => `${label('itemStatus', s)} ${r.counts?.[s] ?? 0}`).join(' · ') : '') },
              { title: t('appraisal.recordedBy'), key: 'by', render: (_, r) => (r.recordedBy ? `${names(r.recordedBy)} ${formatDateTime(r.recordedAt, locale)}` : '') },
              { title: t('appraisal.notChecked'), key: 'nc', render: (_, r) => r.notChecked.map(names).join('、') },
            ]}
          />
        </Card>
      )}
      {!me.isLoading && !groupId && !branchId && <Alert type="info" showIcon title={t('appraisal.noGroup')} />}
    </Space>
  );
}
