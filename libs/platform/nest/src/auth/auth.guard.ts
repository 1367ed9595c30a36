import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, type AuthenticatedRequest } from './principal';
import { TokenRejected, type TokenVerifier } from './token-verifier';

function denied(why: string): never {
  throw new UnauthorizedException(`authentication required: ${why}`);
}

/** Global guard: every route needs a valid bearer token unless marked @Public(). Denials are audited by the filter. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) return denied('no bearer token');
    try {
      request.principal = await this.verifier.verify(token);
      return true;
    } catch (error) {
      return denied(error instanceof TokenRejected ? error.message : 'token could not be verified');
    }
  }
}
