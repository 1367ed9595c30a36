import { evidenceLines, fenOrZero, fenToYuanText, openObjections, type Objection } from './objection-helpers';

const objection = (objectionId: string, status: Objection['status']): Objection => ({ objectionId, memberId: 'wang-fang', raisedAt: '2026-05-01T02:00:00.000Z', status });

describe('the objection, research and policy pages’ rules', () => {
  it('counts the objections still open (the announcement waits for none)', () => {
    expect(openObjections({})).toBe(0);
    expect(openObjections({ objections: { a: objection('a', 'open'), b: objection('b', 'upheld'), c: objection('c', 'open'), d: objection('d', 'dismissed') } })).toBe(2);
  });

  it('takes evidence one per line, trimmed, blank lines dropped', () => {
    expect(evidenceLines(' 局领导批示 \r\n\n《统计研究》刊发\n  ')).toEqual(['局领导批示', '《统计研究》刊发']);
    expect(evidenceLines(undefined)).toEqual([]);
  });

  it('reads yuan as fen: empty is nothing given, an unreadable amount is undefined', () => {
    expect(fenOrZero('')).toBe(0);
    expect(fenOrZero(undefined)).toBe(0);
    expect(fenOrZero('500')).toBe(50_000);
    expect(fenOrZero('12.5')).toBe(1250);
    expect(fenOrZero('-3')).toBeUndefined();
    expect(fenOrZero('1.234')).toBeUndefined();
  });

  it('shows fen in a yuan field, cents only when there are any', () => {
    expect(fenToYuanText(50_000)).toBe('500');
    expect(fenToYuanText(1250)).toBe('12.50');
    expect(fenToYuanText(undefined)).toBe('');
  });
});
