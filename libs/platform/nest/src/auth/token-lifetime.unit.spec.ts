import { CLOCK_SKEW_SECONDS, tokenLifetimeProblem } from './token-lifetime';

const NOW = 1_780_000_000;
const MAX = 3600;

describe('token lifetime', () => {
  it('accepts a token that expires within the maximum', () => {
    expect(tokenLifetimeProblem({ iat: NOW, exp: NOW + 900 }, NOW, MAX)).toBeUndefined();
    expect(tokenLifetimeProblem({ iat: NOW - 100, exp: NOW - 100 + MAX }, NOW, MAX)).toBeUndefined();
    expect(tokenLifetimeProblem({ exp: NOW + MAX }, NOW, MAX)).toBeUndefined();
  });

  it('refuses a token without exp', () => {
    expect(tokenLifetimeProblem({ iat: NOW }, NOW, MAX)).toMatch(/no expiry \("exp" claim\)/);
    expect(tokenLifetimeProblem({}, NOW, MAX)).toMatch(/no expiry/);
  });

  it('refuses a token whose exp − iat exceeds the maximum, even when little of it is left', () => {
    expect(tokenLifetimeProblem({ iat: NOW, exp: NOW + MAX + 1 }, NOW, MAX)).toBe('the token lives 3601 s ("exp" − "iat"), longer than the 3600 s allowed');
    expect(tokenLifetimeProblem({ iat: NOW - 30 * 86400, exp: NOW + 60 }, NOW, MAX)).toMatch(/lives 2592060 s/);
  });

  it('refuses a token that expires too far from now, whatever its iat says', () => {
    expect(tokenLifetimeProblem({ iat: NOW + 365 * 86400, exp: NOW + 365 * 86400 + 60 }, NOW, MAX)).toMatch(/expires 31536060 s from now, later than the 3600 s allowed/);
    expect(tokenLifetimeProblem({ exp: NOW + 10 * 365 * 86400 }, NOW, MAX)).toMatch(/from now/);
  });

  it('allows an issuer clock a little ahead of ours', () => {
    expect(tokenLifetimeProblem({ iat: NOW + CLOCK_SKEW_SECONDS, exp: NOW + CLOCK_SKEW_SECONDS + MAX }, NOW, MAX)).toBeUndefined();
    expect(tokenLifetimeProblem({ iat: NOW + CLOCK_SKEW_SECONDS + 1, exp: NOW + CLOCK_SKEW_SECONDS + 1 + MAX }, NOW, MAX)).toMatch(/from now/);
  });
});
