import { Button, Card, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../api/client';
import { useNames } from '../../api/directory';
import { useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';
import { BASE, useObjections } from './api';
import { AppraisalTag } from './tags';
import type { Objection, Round } from './types';
import { useAction } from './useAction';

/** The objections raised during the notice, with their objectors (for the office only), decided with a reason. */
export function ObjectionsCard({ round, office, onChanged }: { round: Round; office: boolean; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { bureauId } = useUser();
  const names = useNames();
  const objections = useObjections(round.year, round.half, true);
  const action = useAction();
  const [deciding, setDeciding] = useState<{ objection: Objection; verdict: 'dismiss' | 'uphold' }>();
  const [reason, setReason] = useState('');
  const path = { bureauId, year: String(round.year), half: round.half };
  const decide = async () => {
    if (!deciding) return;
    const { objection, verdict } = deciding;
    const ok = await action.run(
      'decide',
      async () => {
        await apiPost(`${BASE}/rounds/{year}/{half}/objections/{objectionId}/${verdict}`, { reason }, { path: { ...path, objectionId: objection.objectionId } });
        void objections.refetch();
        onChanged();
      },
      t(verdict === 'dismiss' ? 'appraisal.objection.dismissed' : 'appraisal.objection.upheld'),
    );
    if (ok) {
      setDeciding(undefined);
      setReason('');
    }
  };
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('appraisal.objections')}</Typography.Title>}>
      {objections.error && <ProblemAlert error={objections.error} />}
      <Table
        size="small"
        rowKey="objectionId"
        loading={objections.isLoading}
        dataSource={objections.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('appraisal.noObjection') }}
        columns={[
          { title: t('appraisal.about'), key: 'member', render: (_, o) => names(o.memberId) },
          { title: t('appraisal.objector'), key: 'by', render: (_, o) => (o.objectorId ? names(o.objectorId) : t('appraisal.withheld')) },
          { title: t('appraisal.objectionText'), key: 'text', render: (_, o) => o.text ?? t('appraisal.withheld') },
          { title: t('appraisal.raisedAt'), key: 'at', render: (_, o) => formatDateTime(o.raisedAt, locale) },
          { title: t('common.status'), key: 'status', render: (_, o) => <AppraisalTag value={o.status} /> },
          { title: t('appraisal.decision'), key: 'decision', render: (_, o) => o.decision?.reason ?? '' },
          {
            title: t('common.actions'),
            key: 'act',
            render: (_, o) =>
              office && o.status === 'open' ? (
                <Space>
                  <Button size="small" onClick={() => setDeciding({ objection: o, verdict: 'dismiss' })}>
                    {t('appraisal.dismiss')}
                  </Button>
                  <Button size="small" onClick={() => setDeciding({ objection: o, verdict: 'uphold' })}>
                    {t('appraisal.uphold')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!deciding}
        title={deciding ? `${t(`appraisal.${deciding.verdict}`)} · ${names(deciding.objection.memberId)}` : ''}
        okText={deciding ? t(`appraisal.${deciding.verdict}`) : ''}
        cancelText={t('common.cancel')}
        confirmLoading={action.busy === 'decide'}
        onCancel={() => setDeciding(undefined)}
        onOk={() => void decide()}
      >
        {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={() => void objections.refetch()} />}
        {deciding?.verdict === 'uphold' && <Typography.Paragraph>{t('appraisal.upholdNote')}</Typography.Paragraph>}
        <label htmlFor="decision-reason">{t('appraisal.reason')}</label>
        <Input.TextArea id="decision-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      </Modal>
    </Card>
  );
}
