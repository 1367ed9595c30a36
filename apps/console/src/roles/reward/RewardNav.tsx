import { Segmented, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';

/** The reward pages' heading and the switch between selections and grants. */
export function RewardNav({ title, extra }: { title: string; extra?: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.startsWith('/reward/grants') ? '/reward/grants' : '/reward';
  return (
    <Space wrap style={{ justifyContent: 'space-between', width: '100%' }} className="no-print">
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {title}
      </Typography.Title>
      <Space wrap>
        <Segmented
          aria-label={t('nav.rewards')}
          value={current}
          onChange={(path) => navigate(`${path}${location.search}`)}
          options={[
            { value: '/reward', label: t('reward.selections') },
            { value: '/reward/grants', label: t('reward.grants') },
          ]}
        />
        {extra}
      </Space>
    </Space>
  );
}
