// Framework-free formatting: the bureau's time zone, money in yuan from integer fen.

/** Where the bureaus are: dates and times are shown as a mainland bureau reads them. */
export const BUREAU_TIME_ZONE = 'Asia/Shanghai';

export type Locale = 'zh-CN' | 'zh-TW' | 'en';

/** 123456 fen → "¥1,234.56" (the currency sign as the locale writes it). */
export function formatYuan(fen: number | undefined | null, locale: Locale): string {
  const value = (fen ?? 0) / 100;
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(value);
}

/** "12.5" yuan as typed → 1250 fen; undefined when it is not an amount. */
export function yuanToFen(yuan: string | number | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || yuan === '') return undefined;
  const text = String(yuan).trim().replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return undefined;
  const [whole, cents = ''] = text.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

/** An instant as a date and time in the bureau's zone: "2026-03-05 14:30". */
export function formatDateTime(iso: string | undefined | null, locale: Locale): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat(locale === 'en' ? 'en-CA' : 'zh-CN', {
    timeZone: BUREAU_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** An instant's calendar day in the bureau's zone: "2026-03-05". */
export function bureauDate(iso: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: BUREAU_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(typeof iso === 'string' ? new Date(iso) : iso);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The programme year it is now in the bureau. */
export function currentBureauYear(now: Date = new Date()): number {
  return Number(bureauDate(now).slice(0, 4));
}

/** A wall-clock time in the bureau's zone ("2026-03-05T14:30:00") → the instant, as ISO UTC. */
export function bureauTimeToIso(local: string): string {
  // Asia/Shanghai has kept UTC+8 without daylight saving since 1991.
  return new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`).toISOString();
}
