import { bureauDate, bureauTimeToIso, currentBureauYear, formatDateTime, formatYuan, yuanToFen } from './format';

describe('console formatting', () => {
  it('shows integer fen as yuan in each language', () => {
    expect(formatYuan(123456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatYuan(5, 'en')).toBe('CN¥0.05');
    expect(formatYuan(undefined, 'zh-TW')).toMatch(/0\.00$/);
  });

  it('reads typed yuan as integer fen, refusing what is not an amount', () => {
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('1,200')).toBe(120000);
    expect(yuanToFen(3)).toBe(300);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1.234')).toBeUndefined();
    expect(yuanToFen('-2')).toBeUndefined();
    expect(yuanToFen('')).toBeUndefined();
  });

  it('shows instants in the bureau’s time zone (UTC+8)', () => {
    expect(formatDateTime('2026-03-04T17:30:00Z', 'zh-CN')).toBe('2026-03-05 01:30:00');
    expect(formatDateTime('2026-03-04T17:30:00Z', 'en')).toBe('2026-03-05 01:30:00');
    expect(bureauDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(currentBureauYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
    expect(bureauTimeToIso('2026-03-05T01:30')).toBe('2026-03-04T17:30:00.000Z');
  });
});
