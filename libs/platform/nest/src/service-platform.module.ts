import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, Reflector } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { HealthController } from './health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { InfrastructureModule } from './infrastructure.module';
import type { ServiceConfig } from './service-config';

/** What every service has: the ports, a token on every route, problem documents, health. */
@Module({})
export class ServicePlatformModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [InfrastructureModule.forRoot(config)],
      controllers: [HealthController],
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(config.auth) },
        { provide: APP_GUARD, useFactory: (reflector: Reflector, verifier: TokenVerifier) => new AuthGuard(reflector, verifier), inject: [Reflector, TokenVerifier] },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [InfrastructureModule],
    };
  }
}
