import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JWK } from 'jose';

/** A JSON Web Key Set as published (public keys only). */
export interface Jwks {
  keys: JWK[];
}

/** The key id a detached JWS names in its protected header (undefined when unreadable). */
export function jwsKeyId(jws: string): string | undefined {
  try {
    return decodeProtectedHeader(jws).kid;
  } catch {
    return undefined;
  }
}

/**
 * Checks a detached JWS (RFC 7515 appendix F: `header..signature`) over `payload` with a key of
 * the set, EdDSA only. Pure computation: usable by the service and by the offline verifier alike.
 */
export async function verifyDetachedJws(jws: string, payload: Uint8Array, jwks: Jwks): Promise<boolean> {
  const [header, empty, signature, ...rest] = jws.trim().split('.');
  if (!header || empty !== '' || !signature || rest.length > 0) return false;
  try {
    await compactVerify(`${header}.${Buffer.from(payload).toString('base64url')}.${signature}`, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
    return true;
  } catch {
    return false;
  }
}
