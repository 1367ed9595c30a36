import { Tag } from 'antd';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import type { Subscription } from './types';

/** A webhook target: its URL, and the batch size when it is sent in batches. */
export function TargetText({ target }: { target: NonNullable<Subscription['target']> }) {
  const { t } = useI18n();
  return (
    <>
      {target.url}
      {target.batch && (
        <Tag color="blue" style={{ marginInlineStart: 8 }}>
          {t('system.batchOf', { count: target.batch.maxEvents })}
        </Tag>
      )}
    </>
  );
}
