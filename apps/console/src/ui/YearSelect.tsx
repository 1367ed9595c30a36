import { Select } from 'antd';
import { currentBureauYear } from '../format/format';
import { useI18n } from '../i18n/i18n';

export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useI18n();
  const now = currentBureauYear();
  return <Select aria-label={t('common.year')} value={value} onChange={onChange} options={[now + 1, now, now - 1, now - 2].map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />;
}
