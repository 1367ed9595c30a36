import { UnauthorizedException } from '@nestjs/common';
import type { SigningKey } from '@pledgebook/gateway-keys';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Account, AccountStore } from '../accounts/account-store';
import { signPasswordChangeToken, signSessionToken } from './session-tokens';
import type { SessionStore } from './session-store';

/** How long the password-change token of an account with an initial password lives. */
const PASSWORD_CHANGE_TTL_SECONDS = 600;
/** `<session id>.<secret>`: the id finds the session, the secret (stored hashed) proves it. */
const REFRESH_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;
export const REFRESH_TOKEN_PATTERN = REFRESH_TOKEN;

export interface SessionSettings {
  accessTtlSeconds: number;
  sessionTtlSeconds: number;
  issuer: string;
  audience: string;
}

export interface SignedIn {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  /** Absent when the account must change its password first. */
  refreshToken?: string;
  refreshExpiresIn?: number;
  mustChangePassword: boolean;
  username: string;
  memberId: string;
  bureauId: string;
  roles: string[];
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const refused = (why: string): never => {
  throw new UnauthorizedException(`sign in again: ${why}`);
};

/**
 * Sign-in sessions: a short access token and a refresh token that is exchanged for a new pair
 * until the session expires or is revoked (sign-out, password change or reset, disabled account).
 */
export class Sessions {
  constructor(
    private readonly accounts: AccountStore,
    private readonly store: SessionStore,
    private readonly signing: SigningKey,
    private readonly settings: SessionSettings,
  ) {}

  async signIn(account: Account, now = new Date()): Promise<SignedIn> {
    const who = { username: account.username, memberId: account.memberId, bureauId: account.bureauId, roles: account.roles };
    if (account.mustChangePassword) {
      const accessToken = await signPasswordChangeToken(this.signing, { sub: account.memberId, bureauId: account.bureauId, username: account.username }, this.tokenOptions(PASSWORD_CHANGE_TTL_SECONDS));
      return { accessToken, tokenType: 'Bearer', expiresIn: PASSWORD_CHANGE_TTL_SECONDS, mustChangePassword: true, ...who };
    }
    const sessionId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.settings.sessionTtlSeconds * 1000);
    this.store.open({ sessionId, username: account.username, secretHash: digest(secret), createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    return this.tokens(account, sessionId, secret, expiresAt, now);
  }

  /** A new access token and a new refresh token; the one presented is spent. */
  async refresh(refreshToken: string, now = new Date()): Promise<SignedIn> {
    const [, sessionId, secret] = REFRESH_TOKEN.exec(refreshToken) ?? refused('not a refresh token');
    const session = this.store.find(sessionId!) ?? refused('no such session');
    if (session.revokedAt) refused('the session was ended');
    if (Date.parse(session.expiresAt) <= now.getTime()) refused('the session expired');
    const account = this.accounts.find(session.username);
    if (!account || account.disabled) {
      this.store.revoke(session.sessionId, 'account disabled', now.toISOString());
      refused('the account is disabled');
    }
    const next = randomBytes(32).toString('base64url');
    if (!this.store.rotate(session.sessionId, digest(secret!), digest(next), now.toISOString())) {
      // A spent refresh token used again: someone else may hold it, so the session ends for both.
      this.store.revoke(session.sessionId, 'refresh token reused', now.toISOString());
      refused('this refresh token was already used');
    }
    return this.tokens(account!, session.sessionId, next, new Date(session.expiresAt), now);
  }

  /** Ends the session the refresh token belongs to; ending an ended session is not an error. */
  signOut(refreshToken: string, now = new Date()): void {
    const [, sessionId, secret] = REFRESH_TOKEN.exec(refreshToken) ?? refused('not a refresh token');
    const session = this.store.find(sessionId!) ?? refused('no such session');
    if (session.revokedAt) return;
    if (session.secretHash !== digest(secret!)) refused('not the current refresh token of this session');
    this.store.revoke(session.sessionId, 'signed out', now.toISOString());
  }

  /** The open session an access token names (its `sid`), if it is still open. */
  openSession(sessionId: string, now = new Date()) {
    const session = this.store.find(sessionId);
    return session && !session.revokedAt && Date.parse(session.expiresAt) > now.getTime() ? session : undefined;
  }

  endAll(username: string, why: string, now = new Date()): number {
    return this.store.revokeAll(username, why, now.toISOString());
  }

  private async tokens(account: Account, sessionId: string, secret: string, expiresAt: Date, now: Date): Promise<SignedIn> {
    const accessTtl = Math.max(1, Math.min(this.settings.accessTtlSeconds, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)));
    const accessToken = await signSessionToken(this.signing, { sub: account.memberId, bureauId: account.bureauId, roles: account.roles, sid: sessionId }, this.tokenOptions(accessTtl));
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: accessTtl,
      refreshToken: `${sessionId}.${secret}`,
      refreshExpiresIn: Math.floor((expiresAt.getTime() - now.getTime()) / 1000),
      mustChangePassword: false,
      username: account.username,
      memberId: account.memberId,
      bureauId: account.bureauId,
      roles: account.roles,
    };
  }

  private tokenOptions(ttlSeconds: number) {
    return { ttlSeconds, issuer: this.settings.issuer, audience: this.settings.audience };
  }
}
