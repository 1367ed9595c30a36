import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { readFileSync, statSync } from 'node:fs';
import { ClaimsUnusable, DEFAULT_CLAIMS, principalFromClaims, type ClaimMapping } from './claim-mapping';
import type { Principal } from './principal';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, tokenLifetimeProblem } from './token-lifetime';

export { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './token-lifetime';

export interface AuthConfig {
  /** A JWKS document on disk (the embedded gateway writes one), re-read when it changes. */
  jwksFile?: string;
  /** A JWKS URL (the gateway's, or any OIDC issuer's); cached by jose. */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Where the issuer puts subject, bureau, roles and org units (defaults: the gateway's claims). */
  claims?: ClaimMapping;
  /** Longest lifetime accepted (exp − iat, and exp − now); a token without `exp` is refused. */
  maxTokenLifetimeSeconds?: number;
}

export class TokenRejected extends Error {}

const ALGORITHMS = ['EdDSA', 'ES256', 'RS256'];
const RECHECK_MS = 1_000;

/** Verifies bearer tokens and maps their claims to a Principal. */
export class TokenVerifier {
  private keys: JWTVerifyGetKey;
  private fileStamp = 0;
  private checkedAt = 0;

  constructor(private readonly config: AuthConfig) {
    if (!config.jwksFile && !config.jwksUrl) throw new Error('auth needs a JWKS file or URL');
    this.keys = this.load();
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.currentKeys(), { issuer: this.config.issuer, audience: this.config.audience, algorithms: ALGORITHMS }));
    } catch (error) {
      throw new TokenRejected(error instanceof Error ? error.message : 'invalid token');
    }
    const lifetime = tokenLifetimeProblem(payload, Math.floor(Date.now() / 1000), this.config.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS);
    if (lifetime) throw new TokenRejected(lifetime);
    try {
      return principalFromClaims(payload as Record<string, unknown>, this.config.claims ?? DEFAULT_CLAIMS);
    } catch (error) {
      if (error instanceof ClaimsUnusable) throw new TokenRejected(error.message);
      throw error;
    }
  }

  /** The JWKS file is looked at again at most once a second, not on every request. */
  private currentKeys(): JWTVerifyGetKey {
    if (this.config.jwksFile && Date.now() - this.checkedAt >= RECHECK_MS) {
      this.checkedAt = Date.now();
      const stamp = statSync(this.config.jwksFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (stamp !== this.fileStamp) this.keys = this.load();
    }
    return this.keys;
  }

  private load(): JWTVerifyGetKey {
    if (this.config.jwksUrl) return createRemoteJWKSet(new URL(this.config.jwksUrl));
    const file = this.config.jwksFile!;
    this.fileStamp = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (!this.fileStamp) return async () => Promise.reject(new TokenRejected(`no signing keys published yet (${file})`));
    return createLocalJWKSet(JSON.parse(readFileSync(file, 'utf8')));
  }
}
