import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../format/format';
import { MESSAGES, type MessageKey } from './messages';

const INDEX: Record<Locale, 0 | 1 | 2> = { 'zh-CN': 0, 'zh-TW': 1, en: 2 };
const ANTD = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS };
export const LOCALES: { locale: Locale; label: string }[] = [
  { locale: 'zh-CN', label: '简体中文' },
  { locale: 'zh-TW', label: '繁體中文' },
  { locale: 'en', label: 'English' },
];
const STORAGE_KEY = 'pledgebook.locale';
/** The bureau's red; secondary text dark enough for WCAG AA contrast on white and on light grey. */
const THEME = {
  token: {
    colorPrimary: '#a61b1b',
    colorLink: '#a61b1b',
    colorError: '#c41d1d',
    borderRadius: 4,
    fontSize: 14,
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
  components: { Menu: { groupTitleColor: 'rgba(0, 0, 0, 0.62)' } },
};

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** A label for an API value (a status, a kind, a category…), or the value itself when unknown. */
  label(prefix: string, value: string | undefined): string;
}

const Context = createContext<I18n | undefined>(undefined);

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'zh-TW' || saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const t: Translate = (key, vars) => {
      const text: string = MESSAGES[key][INDEX[locale]];
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
    };
    const label = (prefix: string, value: string | undefined) => {
      if (!value) return '';
      const key = `${prefix}.${value}` as MessageKey;
      return key in MESSAGES ? t(key) : value;
    };
    return { locale, setLocale, t, label };
  }, [locale, setLocale]);
  return (
    <Context.Provider value={value}>
      <ConfigProvider locale={ANTD[locale]} button={{ autoInsertSpace: false }} theme={THEME}>
        {children}
      </ConfigProvider>
    </Context.Provider>
  );
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
