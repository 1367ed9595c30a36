import { Body, Controller, Get, HttpCode, HttpException, Inject, Post, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { afterSuccess, delayAfterFailure, isLocked, lockExpiry, THROTTLE } from '@pledgebook/gateway-identity';
import { hashPassword, readJwks, verifyPassword } from '@pledgebook/gateway-keys';
import { Public, ZodApiBody, ZodPipe } from '@pledgebook/nest';
import { sleep } from '@pledgebook/util';
import type { Response } from 'express';
import { z } from 'zod';
import type { AccountStore } from '../accounts/account-store';
import type { GatewayConfig } from '../config';
import { REFRESH_TOKEN_PATTERN, type Sessions } from '../sessions/sessions';
import { ACCOUNTS, GATEWAY_CONFIG, SESSIONS } from '../tokens';

const loginBody = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(256) });
const refreshBody = z.strictObject({ refreshToken: z.string().regex(REFRESH_TOKEN_PATTERN, 'the refreshToken this gateway issued at login or at the last refresh') });
/** Compared against for unknown usernames, so their answer takes as long as a real check. */
const DECOY = hashPassword('decoy password for unknown users');

@Controller()
export class AuthController {
  constructor(
    @Inject(ACCOUNTS) private readonly accounts: AccountStore,
    @Inject(SESSIONS) private readonly sessions: Sessions,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Username and password → a short-lived bearer token and a refresh token (a session). Failures
   * are slowed, then the account is locked for a while. An account with an initial password gets
   * only a token for changing it (`mustChangePassword: true`, no refresh token).
   */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('api/v1/auth/login')
  @HttpCode(200)
  @ZodApiBody(loginBody)
  async login(@Body(new ZodPipe(loginBody)) body: z.infer<typeof loginBody>, @Res({ passthrough: true }) res: Response) {
    const account = this.accounts.find(body.username);
    const now = new Date();
    if (account && isLocked(account.throttle, now)) {
      res.setHeader('Retry-After', String(Math.ceil((Date.parse(account.throttle.lockedUntil!) - now.getTime()) / 1000)));
      throw new HttpException('too many failed logins: this account is locked for a while', 429);
    }
    const valid = await verifyPassword(body.password, account?.passwordHash ?? (await DECOY));
    if (!account || !valid || account.disabled) {
      if (account && !valid) {
        const failures = this.accounts.recordFailure(account.username, THROTTLE.lockAfter, lockExpiry(now));
        await sleep(delayAfterFailure(failures));
      }
      throw new UnauthorizedException('unknown username, wrong password, or a disabled account');
    }
    if (account.throttle.failures > 0) this.accounts.setThrottle(account.username, afterSuccess());
    return this.sessions.signIn(account, now);
  }

  /** A refresh token → a new access token and a new refresh token (the one sent is spent). */
  @Public()
  @Post('api/v1/auth/refresh')
  @HttpCode(200)
  @ZodApiBody(refreshBody)
  refresh(@Body(new ZodPipe(refreshBody)) body: z.infer<typeof refreshBody>) {
    return this.sessions.refresh(body.refreshToken);
  }

  /** Sign-out: the session ends, its refresh token is refused from now on. Access tokens already issued expire on their own. */
  @Public()
  @Post('api/v1/auth/logout')
  @HttpCode(204)
  @ZodApiBody(refreshBody)
  logout(@Body(new ZodPipe(refreshBody)) body: z.infer<typeof refreshBody>): void {
    this.sessions.signOut(body.refreshToken);
  }

  /** The public half of the signing key: services (and any relying party) verify tokens with it. */
  @Public()
  @Get('.well-known/jwks.json')
  jwks() {
    return readJwks(this.config.dataDir);
  }
}
