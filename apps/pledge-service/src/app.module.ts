import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule, type ServiceConfig } from '@pledgebook/nest';
import { PledgeFeatureModule } from '@pledgebook/pledge-feature';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [ServicePlatformModule.forRoot(config), PledgeFeatureModule] };
  }
}
