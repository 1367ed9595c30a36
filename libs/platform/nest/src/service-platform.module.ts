import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HttpPlatformModule } from './http-platform.module';
import { InfrastructureModule } from './infrastructure.module';
import type { ServiceConfig } from './service-config';

/** What every service has: the ports, a token on every route, problem documents, health. */
@Module({})
export class ServicePlatformModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [InfrastructureModule.forRoot(config), HttpPlatformModule.forRoot(config.auth)],
      controllers: [HealthController],
      exports: [InfrastructureModule],
    };
  }
}
