import { Select } from 'antd';
import { LOCALES, useI18n } from '../i18n/i18n';

export function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Select
      aria-label={t('app.language')}
      size="small"
      value={locale}
      onChange={setLocale}
      options={LOCALES.map((l) => ({ value: l.locale, label: l.label }))}
      style={{ width: 112 }}
      popupMatchSelectWidth={false}
    />
  );
}
