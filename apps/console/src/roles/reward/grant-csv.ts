// The year's grants as CSV, in the language the page is read in (framework-free, unit-tested).
import type { CsvColumn } from '../../export/csv';
import { formatDateTime, type Locale } from '../../format/format';
import { materialFen } from './reward-helpers';
import type { Grant } from './types';

export function grantColumns(t: (key: string) => string, label: (prefix: string, value: string | undefined) => string, name: (id: string) => string, locale: Locale): CsvColumn<Grant>[] {
  return [
    { title: t('reward.recipient'), value: (g) => name(g.grant.recipient.id) },
    { title: t('reward.grantTitle'), value: (g) => g.grant.title },
    { title: t('reward.ground'), value: (g) => label('reward.ground', g.grant.ground) },
    { title: t('reward.spiritual'), value: (g) => g.grant.spiritual.map((f) => label('spiritual', f)).join('、') },
    { title: t('reward.amountYuan'), value: (g) => materialFen(g.grant.material) / 100 },
    { title: t('common.status'), value: (g) => label('reward.status', g.status) },
    { title: t('reward.grantedAt'), value: (g) => formatDateTime(g.grant.grantedAt, locale) },
    { title: t('reward.revokedReason'), value: (g) => g.revocation?.reason },
  ];
}
