import { Body, Controller, HttpCode, Inject, Post, Req, UnauthorizedException } from '@nestjs/common';
import { THROTTLE, isLocked, lockExpiry } from '@pledgebook/gateway-identity';
import { hashPassword, verifyPassword } from '@pledgebook/gateway-keys';
import { Public, ZodApiBody, ZodPipe } from '@pledgebook/nest';
import type { Request } from 'express';
import { z } from 'zod';
import { PasswordRefused, newPasswordProblems } from '../accounts/account-errors';
import type { AccountStore } from '../accounts/account-store';
import type { GatewayConfig } from '../config';
import { verifyOwnToken } from '../sessions/session-tokens';
import type { Sessions } from '../sessions/sessions';
import { ACCOUNTS, GATEWAY_CONFIG, SESSIONS } from '../tokens';

const changeBody = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });

const unauthenticated = (why: string): never => {
  throw new UnauthorizedException(`authentication required: ${why}`);
};

/**
 * Changing one's own password. Public to the guard because it also takes the token an account
 * with an initial password gets at login (another audience, which every other route refuses);
 * it verifies the bearer token itself.
 */
@Controller()
export class PasswordController {
  constructor(
    @Inject(ACCOUNTS) private readonly accounts: AccountStore,
    @Inject(SESSIONS) private readonly sessions: Sessions,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Current and new password → a new session (every other session of the account ends). */
  @Public()
  @Post('api/v1/auth/password')
  @HttpCode(200)
  @ZodApiBody(changeBody)
  async change(@Body(new ZodPipe(changeBody)) body: z.infer<typeof changeBody>, @Req() request: Request) {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : unauthenticated('no bearer token');
    const claims = (await verifyOwnToken(token, this.config.dataDir, this.config.auth.issuer, this.config.auth.audience)) ?? unauthenticated('not a valid token of this gateway');
    const username = typeof claims.username === 'string' ? claims.username : typeof claims.sid === 'string' ? this.sessions.openSession(claims.sid)?.username : undefined;
    const account = (username ? this.accounts.find(username) : undefined) ?? unauthenticated('the token names no open session; sign in with your password');
    if (account.disabled) unauthenticated('the account is disabled');
    const now = new Date();
    if (isLocked(account.throttle, now)) throw new PasswordRefused('currentPassword', 'too many wrong passwords: the account is locked for a while');
    if (!(await verifyPassword(body.currentPassword, account.passwordHash))) {
      this.accounts.recordFailure(account.username, THROTTLE.lockAfter, lockExpiry(now));
      throw new PasswordRefused('currentPassword', 'the current password is not right');
    }
    newPasswordProblems(body.newPassword, account.username, body.currentPassword);
    this.accounts.setPassword(account.username, await hashPassword(body.newPassword), false);
    this.sessions.endAll(account.username, 'password changed', now);
    return this.sessions.signIn({ ...account, mustChangePassword: false }, now);
  }
}
