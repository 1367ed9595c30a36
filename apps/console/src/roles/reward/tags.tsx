import { Tag } from 'antd';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';

const COLOURS: Record<string, string> = { open: 'processing', decided: 'blue', 'on-notice': 'gold', announced: 'success', granted: 'success', revoked: 'default' };

/** A selection's or a grant's status in words. */
export function RewardTag({ value }: { value: string }) {
  const { label } = useI18n();
  return <Tag color={COLOURS[value] ?? 'default'}>{label('reward.status', value)}</Tag>;
}
