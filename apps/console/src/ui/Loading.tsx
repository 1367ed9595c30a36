import { Spin } from 'antd';
import { useI18n } from '../i18n/i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status">
      <Spin />
      <div style={{ marginTop: 8 }}>{t('app.loading')}</div>
    </div>
  );
}
