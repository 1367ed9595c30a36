import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { readFileSync, statSync } from 'node:fs';
import type { Principal } from './principal';

export interface AuthConfig {
  /** A JWKS document on disk (the embedded gateway writes one), re-read when it changes. */
  jwksFile?: string;
  /** A JWKS URL (the gateway's, or any OIDC issuer's); cached by jose. */
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

export class TokenRejected extends Error {}

const ALGORITHMS = ['EdDSA', 'ES256', 'RS256'];

/** Verifies bearer tokens and maps their claims to a Principal. */
export class TokenVerifier {
  private keys: JWTVerifyGetKey;
  private fileStamp = 0;

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
    const claims = payload as JWTPayload & { bureauId?: unknown; roles?: unknown; orgUnitIds?: unknown };
    if (typeof claims.sub !== 'string' || typeof claims.bureauId !== 'string' || !Array.isArray(claims.roles)) {
      throw new TokenRejected('token lacks sub, bureauId or roles');
    }
    return {
      subject: claims.sub,
      bureauId: claims.bureauId,
      roles: claims.roles.filter((r): r is string => typeof r === 'string'),
      orgUnitIds: Array.isArray(claims.orgUnitIds) ? claims.orgUnitIds.filter((r): r is string => typeof r === 'string') : [],
    };
  }

  private currentKeys(): JWTVerifyGetKey {
    if (this.config.jwksFile) {
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
