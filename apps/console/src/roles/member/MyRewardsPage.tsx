import { Card, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useUser } from '../../auth/useSession';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useMemberRewards } from '../reward/api';
import { CertificateModal } from '../reward/CertificateModal';
import { grantTableColumns } from '../reward/grant-table';
import type { Grant } from '../reward/types';
import { useYear } from './useYear';

/** A member's rewards: the year's final appraisal results (the main basis) and what was granted, with certificates to print. */
export default function MyRewardsPage() {
  const { t, locale, label } = useI18n();
  const { memberId } = useUser();
  const [year, setYear] = useYear();
  const rewards = useMemberRewards(memberId, year);
  const [shown, setShown] = useState<Grant>();
  const grants = rewards.data?.grants ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('reward.mine')}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </Space>
      {rewards.error && <ProblemAlert error={rewards.error} />}
      <Card title={<CardTitle>{t('reward.myResults')}</CardTitle>} loading={rewards.isLoading}>
        {(rewards.data?.results ?? []).length === 0 ? (
          <Empty description={t('reward.noResults', { year })} />
        ) : (
          <Space wrap>
            {rewards.data!.results.map((r) => (
              <Tag key={r.roundId} color={r.grade === 'excellent' ? 'red' : 'default'}>
                {`${label('appraisal.half', r.half)} · ${r.gradeLabel || label('grade', r.grade)}`}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      <Card title={<CardTitle>{t('reward.myGrants')}</CardTitle>}>
        <Table
          size="small"
          rowKey="grantId"
          loading={rewards.isLoading}
          dataSource={grants}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reward.noGrantYet', { year }) }}
          columns={[
            ...grantTableColumns(t as (key: string) => string, label, locale),
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, g) => (
                <Button size="small" onClick={() => setShown(g)}>
                  {t('reward.certificate')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <CertificateModal grant={shown} onClose={() => setShown(undefined)} />
    </Space>
  );
}
