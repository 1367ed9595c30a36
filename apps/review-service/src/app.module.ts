import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, InfrastructureModule, type ServiceConfig } from '@pledgebook/nest';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [InfrastructureModule.forRoot(config)], controllers: [HealthController] };
  }
}
