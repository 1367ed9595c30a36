import { afterSuccess, delayAfterFailure, isLocked, lockExpiry, THROTTLE } from './login-throttle';
import { passwordProblems } from './password-policy';

describe('password policy', () => {
  it.each([
    ['Tongji-2026!', []],
    ['a long passphrase of plain words', []],
    ['Short1!', ['at least 12 characters']],
    ['alllowercaseletters', []],
    ['onlylowercase', ['three of: lower case, upper case, digits, symbols (or 16 or more characters)']],
    ['Password123', ['at least 12 characters', 'not a commonly used password']],
    ['wangxiaodong-2026A', ['must not contain the username']],
  ])('%s → %j', (password, problems) => {
    expect(passwordProblems(password, 'wangxiaodong')).toEqual(problems);
  });

  it('refuses common passwords and absurd lengths', () => {
    expect(passwordProblems('changeme', 'x')).toContain('not a commonly used password');
    expect(passwordProblems('x'.repeat(300), 'u')).toContain('at most 256 characters');
  });
});

describe('login throttle', () => {
  const now = new Date('2026-03-01T08:00:00.000Z');

  it('answers the first failures at once, then doubles the delay up to a cap', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(delayAfterFailure)).toEqual([0, 0, 0, 500, 1000, 2000, 8000]);
  });

  it('locks for fifteen minutes after ten failures, and a success resets the count', () => {
    expect(THROTTLE.lockAfter).toBe(10);
    expect(isLocked({ failures: 9 }, now)).toBe(false);
    const state = { failures: 10, lockedUntil: lockExpiry(now) };
    expect(state.lockedUntil).toBe('2026-03-01T08:15:00.000Z');
    expect(isLocked(state, new Date('2026-03-01T08:14:59.000Z'))).toBe(true);
    expect(isLocked(state, new Date('2026-03-01T08:15:00.000Z'))).toBe(false);
    expect(afterSuccess()).toEqual({ failures: 0 });
  });
});
