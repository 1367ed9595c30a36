import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../api/client';
import { useNames } from '../../api/directory';
import { hasRole, useUser } from '../../auth/useSession';
import { toCsv, saveFile } from '../../export/csv';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useAction } from '../appraisal/useAction';
import { useYear } from '../member/useYear';
import { useGrants, useSelections } from './api';
import { CertificateModal } from './CertificateModal';
import { grantColumns } from './grant-csv';
import { GrantForm } from './GrantForm';
import { grantTableColumns } from './grant-table';
import { RewardNav } from './RewardNav';
import type { Grant } from './types';

/** Spiritual and material rewards of the year: the list (CSV), certificates, and for the leading group granting and revoking. */
export default function GrantsPage() {
  const { t, locale, label } = useI18n();
  const user = useUser();
  const names = useNames();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const [status, setStatus] = useState<string>();
  const grants = useGrants(year, status);
  const selections = useSelections(year);
  const [shown, setShown] = useState<Grant>();
  const [revoking, setRevoking] = useState<Grant>();
  const [revokeForm] = Form.useForm<{ reason: string }>();
  const revoke = useAction(revokeForm);
  const leading = hasRole(user, ['leading-group']);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['reward'] });

  const exportCsv = () => {
    const csv = toCsv(grantColumns(t as (key: string) => string, label, names, locale), grants.data ?? [], [t('reward.grantsOf', { year })]);
    saveFile(csv, `grants-${user.bureauId}-${year}.csv`, 'text/csv;charset=utf-8');
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <RewardNav title={t('reward.grants')} extra={<YearSelect value={year} onChange={setYear} />} />
      {grants.error && <ProblemAlert error={grants.error} />}
      <Card
        title={<CardTitle>{t('reward.grantsOf', { year })}</CardTitle>}
        extra={
          <Space wrap className="no-print">
            <Select aria-label={t('common.status')} allowClear placeholder={t('common.status')} value={status} onChange={setStatus} style={{ width: 120 }} options={['granted', 'revoked'].map((s) => ({ value: s, label: label('reward.status', s) }))} />
            {(grants.data?.length ?? 0) > 0 && <Button onClick={exportCsv}>{t('stats.exportCsv')}</Button>}
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="grantId"
          loading={grants.isLoading}
          dataSource={grants.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reward.noGrant') }}
          columns={[
            { title: t('reward.recipient'), key: 'recipient', render: (_, g) => names(g.grant.recipient.id) },
            ...grantTableColumns(t as (key: string) => string, label, locale),
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, g) => (
                <Space>
                  <Button size="small" onClick={() => setShown(g)}>
                    {t('reward.certificate')}
                  </Button>
                  {leading && g.status === 'granted' && (
                    <Button size="small" danger onClick={() => setRevoking(g)}>
                      {t('reward.revoke')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {leading && (
        <Card title={<CardTitle>{t('reward.grant')}</CardTitle>} className="no-print">
          <GrantForm year={year} selections={selections.data ?? []} onGranted={refresh} />
        </Card>
      )}
      <CertificateModal grant={shown} onClose={() => setShown(undefined)} />
      <Modal
        open={!!revoking}
        title={t('reward.revokeTitle', { title: revoking?.grant.title ?? '' })}
        okText={t('reward.revoke')}
        okButtonProps={{ danger: true, loading: revoke.busy === 'revoke' }}
        cancelText={t('common.cancel')}
        onCancel={() => setRevoking(undefined)}
        onOk={() => revokeForm.submit()}
      >
        {revoke.failure && <ProblemAlert error={revoke.failure.error} messages={revoke.failure.lines} onReload={refresh} />}
        <Form
          form={revokeForm}
          layout="vertical"
          onFinish={(v) =>
            void revoke
              .run('revoke', () => apiPost('/api/v1/rewards/grants/{grantId}/revocation', v, { path: { grantId: revoking!.grantId }, headers: { 'If-Match': `"${revoking!.revision}"` } }), t('reward.revoked'))
              .then((ok) => {
                if (!ok) return;
                setRevoking(undefined);
                revokeForm.resetFields();
                refresh();
              })
          }
        >
          <Form.Item label={t('review.reason')} name="reason" rules={[{ required: true, message: t('book.required') }]}>
            <Input.TextArea id="revoke-reason" rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

