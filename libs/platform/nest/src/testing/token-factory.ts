import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface TestTokenClaims {
  sub: string;
  bureauId: string;
  roles: string[];
  orgUnitIds?: string[];
}

/** Signs tokens with a fresh Ed25519 key and publishes its JWKS to a file, as the gateway does. */
export class TestTokens {
  private constructor(
    private readonly privateKey: KeyLike,
    readonly kid: string,
  ) {}

  static async create(jwksFile: string): Promise<TestTokens> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const kid = `test-${Date.now()}`;
    mkdirSync(dirname(jwksFile), { recursive: true });
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] }));
    return new TestTokens(privateKey, kid);
  }

  sign(claims: TestTokenClaims, options: { expiresIn?: string; issuer?: string; audience?: string } = {}): Promise<string> {
    return new SignJWT({ bureauId: claims.bureauId, roles: claims.roles, orgUnitIds: claims.orgUnitIds ?? [] })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.kid })
      .setSubject(claims.sub)
      .setIssuer(options.issuer ?? 'pledgebook')
      .setAudience(options.audience ?? 'pledgebook')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '15m')
      .sign(this.privateKey);
  }
}
