/**
 * How long a bearer token may live unless AUTH_MAX_TOKEN_LIFETIME_SECONDS says otherwise: a day,
 * the longest the gateway issues (TOKEN_TTL_SECONDS is at most 24 h) and longer than the access
 * tokens of common OIDC issuers, so only tokens that outlive a working day are refused.
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** An issuer's clock may run ahead of ours: `exp` may lie this much beyond now + the maximum. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Why a token's lifetime is refused, or undefined when it is acceptable. A token must carry
 * `exp`; it may live at most `maxSeconds` from `iat` (when given), and — whatever `iat` says —
 * expire at most `maxSeconds` from now. A stolen token is then worth no more than that.
 */
export function tokenLifetimeProblem(claims: { exp?: unknown; iat?: unknown }, nowSeconds: number, maxSeconds: number): string | undefined {
  const { exp, iat } = claims;
  if (typeof exp !== 'number') return 'the token has no expiry ("exp" claim); only expiring tokens are accepted';
  if (typeof iat === 'number' && exp - iat > maxSeconds) return `the token lives ${exp - iat} s ("exp" − "iat"), longer than the ${maxSeconds} s allowed`;
  if (exp - nowSeconds > maxSeconds + CLOCK_SKEW_SECONDS) return `the token expires ${exp - nowSeconds} s from now, later than the ${maxSeconds} s allowed`;
  return undefined;
}
