import { useMemo } from 'react';
import { useI18n } from './i18n';
import type { MessageKey } from './messages';
import { REWARD_MESSAGES } from './reward-messages';

const INDEX = { 'zh-CN': 0, 'zh-TW': 1, en: 2 } as const;
const OWN: Record<string, readonly [string, string, string]> = REWARD_MESSAGES;
export type RewardMessageKey = MessageKey | keyof typeof REWARD_MESSAGES;

/**
 * useI18n for the reward, statistics, system and programme pages: their own texts come in their
 * chunks (the first route carries only the shared ones), the rest from the shared table.
 */
export function useRewardI18n() {
  const i18n = useI18n();
  return useMemo(() => {
    const t = (key: RewardMessageKey, vars?: Record<string, string | number>): string => {
      const entry = OWN[key];
      if (!entry) return i18n.t(key as MessageKey, vars);
      const text = entry[INDEX[i18n.locale]];
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
    };
    const label = (prefix: string, value: string | undefined): string => {
      if (!value) return '';
      const key = `${prefix}.${value}`;
      return key in OWN ? t(key as RewardMessageKey) : i18n.label(prefix, value);
    };
    return { ...i18n, t, label };
  }, [i18n]);
}
