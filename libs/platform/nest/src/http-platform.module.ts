import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, Reflector } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { BureauAccessGuard } from './auth/bureau-access';
import { TokenVerifier, type AuthConfig } from './auth/token-verifier';
import { ProblemDetailsFilter } from './http/problem-details.filter';

/** A bearer token on every route unless @Public(), and problem documents for every error. */
@Module({})
export class HttpPlatformModule {
  static forRoot(auth: AuthConfig): DynamicModule {
    return {
      module: HttpPlatformModule,
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(auth) },
        { provide: APP_GUARD, useFactory: (reflector: Reflector, verifier: TokenVerifier) => new AuthGuard(reflector, verifier), inject: [Reflector, TokenVerifier] },
        // After the auth guard (guards run in the order they are provided): the principal is known.
        { provide: APP_GUARD, useClass: BureauAccessGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [TokenVerifier],
    };
  }
}
