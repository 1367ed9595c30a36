import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_KEY_FILE = 'signing-key.jwk.json';
export const JWKS_FILE = 'jwks.json';

export interface SigningKey {
  key: KeyLike | Uint8Array;
  kid: string;
}

export interface AccessClaims {
  sub: string;
  bureauId: string;
  roles: string[];
  orgUnitIds?: string[];
}

/**
 * The embedded profile's token signing key: an Ed25519 pair created on first use in the data
 * directory. The private half is readable by its owner only; the public half is published as
 * jwks.json, which the services trust (and the gateway serves at /.well-known/jwks.json).
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const privateFile = join(dataDir, PRIVATE_KEY_FILE);
  if (!existsSync(privateFile)) {
    mkdirSync(dataDir, { recursive: true });
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = `pledgebook-${new Date().toISOString().slice(0, 10)}`;
    writeFileSync(privateFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' }), { mode: 0o600 });
    chmodSync(privateFile, 0o600);
    writeFileSync(join(dataDir, JWKS_FILE), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] }));
  }
  const jwk = JSON.parse(readFileSync(privateFile, 'utf8')) as JWK & { kid: string };
  return { key: await importJWK(jwk, 'EdDSA'), kid: jwk.kid };
}

export function readJwks(dataDir: string): { keys: JWK[] } {
  return JSON.parse(readFileSync(join(dataDir, JWKS_FILE), 'utf8')) as { keys: JWK[] };
}

export function signAccessToken(signing: SigningKey, claims: AccessClaims, options: { ttl: string; issuer: string; audience: string }): Promise<string> {
  return new SignJWT({ bureauId: claims.bureauId, roles: claims.roles, orgUnitIds: claims.orgUnitIds ?? [] })
    .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.ttl)
    .sign(signing.key);
}
