import type { TableColumnsType } from 'antd';
import { formatDateTime, type Locale } from '../../format/format';
import { rewardText } from './reward-helpers';
import { RewardTag } from './tags';
import type { Grant } from './types';

/** The columns every list of grants shows (the leading group's and a member's own): title, ground, reward, status, date. */
export function grantTableColumns(t: (key: string) => string, label: (prefix: string, value: string) => string, locale: Locale): TableColumnsType<Grant> {
  return [
    { title: t('reward.grantTitle'), key: 'title', render: (_, g) => g.grant.title },
    { title: t('reward.ground'), key: 'ground', render: (_, g) => label('reward.ground', g.grant.ground) },
    { title: t('reward.reward'), key: 'reward', render: (_, g) => rewardText(g.grant, label, locale) },
    { title: t('common.status'), key: 'status', render: (_, g) => <RewardTag value={g.status} /> },
    { title: t('reward.grantedAt'), key: 'at', render: (_, g) => formatDateTime(g.grant.grantedAt, locale) },
  ];
}
