import type { Jwks } from '@pledgebook/audit-domain';
import { CompactSign, type KeyLike } from 'jose';

/** The system's signing key as the audit context uses it: detached JWS (RFC 7515 appendix F) over given bytes. */
export interface EvidenceSigner {
  kid: string;
  /** The public keys, as published (the gateway's JWKS). */
  jwks: Jwks;
  sign(payload: Uint8Array): Promise<string>;
}

export function ed25519Signer(key: KeyLike | Uint8Array, kid: string, jwks: Jwks): EvidenceSigner {
  return {
    kid,
    jwks,
    async sign(payload) {
      const [header, , signature] = (await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA', kid }).sign(key)).split('.');
      return `${header}..${signature}`;
    },
  };
}
