import { readJwks, type AccessClaims, type SigningKey } from '@pledgebook/gateway-keys';
import { createLocalJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';

/**
 * The audience of the token an account with an initial password gets at login. The services
 * (and the gateway's guard) accept only the main audience, so such a token opens nothing but
 * the password change, which accepts both.
 */
export const passwordChangeAudience = (audience: string) => `${audience}:password-change`;

export interface TokenOptions {
  ttlSeconds: number;
  issuer: string;
  audience: string;
}

/** An access token with the gateway's usual claims and the session it belongs to (`sid`). */
export function signSessionToken(signing: SigningKey, claims: AccessClaims & { sid: string }, options: TokenOptions): Promise<string> {
  return new SignJWT({ bureauId: claims.bureauId, roles: claims.roles, orgUnitIds: claims.orgUnitIds ?? [], sid: claims.sid })
    .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds}s`)
    .sign(signing.key);
}

/** Good only for changing the password: another audience, no roles, the account's username. */
export function signPasswordChangeToken(signing: SigningKey, claims: { sub: string; bureauId: string; username: string }, options: TokenOptions): Promise<string> {
  return new SignJWT({ bureauId: claims.bureauId, roles: [], orgUnitIds: [], username: claims.username, purpose: 'password-change' })
    .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(passwordChangeAudience(options.audience))
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds}s`)
    .sign(signing.key);
}

/** Verifies a token this gateway signed (its own published key), for either audience; undefined when it is not one. */
export async function verifyOwnToken(token: string, dataDir: string, issuer: string, audience: string): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(readJwks(dataDir)), { issuer, audience: [audience, passwordChangeAudience(audience)], algorithms: ['EdDSA'] });
    return payload;
  } catch {
    return undefined;
  }
}
