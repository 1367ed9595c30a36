import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule, type ServiceConfig } from '@pledgebook/nest';
import { RewardFeatureModule } from '@pledgebook/reward-feature';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [ServicePlatformModule.forRoot(config), RewardFeatureModule] };
  }
}
