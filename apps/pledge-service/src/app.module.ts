import { Module, type DynamicModule } from '@nestjs/common';
import { EvidenceStorageModule, ServicePlatformModule, type ServiceConfig } from '@pledgebook/nest';
import { PledgeFeatureModule } from '@pledgebook/pledge-feature';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [ServicePlatformModule.forRoot(config), EvidenceStorageModule.forRoot(config), PledgeFeatureModule] };
  }
}
